import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema';

type Trx = Transaction<DB>;

/** A row per job, so that claims have something to update (the first instance adds them). */
export async function ensureJobRows(trx: Trx, jobs: readonly { name: string }[]): Promise<void> {
  if (jobs.length === 0) return;
  await trx
    .insertInto('scheduled_jobs')
    .values(jobs.map((job) => ({ name: job.name })))
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
}

/**
 * Claims the jobs that are due by the database's clock: one UPDATE, so
 * that of several instances claiming at once exactly one wins each row (the
 * others wait for its lock, then find the row no longer due). Returns the
 * names claimed.
 */
export async function claimDueJobs(
  trx: Trx,
  jobs: readonly { name: string; intervalSeconds: number }[],
  instance: string,
): Promise<string[]> {
  if (jobs.length === 0) return [];
  const due = sql.join(
    jobs.map((job) => sql`(${job.name}::text, ${job.intervalSeconds}::double precision)`),
  );
  const { rows } = await sql<{ name: string }>`
    update scheduled_jobs j
       set runs = j.runs + 1, last_started_at = now(), last_instance = ${instance}
      from (values ${due}) as due (name, seconds)
     where j.name = due.name
       and (j.last_started_at is null
            or j.last_started_at <= now() - make_interval(secs => due.seconds))
    returning j.name`.execute(trx);
  return rows.map((row) => row.name);
}

export async function recordFinished(trx: Trx, name: string): Promise<void> {
  await trx
    .updateTable('scheduled_jobs')
    .set({ last_finished_at: sql<Date>`now()` })
    .where('name', '=', name)
    .execute();
}

export async function recordFailed(trx: Trx, name: string): Promise<void> {
  await trx
    .updateTable('scheduled_jobs')
    .set({ last_failed_at: sql<Date>`now()` })
    .where('name', '=', name)
    .execute();
}
