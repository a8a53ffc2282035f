import { inActorTransaction, type StaffActor, type Store } from '../../db/actor-transaction';
import { violatedUniqueConstraint } from '../../db/errors';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { insertTeam, listTeams } from './teams.repository';
import type { CreateTeam, Team } from './teams.schemas';

export async function createTeam(
  store: Store,
  actor: StaffActor,
  input: CreateTeam,
): Promise<Team> {
  try {
    return await inActorTransaction(store, actor, async (trx) => {
      const team = await insertTeam(trx, input.name);
      record(trx, {
        action: 'team.create',
        outcome: 'success',
        resourceType: 'team',
        resourceId: team.id,
      });
      return team;
    });
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'teams_name_key') {
      throw problems.conflict('team_name_taken', 'A team with this name exists');
    }
    throw error;
  }
}

export function findTeams(store: Store, actor: StaffActor): Promise<Team[]> {
  return inActorTransaction(store, actor, (trx) => listTeams(trx));
}
