/**
 * In-process measurements that have no HTTP endpoint yet:
 * - audited vs un-audited write transactions (the cost of the audit chain,
 *   and whether its head lock serialises writers);
 * - argon2id password verification through the capped PasswordHasher.
 * Each runs CONCURRENCY workers for a fixed time and counts completions.
 */
import { randomBytes } from 'node:crypto';
import { PasswordHasher, HasherSaturatedError } from '../../security/passwords';
import { inActorTransaction, type DbActor, type Store } from '../../server/db/actor-transaction';
import { openEmbeddedDatabase, openServerDatabase, type Database } from '../../server/db/database';
import { record } from '../../server/modules/audit';

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
): Promise<{ rows: InProcessRow[]; auditRatio: number }> {
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

    const hasher = new PasswordHasher();
    const hash = await hasher.hash('Río-montaña-Ñandú-cuarzo-7');
    const verify = await run('argon2id verify (capped hasher)', seconds, () =>
      hasher.verify(hash, 'Río-montaña-Ñandú-cuarzo-7'),
    );
    return { rows: [plain, audited, verify], auditRatio: audited.perSecond / plain.perSecond };
  } finally {
    await database.close();
  }
}

async function run(
  name: string,
  seconds: number,
  work: () => Promise<unknown>,
): Promise<InProcessRow> {
  const latencies: number[] = [];
  let refused = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
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

export function inProcessReport(result: { rows: InProcessRow[]; auditRatio: number }): string {
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
    '',
  ];
  return lines.join('\n');
}
