import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../server/db/actor-transaction';
import { openServerDatabase, type Database } from '../../server/db/database';
import { createLogger } from '../../server/http/logger';
import { Scheduler, type Job } from '../../server/jobs';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';

/**
 * Time is the database's: instead of waiting an interval, a test moves a
 * job's last start back by one (`elapse`). Ticks are called by the test, so
 * nothing here depends on timers except the one test of `start`.
 */
let t: TestDatabase;
/** A second instance's connections: its own pool on the server engine. */
let other: Database | undefined;
let otherStore: Store;
const logs: string[] = [];
const logger = createLogger('info', { write: (line: string) => void logs.push(line) });

// One database for the file: each test has jobs of its own names.
beforeAll(async () => {
  t = await openTestDatabase();
  other = t.urls ? await openServerDatabase(t.urls.app, 3) : undefined;
  otherStore = other ? { db: other.db, auditKey: t.store.auditKey } : t.store;
});
beforeEach(() => void (logs.length = 0));
afterAll(async () => {
  await other?.close();
  await t.close();
});

const HOUR = 60 * 60;

function counting(name: string, intervalSeconds = HOUR) {
  const job = { name, intervalSeconds, runs: 0, run: () => Promise.resolve(void job.runs++) };
  return job;
}

interface Row {
  name: string;
  runs: number;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_failed_at: Date | null;
  last_instance: string | null;
  text: string;
}

function row(name: string): Promise<Row | undefined> {
  return inActorTransaction(t.store, SYSTEM_ACTOR, async (trx) => {
    const { rows } = await sql<Row>`
      select j.*, j.runs::int as runs, j::text as text from scheduled_jobs j where j.name = ${name}`.execute(
      trx,
    );
    return rows[0];
  });
}

/** As if `seconds` had passed since the job's last start. */
async function elapse(name: string, seconds: number): Promise<void> {
  await inActorTransaction(t.store, SYSTEM_ACTOR, (trx) =>
    sql`update scheduled_jobs
           set last_started_at = last_started_at - make_interval(secs => ${seconds}::double precision)
         where name = ${name}`.execute(trx),
  );
}

async function tickBoth(a: Scheduler, b: Scheduler): Promise<string[]> {
  const started = (await Promise.all([a.tick(), b.tick()])).flat();
  await Promise.all([a.idle(), b.idle()]);
  return started;
}

describe(`the job scheduler (${engine})`, () => {
  it('runs a job once per interval across two instances claiming at the same moment', async () => {
    const onA = counting('sweep');
    const onB = counting('sweep');
    const a = new Scheduler(t.store, [onA], logger, 'a');
    const b = new Scheduler(otherStore, [onB], logger, 'b');

    expect(await tickBoth(a, b)).toEqual(['sweep']);
    // Not due again within the interval, however often the instances tick.
    for (let i = 0; i < 3; i++) expect(await tickBoth(a, b)).toEqual([]);
    expect(onA.runs + onB.runs).toBe(1);

    for (let interval = 2; interval <= 6; interval++) {
      await elapse('sweep', HOUR);
      expect(await tickBoth(a, b)).toEqual(['sweep']);
      expect(onA.runs + onB.runs).toBe(interval);
    }
    const stored = await row('sweep');
    expect(stored).toMatchObject({ runs: 6, last_failed_at: null });
    expect(['a', 'b']).toContain(stored?.last_instance);
    expect(stored?.last_finished_at?.getTime()).toBeGreaterThanOrEqual(
      stored?.last_started_at?.getTime() ?? Infinity,
    );
  });

  it('is due by the interval of each job', async () => {
    const often = counting('often', 60);
    const rarely = counting('rarely', HOUR);
    const scheduler = new Scheduler(t.store, [often, rarely], logger, 'a');
    expect((await scheduler.tick()).sort()).toEqual(['often', 'rarely']);
    await scheduler.idle();
    await elapse('often', 61);
    await elapse('rarely', 61);
    expect(await scheduler.tick()).toEqual(['often']);
    await scheduler.idle();
    expect([often.runs, rarely.runs]).toEqual([2, 1]);
  });

  it('records a failure without its message, and runs the job again the next interval', async () => {
    let attempts = 0;
    const failing: Job = {
      name: 'fragile',
      intervalSeconds: HOUR,
      run: () => {
        attempts++;
        return Promise.reject(new Error('cannot reach CANARY-7Q'));
      },
    };
    const scheduler = new Scheduler(t.store, [failing], logger, 'a');
    await scheduler.tick();
    await scheduler.idle();
    const failed = await row('fragile');
    expect(failed?.last_failed_at).toBeInstanceOf(Date);
    expect(failed?.last_finished_at).toBeNull();
    expect(failed?.text).not.toContain('CANARY');
    expect(logs.join('\n')).toMatch(/"job":"fragile".*"msg":"periodic job failed"/);

    expect(await scheduler.tick()).toEqual([]);
    await elapse('fragile', HOUR);
    expect(await scheduler.tick()).toEqual(['fragile']);
    await scheduler.idle();
    expect(attempts).toBe(2);
    expect((await row('fragile'))?.runs).toBe(2);
  });

  it('does not start a job again while it still runs here; another instance takes over a claim past its interval', async () => {
    let release: () => void = () => undefined;
    let started = 0;
    const slow: Job = {
      name: 'slow',
      intervalSeconds: HOUR,
      run: () => {
        started++;
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const a = new Scheduler(t.store, [slow], logger, 'a');
    expect(await a.tick()).toEqual(['slow']);
    await elapse('slow', HOUR);
    expect(await a.tick()).toEqual([]);
    expect(started).toBe(1);
    // As if `a` had died mid-run: its claim expires with the interval.
    const b = new Scheduler(
      otherStore,
      [{ ...slow, run: () => Promise.resolve(void started++) }],
      logger,
      'b',
    );
    expect(await b.tick()).toEqual(['slow']);
    await b.idle();
    expect(started).toBe(2);
    expect((await row('slow'))?.last_instance).toBe('b');
    release();
    await a.idle();
    expect((await row('slow'))?.runs).toBe(2);
  });

  it('ticks by itself once started, and stops after the jobs it started have ended', async () => {
    const job = counting('timed', 1);
    const scheduler = new Scheduler(t.store, [job], logger);
    scheduler.start();
    for (let waited = 0; job.runs === 0 && waited < 20_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await scheduler.stop();
    expect(job.runs).toBeGreaterThan(0);
    const stored = await row('timed');
    expect(stored?.last_instance).toMatch(/^\d+@[0-9a-f]{8}$/);
    const runs = job.runs;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(job.runs).toBe(runs);
  });
});
