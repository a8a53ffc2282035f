import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { transitionRefusal } from '../../../security/policy';
import type { StaffActor } from '../../db/actor-transaction';
import { asSystemWithin } from '../../db/rls-context';
import type { DB } from '../../db/schema';
import type { ReferralStatus } from '../../db/schema.partners';
import { problems } from '../../http/problem';
import { record } from '../audit';
import type { RevocationEffects } from '../consents';
import { isStaff, withReferral, type ReferralActor, type ReferralsDeps } from './referral-access';
import { eventAddress, openReferralKey, seal } from './referral-crypto';
import { historyOf, toReferral } from './referral-view';
import {
  closePackages,
  deletePackages,
  findReferral,
  findReferralKey,
  insertReferralEvent,
  moveReferral,
  openReferralsUnderConsent,
} from './referrals.repository';
import type { Referral, ReferralTransition } from './referrals.schemas';

/**
 * One step of the lifecycle. The receiving side acknowledges, accepts or
 * declines, starts and completes; the sender withdraws. Anything else: 403
 * when the status is never this side's to set, 409 when not reachable now.
 */
export function transitionReferral(
  deps: ReferralsDeps,
  actor: ReferralActor,
  id: string,
  input: ReferralTransition,
): Promise<Referral> {
  const audit = { action: 'referral.transition', purpose: input.to };
  return withReferral(deps, actor, id, audit, async (trx, row, side) => {
    const refusal = transitionRefusal(side, row.status, input.to);
    if (refusal === 'not_yours') throw problems.forbidden();
    if (refusal === 'illegal') throw illegal(row.status, input.to);
    const now = deps.clock();
    const moved = await moveReferral(trx, id, row.status, {
      status: input.to,
      decline_reason: input.to === 'declined' ? (input.reason ?? null) : row.decline_reason,
      updated_at: now,
    });
    if (!moved) throw illegal(row.status, input.to);
    const eventId = randomUUID();
    const sealed = await sealCompletion(deps, trx, id, eventId, input);
    await insertReferralEvent(trx, {
      id: eventId,
      referral_id: id,
      from_status: row.status,
      to_status: input.to,
      actor_kind: isStaff(actor) ? 'user' : 'institution_system',
      actor_id: actor.id,
      reason: input.reason ?? null,
      ...sealed,
      created_at: now,
    });
    const updated = await findReferral(trx, id);
    if (!updated) throw new Error('a referral vanished inside its own transaction');
    return { ...toReferral(updated, side, now), history: await historyOf(trx, deps.keyring, id) };
  });
}

async function sealCompletion(
  deps: ReferralsDeps,
  trx: Transaction<DB>,
  referralId: string,
  eventId: string,
  input: ReferralTransition,
) {
  if (input.outcome === undefined && input.feedback === undefined) return {};
  const wrapped = await findReferralKey(trx, referralId);
  if (!wrapped) throw problems.conflict('case_erased', 'The case of this referral was erased');
  const key = openReferralKey(deps.keyring, referralId, wrapped);
  return {
    outcome_enc: input.outcome ? seal(key, eventAddress(eventId, 'outcome'), input.outcome) : null,
    feedback_enc: input.feedback
      ? seal(key, eventAddress(eventId, 'feedback'), input.feedback)
      : null,
  };
}

const illegal = (from: ReferralStatus, to: ReferralStatus) =>
  problems.conflict('illegal_transition', 'Not a legal transition', `From ${from} to ${to}.`);

const ENDED: readonly ReferralStatus[] = ['declined', 'completed', 'withdrawn', 'expired'];

/**
 * The referral side of a consent revocation, in its transaction: every
 * package shared under the consent is destroyed; referrals whose package was
 * never opened are withdrawn; opened ones keep their status and history.
 */
async function onConsentRevoked(
  trx: Transaction<DB>,
  actor: StaffActor,
  consentId: string,
  now: Date,
): Promise<RevocationEffects> {
  const referrals = await openReferralsUnderConsent(trx, consentId);
  let withdrawn = 0;
  for (const r of referrals) {
    if (r.opened_at || ENDED.includes(r.status)) continue;
    await moveReferral(trx, r.id, r.status, { status: 'withdrawn', updated_at: now });
    await insertReferralEvent(trx, {
      referral_id: r.id,
      from_status: r.status,
      to_status: 'withdrawn',
      actor_kind: 'user',
      actor_id: actor.id,
      reason: 'consent_revoked',
      created_at: now,
    });
    record(trx, {
      action: 'referral.transition',
      outcome: 'success',
      resourceType: 'referral',
      resourceId: r.id,
      purpose: 'withdrawn',
    });
    withdrawn += 1;
  }
  const ids = referrals.map((r) => r.id);
  await closePackages(trx, ids, now);
  const closed = await asSystemWithin(trx, actor, () => deletePackages(trx, ids));
  for (const id of ids) {
    record(trx, {
      action: 'referral.package.close',
      outcome: 'success',
      resourceType: 'referral',
      resourceId: id,
      purpose: 'consent_revoked',
    });
  }
  return { withdrawnReferrals: withdrawn, closedPackages: closed };
}

/** The consents module's `onRevoked`, measured on the app's clock. */
export const revocationEffects =
  (clock: () => Date) => (trx: Transaction<DB>, actor: StaffActor, consentId: string) =>
    onConsentRevoked(trx, actor, consentId, clock());
