import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { createLogger } from '../../server/http/logger';
import { amparoJobs, DEFAULT_JOB_INTERVALS, JOB_NAMES } from '../../server/jobs';
import { auditAnchorLogger } from '../../server/modules/audit';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

const logs: string[] = [];
const logger = createLogger('info', { write: (line: string) => void logs.push(line) });
const mail = {
  smtpUrl: 'smtp://127.0.0.1:1',
  from: 'amparo@example.org',
  publicUrl: 'https://amparo.test/',
  requireTls: false,
};
const jobsOf = (withMail: boolean) =>
  amparoJobs({
    store: t.store,
    logger,
    intervals: { ...DEFAULT_JOB_INTERVALS, 'referral-expiry': 7 },
    mail: withMail ? mail : undefined,
    anchor: auditAnchorLogger(t.store, logger),
  });

describe(`Amparo's periodic jobs (${engine})`, () => {
  it('are the named jobs at their configured intervals; mail delivery only with SMTP', () => {
    const withMail = jobsOf(true);
    withMail.close();
    expect(withMail.jobs.map((job) => job.name).sort()).toEqual([...JOB_NAMES].sort());
    expect(withMail.jobs.find((job) => job.name === 'referral-expiry')?.intervalSeconds).toBe(7);
    expect(withMail.jobs.find((job) => job.name === 'mail-delivery')?.intervalSeconds).toBe(30);
    const without = jobsOf(false);
    expect(without.jobs.map((job) => job.name)).not.toContain('mail-delivery');
  });

  it('purges expired sessions and expired throttle counters, keeping live ones', async () => {
    const now = Date.now();
    await inActorTransaction(t.store, SYSTEM_ACTOR, async (trx) => {
      for (const table of ['login_throttle', 'certificate_lookup_throttle']) {
        await sql`insert into ${sql.table(table)} (key, points, expire) values
          ('old', 3, ${now - 60_000}), ('live', 2, ${now + 60_000}), ('forever', 1, null)`.execute(
          trx,
        );
      }
    });
    logs.length = 0;
    const { jobs, close } = jobsOf(false);
    await jobs.find((job) => job.name === 'session-purge')?.run();
    close();
    const left = await inActorTransaction(t.store, SYSTEM_ACTOR, async (trx) => {
      const { rows } = await sql<{ key: string }>`
        select key from login_throttle union all select key from certificate_lookup_throttle
        order by key`.execute(trx);
      return rows.map((row) => row.key);
    });
    expect(left).toEqual(['forever', 'forever', 'live', 'live']);
    expect(logs.join('\n')).toMatch(/"counters":2,.*"msg":"purged expired throttle counters"/);
  });

  it('run the referral expiry and the audit anchor without failing on an empty database', async () => {
    logs.length = 0;
    const { jobs } = jobsOf(false);
    for (const name of [
      'referral-expiry',
      'audit-anchor',
      'overdue-referrals',
      'notification-purge',
    ]) {
      await jobs.find((job) => job.name === name)?.run();
    }
    expect(logs.join('\n')).toMatch(/"auditAnchor":"0:[0-9a-f]{64}"/);
  });
});
