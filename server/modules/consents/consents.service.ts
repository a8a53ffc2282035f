import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { StaffActor } from '../../db/actor-transaction';
import { violatedUniqueConstraint } from '../../db/errors';
import type { DB } from '../../db/schema';
import { problems } from '../../http/problem';
import {
  findAttachment,
  isMinorBand,
  lockedCase,
  withCase,
  type CasesDeps,
  type VisibleCase,
} from '../cases';
import { toConsent } from './consent-view';
import { consentsOfCase, findConsent, insertConsent } from './consents.repository';
import type { Consent, NewConsent, Revocation } from './consents.schemas';

/** What revoking a consent did to the referrals made under it (the referrals module does it). */
export type RevocationEffects = Omit<Revocation, 'consent'>;

export interface ConsentsDeps extends CasesDeps {
  clock: () => Date;
  /** Runs in the revocation's own transaction, for every version of the consent. */
  onRevoked: (
    trx: Transaction<DB>,
    actor: StaffActor,
    consentIds: string[],
  ) => Promise<RevocationEffects>;
}

const RECORD_CONSENT = { action: 'consent.create', needs: 'record_consent' } as const;

export const minorCase = (kase: VisibleCase) => isMinorBand(kase.row.age_band);

export function listConsents(deps: ConsentsDeps, actor: StaffActor, caseId: string) {
  const audit = { action: 'consent.list', purpose: 'view', needs: 'read' } as const;
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
    return await withCase(deps, actor, caseId, RECORD_CONSENT, async (trx, kase) => {
      if (input.givenBy === 'person' && minorCase(kase)) {
        throw fieldError(
          'body.givenBy',
          'minor_needs_guardian',
          "A minor's consent is given by a guardian or a best-interest determination",
        );
      }
      // A new version is serialised with revocation on the same case (which locks it for
      // update): it either sees the revocation, or the revocation sees it.
      if (input.supersedes) await lockedCase(trx, kase, 'update');
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

function fieldError(path: string, code: string, message: string) {
  return problems.validation([{ path, code, message }]);
}
