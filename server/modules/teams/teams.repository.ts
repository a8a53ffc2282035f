import type { Selectable, Transaction } from 'kysely';
import type { DB, TeamsTable } from '../../db/schema';
import type { Team } from './teams.schemas';

type Trx = Transaction<DB>;

export async function insertTeam(trx: Trx, name: string): Promise<Team> {
  return toTeam(
    await trx.insertInto('teams').values({ name }).returningAll().executeTakeFirstOrThrow(),
  );
}

export async function listTeams(trx: Trx): Promise<Team[]> {
  return (await trx.selectFrom('teams').selectAll().orderBy('name').execute()).map(toTeam);
}

function toTeam(row: Selectable<TeamsTable>): Team {
  return { id: row.id, name: row.name, createdAt: row.created_at.toISOString() };
}
