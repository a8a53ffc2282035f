/**
 * In-process measurements that have no HTTP endpoint yet:
 * - audited vs un-audited write transactions (the cost of the audit chain,
 *   and whether its head lock serialises writers);
 * - argon2id password verification through the capped PasswordHasher;
 * - the login password step over HTTP through that same hasher, with 10 and
 *   with 40 concurrent clients (beyond the cap and its queue: quick 503s);
 * - creating a referral and a partner opening its package (referrals.ts),
 *   beside an audited write transaction and an audited case read.
 * Each runs CONCURRENCY workers (unless said) for a fixed time and counts completions.
 */
import { randomBytes } from 'node:crypto';
import { PasswordHasher, HasherSaturatedError } from '../../security/passwords';
import { inActorTransaction, type DbActor, type Store } from '../../server/db/actor-transaction';
import { openEmbeddedDatabase, openServerDatabase, type Database } from '../../server/db/database';
import { record } from '../../server/modules/audit';
import { loginWorkload } from './login';
import { referralWorkload } from './referrals';

const CONCURRENCY = 10;
const ADMIN: DbActor = {
  id: '11111111-1111-4111-8111-111111111111',
  role: 'admin',
  institutionId: null,
};

export interface InProcessRow {
  name: string;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  refused: number;
}

export async function measureInProcess(
  appUrl: string | undefined,
  seconds: number,
): Promise<InProcessResult> {
  const database: Database = appUrl
    ? await openServerDatabase(appUrl, CONCURRENCY)
    : await openEmbeddedDatabase({ memory: true });
  try {
    const store: Store = { db: database.db, auditKey: randomBytes(32) };
    const write = (audited: boolean) => () =>
      inActorTransaction(store, ADMIN, async (trx) => {
        const { id } = await trx
          .insertInto('institutions')
          .values({ name: `Bench ${randomBytes(8).toString('hex')}`, sector: 'other' })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (audited) {
          record(trx, {
            action: 'institution.create',
            outcome: 'success',
            resourceType: 'institution',
            resourceId: id,
          });
        }
      });
    const plain = await run('write transaction, no audit', seconds, write(false));
    const audited = await run('write transaction + audit event', seconds, write(true));
    const referrals = await referralWorkload(store);
    const refer = await run('create referral (service)', seconds, referrals.refer);
    const caseRead = await run('case read, decrypted (service)', seconds, referrals.readCase);
    const packageRead = await run('partner package read (service)', seconds, referrals.readPackage);

    const hasher = new PasswordHasher();
    const hash = await hasher.hash('Río-montaña-Ñandú-cuarzo-7');
    const verify = await run('argon2id verify (capped hasher)', seconds, () =>
      hasher.verify(hash, 'Río-montaña-Ñandú-cuarzo-7'),
    );
    const workload = await loginWorkload(database, store, hasher);
    try {
      const login = await run('login password step (HTTP)', seconds, workload.login);
      const burst = await run('login, 40 clients (HTTP)', seconds, workload.login, 40);
      return {
        rows: [plain, audited, refer, caseRead, packageRead, verify, login, burst],
        auditRatio: audited.perSecond / plain.perSecond,
        referralRatio: refer.perSecond / audited.perSecond,
        packageRatio: packageRead.perSecond / caseRead.perSecond,
        loginRatio: login.perSecond / verify.perSecond,
      };
    } finally {
      await workload.close();
    }
  } finally {
    await database.close();
  }
}

export interface InProcessResult {
  rows: InProcessRow[];
  auditRatio: number;
  /** Referrals created per second / audited write transactions per second. */
  referralRatio: number;
  /** Partner package reads per second / caseworker case reads per second. */
  packageRatio: number;
  /** Logins per second over HTTP divided by bare capped verifications per second. */
  loginRatio: number;
}

async function run(
  name: string,
  seconds: number,
  work: () => Promise<unknown>,
  concurrency = CONCURRENCY,
): Promise<InProcessRow> {
  const latencies: number[] = [];
  let refused = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await work();
          latencies.push(performance.now() - t0);
        } catch (error) {
          if (!(error instanceof HasherSaturatedError)) throw error;
          refused++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { name, perSecond: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), refused };
}

export function inProcessReport(result: InProcessResult): string {
  const lines = [
    '',
    `in-process (${CONCURRENCY} concurrent workers)`,
    `${'measurement'.padEnd(34)}${'per s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'refused'.padStart(9)}`,
    ...result.rows.map(
      (r) =>
        `${r.name.padEnd(34)}${r.perSecond.toFixed(1).padStart(9)}${r.p50Ms.toFixed(2).padStart(9)}` +
        `${r.p99Ms.toFixed(2).padStart(9)}${String(r.refused).padStart(9)}`,
    ),
    '',
    `audited/un-audited write transactions per second: ${result.auditRatio.toFixed(2)}`,
    `referrals created / audited write transactions per second: ${result.referralRatio.toFixed(2)}`,
    `partner package reads / case reads per second: ${result.packageRatio.toFixed(2)}`,
    `login password steps over HTTP / capped argon2id verifications per second: ${result.loginRatio.toFixed(2)}`,
    '',
  ];
  return lines.join('\n');
}
