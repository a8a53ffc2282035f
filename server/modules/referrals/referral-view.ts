import type { KeyEncryptionKeys } from '../../../security/crypto';
import type { ReferralSide } from '../../../security/policy';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { eventAddress, openReferralKey, unseal } from './referral-crypto';
import { findReferralKey, referralEvents, type ReferralRow } from './referrals.repository';
import type { Referral, ReferralHistoryEntry } from './referrals.schemas';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What a side sees of a referral: the sender also learns which case; the partner never does. */
export function toReferral(row: ReferralRow, side: ReferralSide, now: Date): Referral {
  return {
    id: row.id,
    institutionId: row.institution_id,
    services: row.services as Referral['services'],
    urgency: row.urgency,
    categories: row.categories as Referral['categories'],
    acknowledgeBy: row.acknowledge_by.toISOString(),
    status: row.status,
    overdue: row.status === 'sent' && row.acknowledge_by.getTime() < now.getTime(),
    declineReason: row.decline_reason,
    vitalInterestOverride: row.vital_interest_override,
    openedAt: iso(row.opened_at),
    packageAvailable: row.package_closed_at === null,
    packageClosedReason: row.package_closed_reason,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(side === 'sender' ? { caseId: row.case_id, createdBy: row.created_by } : {}),
  };
}

/** The history, with outcome and feedback decrypted while the referral's key exists. */
export async function historyOf(
  trx: Transaction<DB>,
  keyring: KeyEncryptionKeys,
  referralId: string,
): Promise<ReferralHistoryEntry[]> {
  const events = await referralEvents(trx, referralId);
  const needsKey = events.some((e) => e.outcome_enc || e.feedback_enc);
  const wrapped = needsKey ? await findReferralKey(trx, referralId) : undefined;
  const key = wrapped ? openReferralKey(keyring, referralId, wrapped) : undefined;
  const open = (id: string, field: 'outcome' | 'feedback', sealed: Buffer | null) =>
    key && sealed ? unseal(key, eventAddress(id, field), sealed) : null;
  return events.map((e) => ({
    from: e.from_status,
    to: e.to_status,
    actorKind: e.actor_kind,
    actorId: e.actor_id,
    reason: e.reason,
    outcome: open(e.id, 'outcome', e.outcome_enc),
    feedback: open(e.id, 'feedback', e.feedback_enc),
    at: e.created_at.toISOString(),
  }));
}
