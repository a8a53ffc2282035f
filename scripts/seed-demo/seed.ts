/**
 * Seeds N fictional cases into a database: the demo world first (world.ts),
 * then batches of planned cases (plan.ts) written in one transaction each
 * (write.ts), progress every 10 %, and one audit event for the whole run.
 */
import { sql } from 'kysely';
import type { KeyEncryptionKeys } from '../../security/crypto';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../server/db/actor-transaction';
import { record } from '../../server/modules/audit';
import type { InstitutionSector } from '../../server/modules/institutions/institutions.schemas';
import { planCase, type PlannedCase, type PlanWorld } from './plan';
import { ensureDemoWorld } from './world';
import { caseNumbers, prepareBatch, writeBatch, type BatchCounts } from './write';

export const DEFAULT_CASES = 200;
export const DEFAULT_BATCH = 5_000;
export const MAX_CASES = 10_000_000;

export interface SeedDemoOptions {
  cases: number;
  /** The same seed, count and reference date give the same fictional data. */
  seed: number;
  /** The period of identification ends the day before this (default: now). */
  asOf?: Date;
  /** Cases per transaction. */
  batchSize?: number;
  /**
   * The store's connection is a superuser's, on a database made for this
   * (the benchmark's): each batch runs with session_replication_role =
   * replica, so no trigger fires (notifications, append-only guards, foreign
   * keys) and row-level security does not apply. The rows are the same.
   */
  bulk?: boolean;
  /** Transactions in flight at once (a server gains from 2; the embedded engine is one connection). */
  parallel?: number;
  log?: (line: string) => void;
}

export interface SeedDemoDeps {
  store: Store;
  keyring: KeyEncryptionKeys;
  blindIndexKey: Buffer;
  leadAgency: { name: string; sector: InstitutionSector };
}

export interface SeedDemoResult extends BatchCounts {
  teamId: string;
  seconds: number;
  casesPerSecond: number;
}

export async function seedDemo(
  deps: SeedDemoDeps,
  options: SeedDemoOptions,
): Promise<SeedDemoResult> {
  const { cases: total, seed } = options;
  if (!Number.isInteger(total) || total < 1 || total > MAX_CASES) {
    throw new RangeError(`--cases must be a whole number from 1 to ${MAX_CASES}`);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const parallel = options.parallel ?? 1;
  const asOf = options.asOf ?? new Date();
  const log = options.log ?? (() => undefined);
  const world = await ensureDemoWorld(deps.store, deps.leadAgency);
  const planWorld: PlanWorld = {
    institutionSectors: world.institutions.map((i) => i.sector),
    caseworkers: world.caseworkers.length,
    supervisors: world.supervisors.length,
  };
  const keys = { keyring: deps.keyring, blindIndexKey: deps.blindIndexKey };
  const counts: BatchCounts = {
    cases: 0,
    consents: 0,
    consentEvents: 0,
    referrals: 0,
    referralEvents: 0,
    packages: 0,
  };
  const started = performance.now();
  let nextReport = 1;
  const done = (written: BatchCounts) => {
    for (const key of Object.keys(counts) as (keyof BatchCounts)[]) counts[key] += written[key];
    const reached = Math.floor((counts.cases * 10) / total);
    if (reached >= nextReport) {
      const seconds = (performance.now() - started) / 1000;
      log(
        `${reached * 10} % — ${counts.cases} cases, ${counts.referrals} referrals ` +
          `(${Math.round(counts.cases / seconds)} cases/s)`,
      );
      nextReport = reached + 1;
    }
  };
  // Up to `parallel` batches in flight, each in its own transaction (on a
  // server, its own connection): the next batch is planned and encrypted here
  // while the database writes the previous ones.
  const inFlight = new Set<Promise<void>>();
  const failures: unknown[] = [];
  for (let from = 0; from < total && failures.length === 0; from += batchSize) {
    const plans: PlannedCase[] = [];
    for (let i = from; i < Math.min(total, from + batchSize); i++) {
      plans.push(planCase(seed, i, total, asOf, planWorld));
    }
    const numbers = await caseNumbers(deps.store.db, plans.length);
    const batch = prepareBatch(keys, world, plans, numbers);
    const writing: Promise<void> = inActorTransaction(deps.store, SYSTEM_ACTOR, async (trx) => {
      if (options.bulk) await sql`set local session_replication_role = replica`.execute(trx);
      return writeBatch(trx, batch);
    }).then(done, (error: unknown) => void failures.push(error));
    inFlight.add(writing);
    void writing.finally(() => inFlight.delete(writing));
    if (inFlight.size >= parallel) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failures.length > 0) throw failures[0];
  const seconds = (performance.now() - started) / 1000;
  // One event for the run (never one per row): who seeded, and into which team.
  await inActorTransaction(deps.store, SYSTEM_ACTOR, (trx) => {
    record(trx, {
      action: 'demo.seed',
      outcome: 'success',
      resourceType: 'team',
      resourceId: world.teamId,
    });
    return Promise.resolve();
  });
  return { ...counts, teamId: world.teamId, seconds, casesPerSecond: counts.cases / seconds };
}
