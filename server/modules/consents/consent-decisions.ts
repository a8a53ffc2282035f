import type { Transaction } from 'kysely';
import { canHoldCases, needsApproval } from '../../../security/policy';
import type { StaffActor } from '../../db/actor-transaction';
import { onAuditedRecord, type RecordUseCase } from '../../db/audited-record';
import { violatedUniqueConstraint } from '../../db/errors';
import type { DB } from '../../db/schema';
import { problems } from '../../http/problem';
import { assertMayAct, findActorTeam, lockedCase, visibleCase, type VisibleCase } from '../cases';
import { toConsent } from './consent-view';
import {
  consentVersions,
  findConsent,
  insertConsentEvent,
  type ConsentRow,
} from './consents.repository';
import type { Consent, Revocation, RevokeConsent } from './consents.schemas';
import { minorCase, type ConsentsDeps } from './consents.service';

/**
 * A supervisor of the case's team approves a guardian's consent or a
 * best-interest determination; never one they recorded themselves.
 */
export function approveConsent(deps: ConsentsDeps, actor: StaffActor, consentId: string) {
  return onConsent(
    deps,
    actor,
    consentId,
    { action: 'consent.approve' },
    async (trx, consent, kase) => {
      if (actor.role !== 'supervisor') throw problems.forbidden();
      // The case's own team decides, never someone who reached it by break-glass.
      if ((await findActorTeam(trx, actor.id))?.team_id !== kase.row.team_id) {
        throw problems.forbidden();
      }
      if (!needsApproval(consent.given_by)) {
        throw problems.conflict('approval_not_needed', "A person's own consent needs no approval");
      }
      if (consent.recorded_by === actor.id) {
        throw problems.fourEyes(
          'Another supervisor must approve',
          'The person who recorded a consent cannot approve it.',
        );
      }
      if (consent.revoked_at || consent.approved_at) {
        throw problems.conflict('consent_closed', 'This consent is already approved or revoked');
      }
      await insertConsentEvent(trx, { consentId, kind: 'approved', actorId: actor.id });
      return reloaded(deps, trx, consentId, kase);
    },
  );
}

/**
 * Revocation stops every future disclosure under the consent at once: its
 * current version is revoked, and the referrals made under any of its
 * versions are withdrawn or closed in the same transaction. The case is
 * locked first, so no referral of it is being created meanwhile.
 */
export function revokeConsent(
  deps: ConsentsDeps,
  actor: StaffActor,
  consentId: string,
  input: RevokeConsent,
): Promise<Revocation> {
  const audit = { action: 'consent.revoke', purpose: input.reason } as const;
  return onConsent(deps, actor, consentId, audit, async (trx, found, kase) => {
    await lockedCase(trx, kase, 'update');
    // Read again under the lock: a new version (or a revocation) may have committed meanwhile.
    const consent = (await findConsent(trx, consentId)) ?? found;
    if (consent.revoked_at) throw problems.conflict('consent_revoked', 'Already revoked');
    if (consent.superseded) {
      throw problems.conflict(
        'consent_superseded',
        'Revoke the current version',
        'Revoking the current version of a consent revokes all its versions.',
      );
    }
    await insertConsentEvent(trx, {
      consentId,
      kind: 'revoked',
      reason: input.reason,
      actorId: actor.id,
    });
    const effects = await deps.onRevoked(trx, actor, await consentVersions(trx, consentId));
    return { consent: await reloaded(deps, trx, consentId, kase), ...effects };
  });
}

async function reloaded(
  deps: ConsentsDeps,
  trx: Transaction<DB>,
  consentId: string,
  kase: VisibleCase,
): Promise<Consent> {
  const row = await findConsent(trx, consentId);
  if (!row) throw new Error('a consent vanished inside its own transaction');
  return toConsent(row, minorCase(kase), deps.clock());
}

/** A use case on one consent: visible only with its case (404 alike otherwise, audited). */
async function onConsent<T>(
  deps: ConsentsDeps,
  actor: StaffActor,
  consentId: string,
  audit: RecordUseCase['audit'],
  work: (trx: Transaction<DB>, consent: ConsentRow, kase: VisibleCase) => Promise<T>,
): Promise<T> {
  if (!canHoldCases(actor)) throw problems.forbidden();
  const useCase = {
    resource: {
      type: 'consent',
      id: consentId,
      exists: async (trx: Transaction<DB>) => (await findConsent(trx, consentId)) !== undefined,
    },
    audit,
  };
  try {
    return await onAuditedRecord(deps.store, actor, useCase, async (trx) => {
      const consent = await findConsent(trx, consentId);
      if (!consent) throw problems.notFound();
      const kase = await visibleCase(deps, actor, trx, consent.case_id);
      // Consent decisions are the case's own team's: never through break-glass.
      assertMayAct(kase, 'decide_consent');
      return work(trx, consent, kase);
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'consent_events_consent_id_kind_key') {
      throw problems.conflict('consent_closed', 'This consent is already approved or revoked');
    }
    throw error;
  }
}
