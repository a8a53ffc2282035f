import { randomUUID } from 'node:crypto';
import type { KeyEncryptionKeys } from '../../../security/crypto';
import { canHoldCases } from '../../../security/policy';
import { inActorTransaction, type StaffActor, type Store } from '../../db/actor-transaction';
import { toPage } from '../../http/pagination';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { decryptIdentity, encryptIdentity, newCaseKey } from './case-crypto';
import { withCase } from './case-key-access';
import {
  findActorTeam,
  identityColumnsOf,
  insertCase,
  listCases,
  nextCaseNumber,
  toDetail,
  toSummary,
} from './cases.repository';
import type { CaseDetail, CaseListQuery, IntakeCase } from './cases.schemas';
import { ageAtIdentification, attributeColumns } from './case-columns';
import { blindIndexesOf, possibleDuplicates } from './case-duplicates';
import { insertBlindIndexes, insertCaseKey } from './case-keys.repository';

export interface CasesDeps {
  store: Store;
  keyring: KeyEncryptionKeys;
  blindIndexKey: Buffer;
}

/**
 * Intake: a new case in the actor's team, assigned to them when they are a
 * caseworker; identifying fields encrypted under a new data key; blind
 * indexes for duplicate warnings. One transaction, audited.
 */
export async function intakeCase(deps: CasesDeps, actor: StaffActor, input: IntakeCase) {
  if (!canHoldCases(actor)) throw problems.forbidden();
  const id = randomUUID();
  const { dataKey, wrapped } = newCaseKey(deps.keyring, id);
  const indexes = blindIndexesOf(deps.blindIndexKey, input.identity);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const team = await findActorTeam(trx, actor.id);
    if (!team?.team_id) throw noTeam();
    const duplicates = await possibleDuplicates(trx, indexes, id);
    const row = await insertCase(trx, {
      id,
      case_number: await nextCaseNumber(trx, new Date().getUTCFullYear()),
      risk_level: input.riskLevel,
      team_id: team.team_id,
      assigned_to: actor.role === 'caseworker' ? actor.id : null,
      identified_on: input.identifiedOn,
      ...attributeColumns({
        ...input.attributes,
        ageAtIdentification: ageAtIdentification(
          input.attributes.ageAtIdentification,
          input.identity.dateOfBirth,
          input.identifiedOn,
        ),
      }),
      ...encryptIdentity(dataKey, id, input.identity),
      created_by: actor.id,
    });
    await insertCaseKey(trx, id, wrapped);
    await insertBlindIndexes(trx, id, team.team_id, indexes);
    record(trx, {
      action: 'case.create',
      outcome: 'success',
      resourceType: 'case',
      resourceId: id,
    });
    return { case: toDetail(row, input.identity), possibleDuplicates: duplicates };
  });
}

/** What the actor may see, filtered; summaries only, so nothing is decrypted or audited as a read. */
export async function findCases(deps: CasesDeps, actor: StaffActor, query: CaseListQuery) {
  if (!canHoldCases(actor)) throw problems.forbidden();
  const rows = await inActorTransaction(deps.store, actor, async (trx) => {
    const team = query.assigned === 'team' ? await findActorTeam(trx, actor.id) : undefined;
    if (query.assigned === 'team' && !team?.team_id) return [];
    return listCases(trx, {
      status: query.status,
      riskLevel: query.riskLevel,
      assignedTo: query.assigned === 'me' ? actor.id : undefined,
      teamId: team?.team_id ?? undefined,
      after: query.cursor,
      limit: query.limit + 1,
    });
  });
  const page = toPage(rows, query.limit, (row) => ({
    createdAt: row.created_at.toISOString(),
    id: row.id,
  }));
  return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
}

/** One case with its identifying data (none once erased): the read is audited with its purpose. */
export function readCase(deps: CasesDeps, actor: StaffActor, id: string): Promise<CaseDetail> {
  return withCase(deps, actor, id, READ_CASE, async (_trx, kase) => {
    const { row } = kase;
    if (row.erased_at) return toDetail(row, null);
    return toDetail(row, decryptIdentity(await kase.dataKey(), row.id, identityColumnsOf(row)));
  });
}

const READ_CASE = { action: 'case.read', purpose: 'view', needs: 'read' } as const;

const noTeam = () =>
  problems.conflict(
    'no_team',
    'You belong to no team',
    'An administrator must add you to a team first.',
  );
