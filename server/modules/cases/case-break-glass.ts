import { randomUUID } from 'node:crypto';
import { decryptField, encryptField } from '../../../security/crypto';
import { canHoldCases } from '../../../security/policy';
import type { Transaction } from 'kysely';
import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { asSystemWithin } from '../../db/rls-context';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { openCaseKey } from './case-crypto';
import { grantsByIds, insertGrant } from './case-access.repository';
import { findCaseKey } from './case-keys.repository';
import { findCase } from './cases.repository';
import type { BreakGlassReview } from './cases.schemas';
import type { CasesDeps } from './cases.service';

/** How long a break-glass grant opens a case; it then ends by itself (RLS compares expires_at). */
export const BREAK_GLASS_MINUTES = 60;

const justificationAddress = (grantId: string) => ({
  table: 'case_access_grants',
  field: 'justification',
  recordId: grantId,
});

/**
 * A caseworker or supervisor outside the case's team opens it for a limited
 * time, with a written justification (encrypted with the case's key) and a
 * recent step-up. Audited, and listed in the team supervisor's review queue.
 */
export async function breakGlass(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  justification: string,
) {
  if (!canHoldCases(actor)) throw problems.forbidden();
  return inActorTransaction(deps.store, actor, async (trx) => {
    if (await findCase(trx, caseId)) {
      throw problems.conflict('already_accessible', 'You can already open this case');
    }
    // The actor may not see the case yet: its existence and key are read as
    // the system, only to write the grant that the actor is entitled to.
    const target = await asSystemWithin(trx, actor, async () => ({
      row: await findCase(trx, caseId),
      key: await findCaseKey(trx, caseId),
    }));
    if (!target.row) throw problems.notFound();
    if (target.row.erased_at || !target.key) {
      throw problems.conflict('case_erased', 'This case has been erased');
    }
    const id = randomUUID();
    const dataKey = openCaseKey(deps.keyring, target.row.id, target.key);
    const grant = await insertGrant(trx, {
      id,
      caseId: target.row.id,
      userId: actor.id,
      ownerTeamId: target.row.team_id,
      minutes: BREAK_GLASS_MINUTES,
      justificationEnc: encryptField(dataKey, 1, justificationAddress(id), justification),
    });
    record(trx, {
      action: 'case.break_glass',
      outcome: 'success',
      resourceType: 'case',
      resourceId: caseId,
      purpose: 'break_glass',
    });
    return { grantId: grant.id, caseId, expiresAt: grant.expires_at.toISOString() };
  });
}

/** Break-glass grants by id, justifications decrypted (for the review queue). */
export async function breakGlassReviews(
  trx: Transaction<DB>,
  grantIds: string[],
  keys: CaseKeys,
  now: Date,
): Promise<BreakGlassReview[]> {
  const grants = await grantsByIds(trx, grantIds);
  const reviews: BreakGlassReview[] = [];
  for (const g of grants) {
    const dataKey = await keys(g.case_id, g.erased_at);
    reviews.push({
      kind: 'break_glass',
      grantId: g.id,
      caseId: g.case_id,
      caseNumber: g.case_number,
      userId: g.user_id,
      createdAt: g.created_at.toISOString(),
      expiresAt: g.expires_at.toISOString(),
      active: g.expires_at.getTime() > now.getTime(),
      justification:
        dataKey && g.justification_enc
          ? decryptField(dataKey, justificationAddress(g.id), Buffer.from(g.justification_enc))
          : null,
    });
  }
  return reviews;
}

/**
 * Opens case keys for a listing, each once; null for an erased case. Only
 * for cases the actor's row-level security already let the listing return.
 */
export type CaseKeys = (caseId: string, erasedAt: Date | null) => Promise<Buffer | null>;

export function caseKeysWithin(deps: Pick<CasesDeps, 'keyring'>, trx: Transaction<DB>): CaseKeys {
  const keys = new Map<string, Buffer | null>();
  return async (caseId, erasedAt) => {
    if (!keys.has(caseId)) {
      const wrapped = erasedAt ? undefined : await findCaseKey(trx, caseId);
      keys.set(caseId, wrapped ? openCaseKey(deps.keyring, caseId, wrapped) : null);
    }
    return keys.get(caseId) ?? null;
  };
}
