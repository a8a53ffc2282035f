import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../db/actor-transaction';
import { claimDueJobs, ensureJobRows, recordFailed, recordFinished } from './scheduled-jobs';

/** A periodic job: `run` opens its own transactions and logs its own results (counts only). */
export interface Job {
  name: string;
  intervalSeconds: number;
  run(): Promise<void>;
}

/** The longest time between two ticks: a job starts at most this late after it is due. */
export const MAX_TICK_MS = 5_000;

/** A label for this process in `scheduled_jobs.last_instance`: its pid and random bits, no host name. */
export function instanceLabel(): string {
  return `${process.pid}@${randomBytes(4).toString('hex')}`;
}

/**
 * Runs each job once per interval across every instance on the database.
 * Each tick claims the due jobs in one short transaction — a conditional
 * UPDATE of their rows in `scheduled_jobs` (due: never started, or last
 * started at least an interval ago by the database's clock), which exactly
 * one instance wins — then runs them outside it, each in its own
 * transactions (on the embedded engine a transaction inside another would
 * wait for ever), and records how each ended. A job still running in this
 * process is not claimed again by it; an instance that dies mid-run leaves a
 * claim that simply expires with the interval. Our own few lines rather than
 * a job queue: the jobs are idempotent sweeps that need "at most once per
 * interval", not queued work.
 */
export class Scheduler {
  private readonly running = new Map<string, Promise<void>>();
  private ticking: Promise<string[]> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private rowsEnsured = false;

  constructor(
    private readonly store: Store,
    private readonly jobs: readonly Job[],
    private readonly logger: Logger,
    readonly instance: string = instanceLabel(),
  ) {}

  /** Ticks every min(MAX_TICK_MS, shortest interval); the timer does not keep the process alive. */
  start(): void {
    if (this.timer || this.jobs.length === 0) return;
    const shortest = Math.min(...this.jobs.map((job) => job.intervalSeconds * 1000));
    this.timer = setInterval(() => void this.tick(), Math.min(MAX_TICK_MS, shortest));
    this.timer.unref();
  }

  /** Stops ticking; resolves once the jobs this process started have ended. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    await this.idle();
  }

  /**
   * One pass: claims the due jobs not running here and starts them. Resolves
   * with the names it started (not waiting for them: see `idle`). A tick
   * while another is still claiming is skipped.
   */
  tick(): Promise<string[]> {
    this.ticking ??= this.claimAndStart().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /** Resolves once every job this scheduler has started has ended. */
  async idle(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }

  private async claimAndStart(): Promise<string[]> {
    const candidates = this.jobs.filter((job) => !this.running.has(job.name));
    if (candidates.length === 0) return [];
    let claimed: string[];
    try {
      claimed = await inActorTransaction(this.store, SYSTEM_ACTOR, async (trx) => {
        if (!this.rowsEnsured) await ensureJobRows(trx, this.jobs);
        return claimDueJobs(trx, candidates, this.instance);
      });
      this.rowsEnsured = true;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not claim periodic jobs');
      return [];
    }
    for (const job of candidates.filter((candidate) => claimed.includes(candidate.name))) {
      this.running.set(
        job.name,
        this.runOnce(job).finally(() => this.running.delete(job.name)),
      );
    }
    return claimed;
  }

  private async runOnce(job: Job): Promise<void> {
    let failed = false;
    try {
      await job.run();
    } catch (error) {
      failed = true;
      this.logger.warn({ err: error, job: job.name }, 'periodic job failed');
    }
    try {
      await inActorTransaction(this.store, SYSTEM_ACTOR, (trx) =>
        failed ? recordFailed(trx, job.name) : recordFinished(trx, job.name),
      );
    } catch (error) {
      this.logger.warn({ err: error, job: job.name }, 'could not record the end of a periodic job');
    }
  }
}
