import { randomUUID } from 'node:crypto';
import { decryptField, encryptField } from '../../../security/crypto';
import { canHoldCases } from '../../../security/policy';
import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { asSystemWithin } from '../../db/rls-context';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { openCaseKey } from './case-crypto';
import { grantsForTeam, insertGrant } from './case-access.repository';
import { findCaseKey } from './case-keys.repository';
import { findActorTeam, findCase } from './cases.repository';
import type { BreakGlassReview } from './cases.schemas';
import type { CasesDeps } from './cases.service';

/** How long a break-glass grant opens a case; it then ends by itself (RLS compares expires_at). */
export const BREAK_GLASS_MINUTES = 60;
const REVIEW_PAGE = 200;

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
    const dataKey = openCaseKey(deps.keyring, caseId, target.key);
    const grant = await insertGrant(trx, {
      id,
      caseId,
      userId: actor.id,
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

/** The supervisor's queue: break-glass grants on their team's cases, justifications decrypted. */
export async function reviewQueue(deps: CasesDeps, actor: StaffActor): Promise<BreakGlassReview[]> {
  if (actor.role !== 'supervisor') throw problems.forbidden();
  return inActorTransaction(deps.store, actor, async (trx) => {
    const team = await findActorTeam(trx, actor.id);
    if (!team?.team_id) return [];
    const grants = await grantsForTeam(trx, team.team_id, REVIEW_PAGE);
    const keys = new Map<string, Buffer | null>();
    const reviews: BreakGlassReview[] = [];
    for (const g of grants) {
      if (!keys.has(g.case_id)) {
        const wrapped = g.erased_at ? undefined : await findCaseKey(trx, g.case_id);
        keys.set(g.case_id, wrapped ? openCaseKey(deps.keyring, g.case_id, wrapped) : null);
      }
      const dataKey = keys.get(g.case_id);
      reviews.push({
        grantId: g.id,
        caseId: g.case_id,
        caseNumber: g.case_number,
        userId: g.user_id,
        createdAt: g.created_at.toISOString(),
        expiresAt: g.expires_at.toISOString(),
        active: g.expires_at.getTime() > Date.now(),
        justification:
          dataKey && g.justification_enc
            ? decryptField(dataKey, justificationAddress(g.id), Buffer.from(g.justification_enc))
            : null,
      });
    }
    record(trx, { action: 'review.read', outcome: 'success', purpose: 'view' });
    return reviews;
  });
}
