import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Trx = Transaction<DB>;

export function listTeamNames(trx: Trx) {
  return trx.selectFrom('teams').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}

/**
 * The lead agency's active caseworkers and supervisors, by name: only the
 * columns `staff_directory()` (migration 0020) opens, which refuses any other role.
 */
export async function listStaff(trx: Trx) {
  const { rows } = await sql<{
    id: string;
    display_name: string;
    role: 'caseworker' | 'supervisor';
    team_id: string | null;
  }>`select id, display_name, role, team_id from staff_directory()`.execute(trx);
  return rows;
}
