import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { canHoldCases, needsApproval } from '../../../security/policy';
import type { StaffActor } from '../../db/actor-transaction';
import { onAuditedRecord } from '../../db/audited-record';
import { violatedUniqueConstraint } from '../../db/errors';
import type { DB } from '../../db/schema';
import { problems } from '../../http/problem';
import {
  findActorTeam,
  findAttachment,
  isMinorBand,
  visibleCase,
  withCase,
  type CasesDeps,
  type VisibleCase,
} from '../cases';
import { toConsent } from './consent-view';
import {
  consentsOfCase,
  findConsent,
  insertConsent,
  insertConsentEvent,
  type ConsentRow,
} from './consents.repository';
import type { Consent, NewConsent, Revocation, RevokeConsent } from './consents.schemas';

/** What revoking a consent did to the referrals made under it (the referrals module does it). */
export type RevocationEffects = Omit<Revocation, 'consent'>;

export interface ConsentsDeps extends CasesDeps {
  clock: () => Date;
  /** Runs in the revocation's own transaction: withdraw, close packages. */
  onRevoked: (
    trx: Transaction<DB>,
    actor: StaffActor,
    consentId: string,
  ) => Promise<RevocationEffects>;
}

const minorCase = (kase: VisibleCase) => isMinorBand(kase.row.age_band);

export function listConsents(deps: ConsentsDeps, actor: StaffActor, caseId: string) {
  const audit = { action: 'consent.list', purpose: 'view' } as const;
  return withCase(deps, actor, caseId, audit, async (trx, kase) => {
    const now = deps.clock();
    return (await consentsOfCase(trx, caseId)).map((row) => toConsent(row, minorCase(kase), now));
  });
}

/** Records a consent, or a new version of one (the old one stays as it was, superseded). */
export async function recordConsent(
  deps: ConsentsDeps,
  actor: StaffActor,
  caseId: string,
  input: NewConsent,
): Promise<Consent> {
  const now = deps.clock();
  if (Date.parse(input.givenAt) > now.getTime()) {
    throw fieldError('body.givenAt', 'in_future', 'Consent cannot be given in the future');
  }
  const id = randomUUID();
  try {
    return await withCase(deps, actor, caseId, { action: 'consent.create' }, async (trx, kase) => {
      if (input.givenBy === 'person' && minorCase(kase)) {
        throw fieldError(
          'body.givenBy',
          'minor_needs_guardian',
          "A minor's consent is given by a guardian or a best-interest determination",
        );
      }
      const version = input.supersedes ? await nextVersion(trx, caseId, input.supersedes) : 1;
      if (input.evidenceAttachmentId) {
        const evidence = await findAttachment(trx, caseId, input.evidenceAttachmentId);
        if (!evidence) {
          throw fieldError(
            'body.evidenceAttachmentId',
            'not_found',
            'No such attachment on this case',
          );
        }
      }
      await insertConsent(trx, {
        id,
        case_id: caseId,
        version,
        supersedes_id: input.supersedes ?? null,
        given_by: input.givenBy,
        method: input.method,
        given_at: new Date(input.givenAt),
        valid_until: input.validUntil ? new Date(input.validUntil) : null,
        purposes: input.purposes,
        scope: JSON.stringify(input.scope),
        evidence_attachment_id: input.evidenceAttachmentId ?? null,
        recorded_by: actor.id,
      });
      const row = await findConsent(trx, id);
      if (!row) throw new Error('a consent just recorded is not visible');
      return toConsent(row, minorCase(kase), now);
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'consents_supersedes_id_key') {
      throw problems.conflict('consent_superseded', 'That consent already has a newer version');
    }
    throw error;
  }
}

async function nextVersion(trx: Transaction<DB>, caseId: string, supersedes: string) {
  const previous = await findConsent(trx, supersedes);
  if (!previous || previous.case_id !== caseId) {
    throw fieldError('body.supersedes', 'not_found', 'No such consent on this case');
  }
  if (previous.superseded) {
    throw problems.conflict('consent_superseded', 'That consent already has a newer version');
  }
  if (previous.revoked_at) {
    throw problems.conflict('consent_revoked', 'A revoked consent cannot be changed');
  }
  return previous.version + 1;
}

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
        throw problems.conflict(
          'four_eyes',
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
 * Revocation stops every future disclosure under the consent at once; the
 * referrals made under it are withdrawn or closed in the same transaction.
 */
export function revokeConsent(
  deps: ConsentsDeps,
  actor: StaffActor,
  consentId: string,
  input: RevokeConsent,
): Promise<Revocation> {
  const audit = { action: 'consent.revoke', purpose: input.reason };
  return onConsent(deps, actor, consentId, audit, async (trx, consent, kase) => {
    if (consent.revoked_at) throw problems.conflict('consent_revoked', 'Already revoked');
    await insertConsentEvent(trx, {
      consentId,
      kind: 'revoked',
      reason: input.reason,
      actorId: actor.id,
    });
    const effects = await deps.onRevoked(trx, actor, consentId);
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
  audit: { action: string; purpose?: string },
  work: (trx: Transaction<DB>, consent: ConsentRow, kase: VisibleCase) => Promise<T>,
): Promise<T> {
  if (!canHoldCases(actor)) throw problems.forbidden();
  const useCase = {
    resource: { type: 'consent', id: consentId },
    exists: async (trx: Transaction<DB>) => (await findConsent(trx, consentId)) !== undefined,
    audit,
  };
  try {
    return await onAuditedRecord(deps.store, actor, useCase, async (trx) => {
      const consent = await findConsent(trx, consentId);
      if (!consent) throw problems.notFound();
      return work(trx, consent, await visibleCase(deps, actor, trx, consent.case_id));
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'consent_events_consent_id_kind_key') {
      throw problems.conflict('consent_closed', 'This consent is already approved or revoked');
    }
    throw error;
  }
}

function fieldError(path: string, code: string, message: string) {
  return problems.validation([{ path, code, message }]);
}
