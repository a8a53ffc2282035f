import type { Transaction } from 'kysely';
import { caseAccess, type CaseAccess } from '../../../security/policy';
import type { StaffActor } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { hasActiveGrant } from './case-access.repository';
import { findActorTeam, type CaseRow } from './cases.repository';

/**
 * The second of the two locks on need-to-know: row-level security already
 * filtered the row; the policy module must agree before anything is
 * decrypted or changed. A disagreement is treated as "not found".
 */
export async function accessToCase(
  trx: Transaction<DB>,
  actor: StaffActor,
  row: Pick<CaseRow, 'id' | 'team_id' | 'assigned_to'>,
): Promise<CaseAccess> {
  const team = await findActorTeam(trx, actor.id);
  return caseAccess(
    actor,
    {
      teamId: team?.team_id ?? null,
      teamAccess: team?.team_access ?? false,
      breakGlass: await hasActiveGrant(trx, row.id, actor.id),
    },
    { teamId: row.team_id, assignedTo: row.assigned_to },
  );
}
