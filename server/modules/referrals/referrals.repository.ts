import { sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import type { WrappedKey } from '../../../security/crypto';
import type { DB } from '../../db/schema';
import type { ReferralEventsTable, ReferralsTable, ReferralStatus } from '../../db/schema.partners';

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

export interface ReferralFilter {
  limit: number;
  after?: { createdAt: string; id: string };
  overdueAt?: Date;
  status?: ReferralStatus;
  caseId?: string;
}

/** What row-level security lets the actor see, newest first. */
export function listReferrals(trx: Trx, filter: ReferralFilter): Promise<ReferralRow[]> {
  let query = referrals(trx);
  if (filter.overdueAt) {
    query = query.where('r.status', '=', 'sent').where('r.acknowledge_by', '<', filter.overdueAt);
  }
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.caseId) query = query.where('r.case_id', '=', filter.caseId);
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
  change: { status: ReferralStatus; decline_reason?: string | null; updated_at: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('referrals')
    .set(change)
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

/** Referrals made under a consent that can still move (not ended). */
export function openReferralsUnderConsent(trx: Trx, consentId: string) {
  return (
    trx
      .selectFrom('referrals as r')
      .innerJoin('referral_consents as rc', 'rc.referral_id', 'r.id')
      .select(['r.id', 'r.status', 'r.opened_at'])
      .where('rc.consent_id', '=', consentId)
      // Lock the referrals only: the app role may not lock (update) referral_consents.
      .forUpdate('r')
      .execute()
  );
}

/** The package is destroyed; the referral keeps its status and history. */
export async function closePackages(trx: Trx, referralIds: string[], at: Date): Promise<void> {
  if (referralIds.length === 0) return;
  await trx
    .updateTable('referrals')
    .set({ package_closed_at: at })
    .where('id', 'in', referralIds)
    .where('package_closed_at', 'is', null)
    .execute();
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
