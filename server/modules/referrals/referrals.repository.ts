import { sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import type { WrappedKey } from '../../../security/crypto';
import type { DB } from '../../db/schema';
import type {
  PackageClosedReason,
  ReferralEventsTable,
  ReferralsTable,
  ReferralStatus,
} from '../../db/schema.partners';

type Trx = Transaction<DB>;
export type ReferralRow = Selectable<ReferralsTable>;

export async function insertReferral(
  trx: Trx,
  row: Insertable<ReferralsTable>,
  key: WrappedKey,
  consentIds: string[],
): Promise<void> {
  await trx.insertInto('referrals').values(row).execute();
  await trx
    .insertInto('referral_keys')
    .values({
      referral_id: row.id,
      case_id: row.case_id,
      kek_version: key.kekVersion,
      wrapped_key: key.wrapped,
    })
    .execute();
  if (consentIds.length > 0) {
    await trx
      .insertInto('referral_consents')
      .values(consentIds.map((consent_id) => ({ referral_id: row.id, consent_id })))
      .execute();
  }
}

export async function insertPackage(trx: Trx, referralId: string, contentEnc: Buffer) {
  await trx
    .insertInto('referral_packages')
    .values({ referral_id: referralId, content_enc: contentEnc })
    .execute();
}

export async function insertReferralEvent(trx: Trx, event: Insertable<ReferralEventsTable>) {
  await trx.insertInto('referral_events').values(event).execute();
}

function referrals(trx: Trx) {
  return trx.selectFrom('referrals as r').selectAll('r');
}

export function findReferral(trx: Trx, id: string): Promise<ReferralRow | undefined> {
  return referrals(trx).where('r.id', '=', id).executeTakeFirst();
}

/**
 * The referral as it is once locked for its first open: a revocation deciding
 * whether it was opened, or a withdrawal, decline or erasure closing it, is
 * waited for and seen. Locked for update from the start (the open writes
 * `opened_at`): two opens sharing the row and then both upgrading deadlock.
 */
export function lockReferralForFirstOpen(trx: Trx, id: string): Promise<ReferralRow | undefined> {
  return referrals(trx).where('r.id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

export interface ReferralFilter {
  limit: number;
  after?: { createdAt: string; id: string };
  /** `true`: only referrals overdue at `at`; `false`: only those that are not. */
  overdue?: { at: Date; is: boolean };
  status?: ReferralStatus;
  caseId?: string;
  /** Only referrals of cases the actor holds as their own (not through break-glass). */
  ownCasesOnly?: boolean;
}

/** What row-level security lets the actor see, newest first. */
export function listReferrals(trx: Trx, filter: ReferralFilter): Promise<ReferralRow[]> {
  let query = referrals(trx);
  if (filter.overdue) {
    const { at, is } = filter.overdue;
    query = query.where((eb) => {
      const late = eb.and([eb('r.status', '=', 'sent'), eb('r.acknowledge_by', '<', at)]);
      return is ? late : eb.not(late);
    });
  }
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.caseId) query = query.where('r.case_id', '=', filter.caseId);
  if (filter.ownCasesOnly) query = query.where(sql<boolean>`actor_owns_case_id(r.case_id)`);
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where(sql<boolean>`(r.created_at, r.id) < (${new Date(createdAt)}, ${id}::uuid)`);
  }
  return query
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export function referralEvents(trx: Trx, referralId: string) {
  return trx
    .selectFrom('referral_events')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findReferralKey(
  trx: Trx,
  referralId: string,
): Promise<WrappedKey | undefined> {
  const row = await trx
    .selectFrom('referral_keys')
    .select(['kek_version', 'wrapped_key'])
    .where('referral_id', '=', referralId)
    .executeTakeFirst();
  return row && { kekVersion: row.kek_version, wrapped: Buffer.from(row.wrapped_key) };
}

export async function findPackage(trx: Trx, referralId: string) {
  return trx
    .selectFrom('referral_packages')
    .select(['content_enc', 'created_at'])
    .where('referral_id', '=', referralId)
    .executeTakeFirst();
}

/** Moves a referral only if nobody moved it first (the status is the version). */
export async function moveReferral(
  trx: Trx,
  id: string,
  from: ReferralStatus,
  change: {
    status: ReferralStatus;
    decline_reason?: string | null;
    updated_at: Date;
    /** Ending a referral closes its package in the same row update (a CHECK requires it). */
    closePackage?: { reason: PackageClosedReason; at: Date };
  },
): Promise<boolean> {
  const { closePackage, ...columns } = change;
  const result = await trx
    .updateTable('referrals')
    .set({
      ...columns,
      ...(closePackage
        ? {
            package_closed_at: sql<Date>`coalesce(package_closed_at, ${closePackage.at})`,
            package_closed_reason: sql<PackageClosedReason>`coalesce(package_closed_reason, ${closePackage.reason})`,
          }
        : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function markOpened(trx: Trx, id: string, at: Date): Promise<void> {
  await trx
    .updateTable('referrals')
    .set({ opened_at: at })
    .where('id', '=', id)
    .where('opened_at', 'is', null)
    .execute();
}

/** Referrals made under any of these consents (one consent's versions), locked. */
export function referralsUnderConsents(trx: Trx, consentIds: string[]) {
  return (
    trx
      .selectFrom('referrals as r')
      .select(['r.id', 'r.status', 'r.opened_at', 'r.package_closed_at'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('referral_consents as rc')
            .select('rc.referral_id')
            .whereRef('rc.referral_id', '=', 'r.id')
            .where('rc.consent_id', 'in', consentIds),
        ),
      )
      .orderBy('r.created_at')
      .orderBy('r.id')
      // Lock the referrals only: the app role may not lock (update) referral_consents.
      .forUpdate('r')
      .execute()
  );
}

/** Marks the packages closed (once); returns the ids this call closed. */
export async function markPackagesClosed(
  trx: Trx,
  referralIds: string[],
  reason: PackageClosedReason,
  at: Date,
): Promise<string[]> {
  if (referralIds.length === 0) return [];
  const rows = await trx
    .updateTable('referrals')
    .set({ package_closed_at: at, package_closed_reason: reason })
    .where('id', 'in', referralIds)
    .where('package_closed_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Referrals of a case whose package is still open (erasure closes them). */
export async function referralsWithOpenPackage(trx: Trx, caseId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('referrals')
    .select('id')
    .where('case_id', '=', caseId)
    .where('package_closed_at', 'is', null)
    .forUpdate()
    .execute();
  return rows.map((row) => row.id);
}

/** Runs as the system: the sender decided, but may not read packages. */
export async function deletePackages(trx: Trx, referralIds: string[]): Promise<number> {
  if (referralIds.length === 0) return 0;
  const result = await trx
    .deleteFrom('referral_packages')
    .where('referral_id', 'in', referralIds)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
