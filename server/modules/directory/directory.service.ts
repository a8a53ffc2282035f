import { canHoldCases } from '../../../security/policy';
import { inActorTransaction, type StaffActor, type Store } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { listStaff, listTeamNames } from './directory.repository';
import type { Directory } from './directory.schemas';

/**
 * The lead agency's teams and its active caseworkers and supervisors, for
 * case work: names for ids, and who may be assigned a case (an active
 * caseworker in a team, as POST /cases/{id}/assign requires). One
 * transaction. Not audited: staff names and teams are institutional
 * information, not case data (like GET /institutions); no case is read.
 */
export function readDirectory(store: Store, actor: StaffActor): Promise<Directory> {
  if (!canHoldCases(actor)) throw problems.forbidden();
  return inActorTransaction(store, actor, async (trx) => {
    const teams = await listTeamNames(trx);
    const staff = await listStaff(trx);
    return {
      teams,
      staff: staff.map((s) => ({
        id: s.id,
        displayName: s.display_name,
        role: s.role,
        teamId: s.team_id,
        assignable: s.role === 'caseworker' && s.team_id !== null,
      })),
    };
  });
}
