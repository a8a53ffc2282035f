import { caseAccess, consentStatus } from '../../../security/policy';
import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { toPage } from '../../http/pagination';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { findActorTeam, isMinorBand } from '../cases';
import { factsOf, toConsent } from './consent-view';
import { pendingApprovalsOfTeam } from './consents.repository';
import type { ConsentListQuery, PendingConsent } from './consents.schemas';
import type { ConsentsDeps } from './consents.service';

/**
 * The supervisor's queue of guardian and best-interest consents awaiting
 * approval on their own team's cases, oldest first, a page at a time. Who may
 * see it is decided as for approving: a supervisor, of the case's team, never
 * by break-glass — in SQL (row-level security and `actor_owns_case`) and here
 * again. One transaction; audited as the case's consent list is
 * (`consent.list`), once per case on the page.
 */
export function pendingApprovals(
  deps: ConsentsDeps,
  actor: StaffActor,
  query: ConsentListQuery,
): Promise<{ items: PendingConsent[]; nextCursor: string | null }> {
  if (actor.role !== 'supervisor') throw problems.forbidden();
  return inActorTransaction(deps.store, actor, async (trx) => {
    const teamId = (await findActorTeam(trx, actor.id))?.team_id;
    if (!teamId) return { items: [], nextCursor: null };
    const now = deps.clock();
    const rows = await pendingApprovalsOfTeam(trx, {
      teamId,
      now,
      after: query.cursor,
      limit: query.limit + 1,
    });
    const page = toPage(rows, query.limit, (last) => ({
      createdAt: last.created_at.toISOString(),
      id: last.id,
    }));
    const ownTeam = { teamId, teamAccess: false, breakGlass: false };
    const items = page.items.flatMap((row): PendingConsent[] => {
      const minor = isMinorBand(row.age_band);
      const mine = caseAccess(actor, ownTeam, { teamId: row.team_id, assignedTo: null });
      if (mine !== 'own' || consentStatus(factsOf(row), minor, now) !== 'pending_approval') {
        return [];
      }
      return [
        {
          ...toConsent(row, minor, now),
          caseNumber: row.case_number,
          mayApprove: row.recorded_by !== actor.id,
        },
      ];
    });
    for (const caseId of new Set(items.map((item) => item.caseId))) {
      record(trx, {
        action: 'consent.list',
        purpose: 'view',
        outcome: 'success',
        resourceType: 'case',
        resourceId: caseId,
      });
    }
    return { items, nextCursor: page.nextCursor };
  });
}
