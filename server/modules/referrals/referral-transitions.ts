import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { transitionRefusal } from '../../../security/policy';
import type { StaffActor } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import type { ReferralStatus } from '../../db/schema.partners';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { assertMayAct } from '../cases';
import type { RevocationEffects } from '../consents';
import { isStaff, withReferral, type ReferralActor, type ReferralsDeps } from './referral-access';
import { eventAddress, openReferralKey, seal } from './referral-crypto';
import { historyOf, toReferral } from './referral-view';
import { CLOSES_PACKAGE, destroyPackages, recordClosure } from './package-closure';
import {
  findReferral,
  findReferralKey,
  insertReferralEvent,
  markPackagesClosed,
  moveReferral,
  referralsUnderConsents,
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
  const audit = { action: 'referral.transition', purpose: input.to } as const;
  return withReferral(deps, actor, id, audit, async (trx, row, { side, breakGlass }) => {
    // The sender's moves are the case's own team's, never a break-glass reader's.
    if (side === 'sender') assertMayAct({ access: breakGlass ? 'break_glass' : 'own' }, 'refer');
    const refusal = transitionRefusal(side, row.status, input.to);
    if (refusal === 'not_yours') throw problems.forbidden();
    if (refusal === 'illegal') throw illegal(row.status, input.to);
    const now = deps.clock();
    const closing = CLOSES_PACKAGE[input.to];
    const moved = await moveReferral(trx, id, row.status, {
      status: input.to,
      decline_reason: input.to === 'declined' ? (input.reason ?? null) : row.decline_reason,
      updated_at: now,
      ...(closing ? { closePackage: { reason: closing, at: now } } : {}),
    });
    if (!moved) throw illegal(row.status, input.to);
    if (closing) {
      if (!row.package_closed_at) recordClosure(trx, id, closing);
      await destroyPackages(trx, actor, [id]);
    }
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
 * package shared under any version of the consent is destroyed; referrals
 * whose package was never opened are withdrawn; opened ones keep their
 * status and history. The caller holds the case's lock, so no referral of
 * the case is being created meanwhile.
 */
async function onConsentRevoked(
  trx: Transaction<DB>,
  actor: StaffActor,
  consentIds: string[],
  now: Date,
): Promise<RevocationEffects> {
  const referrals = await referralsUnderConsents(trx, consentIds);
  const closing = { reason: 'consent_revoked', at: now } as const;
  const stillOpen = referrals.filter((r) => !r.package_closed_at).map((r) => r.id);
  let withdrawn = 0;
  for (const r of referrals) {
    if (r.opened_at || ENDED.includes(r.status)) continue;
    await moveReferral(trx, r.id, r.status, {
      status: 'withdrawn',
      updated_at: now,
      closePackage: closing,
    });
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
  await markPackagesClosed(trx, stillOpen, closing.reason, now);
  for (const id of stillOpen) recordClosure(trx, id, closing.reason);
  const closed = await destroyPackages(
    trx,
    actor,
    referrals.map((r) => r.id),
  );
  return { withdrawnReferrals: withdrawn, closedPackages: closed };
}

/** The consents module's `onRevoked`, measured on the app's clock. */
export const revocationEffects =
  (clock: () => Date) => (trx: Transaction<DB>, actor: StaffActor, consentIds: string[]) =>
    onConsentRevoked(trx, actor, consentIds, clock());
