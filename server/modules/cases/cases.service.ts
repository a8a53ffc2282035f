import { randomUUID } from 'node:crypto';
import { blindIndex, type KeyEncryptionKeys } from '../../../security/crypto';
import { canHoldCases } from '../../../security/policy';
import {
  auditAlone,
  inActorTransaction,
  SYSTEM_ACTOR,
  type StaffActor,
  type Store,
} from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { decryptIdentity, encryptIdentity, newCaseKey, openCaseKey } from './case-crypto';
import {
  findActorTeam,
  findBlindIndexMatches,
  findCase,
  findCaseKey,
  identityColumnsOf,
  insertBlindIndexes,
  insertCase,
  insertCaseKey,
  nextCaseNumber,
  toAttributes,
  toSummary,
  visibleCaseNumbers,
  type BlindIndexEntry,
  type CaseRow,
} from './cases.repository';
import type { CaseDetail, IntakeCase, PossibleDuplicate } from './cases.schemas';
import { ageBand } from './cases.vocabularies';

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
  const indexes = blindIndexesOf(deps.blindIndexKey, input);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const team = await findActorTeam(trx, actor.id);
    if (!team?.team_id) throw noTeam();
    const duplicates = await possibleDuplicates(trx, indexes);
    const row = await insertCase(trx, {
      id,
      case_number: await nextCaseNumber(trx, new Date().getUTCFullYear()),
      risk_level: input.riskLevel,
      team_id: team.team_id,
      assigned_to: actor.role === 'caseworker' ? actor.id : null,
      identified_on: input.identifiedOn,
      ...attributeColumns(input.attributes),
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
    return { case: detail(row, input.identity), possibleDuplicates: duplicates };
  });
}

/** One case with its identifying data: the read is audited with its purpose. */
export async function readCase(
  deps: CasesDeps,
  actor: StaffActor,
  id: string,
): Promise<CaseDetail> {
  const found = await inActorTransaction(deps.store, actor, async (trx) => {
    const row = canHoldCases(actor) ? await findCase(trx, id) : undefined;
    if (!row) return undefined;
    const wrapped = row.erased_at ? undefined : await findCaseKey(trx, id);
    const identity = wrapped
      ? decryptIdentity(openCaseKey(deps.keyring, id, wrapped), id, identityColumnsOf(row))
      : null;
    record(trx, {
      action: 'case.read',
      outcome: 'success',
      resourceType: 'case',
      resourceId: id,
      purpose: 'view',
    });
    return detail(row, identity);
  });
  if (found) return found;
  await auditDenialIfExists(deps.store, actor, id);
  throw problems.notFound();
}

/**
 * Another team's case and a case that does not exist answer the same 404; the
 * first is still an attempted access, recorded for the auditors.
 */
async function auditDenialIfExists(store: Store, actor: StaffActor, id: string) {
  const exists = await inActorTransaction(
    store,
    SYSTEM_ACTOR,
    async (trx) => (await findCase(trx, id)) !== undefined,
  );
  if (exists) {
    await auditAlone(store, actor, {
      action: 'access.denied',
      outcome: 'denied',
      resourceType: 'case',
      resourceId: id,
    });
  }
}

function detail(row: CaseRow, identity: CaseDetail['identity']): CaseDetail {
  return { ...toSummary(row), attributes: toAttributes(row), identity };
}

function blindIndexesOf(key: Buffer, input: IntakeCase): BlindIndexEntry[] {
  const entries: BlindIndexEntry[] = [];
  const { documentNumber, phone } = input.identity;
  const doc =
    documentNumber === undefined ? undefined : blindIndex(key, 'document_number', documentNumber);
  if (doc) entries.push({ field: 'document_number', value: doc });
  const tel = phone === undefined ? undefined : blindIndex(key, 'phone', phone);
  if (tel) entries.push({ field: 'phone', value: tel });
  return entries;
}

async function possibleDuplicates(
  trx: Parameters<typeof findBlindIndexMatches>[0],
  indexes: BlindIndexEntry[],
): Promise<PossibleDuplicate[]> {
  const matches = await findBlindIndexMatches(trx, indexes);
  const numbers = await visibleCaseNumbers(
    trx,
    matches.map((m) => m.case_id),
  );
  return matches.map((m) => {
    const caseNumber = numbers.get(m.case_id);
    return {
      field: m.field === 'document_number' ? 'documentNumber' : 'phone',
      team: { id: m.team_id, name: m.team_name },
      ...(caseNumber ? { caseId: m.case_id, caseNumber } : {}),
    };
  });
}

function attributeColumns(a: IntakeCase['attributes']) {
  return {
    sex: a.sex,
    age_at_identification: a.ageAtIdentification ?? null,
    age_band: ageBand(a.ageAtIdentification),
    nationality: a.nationality ?? null,
    migrant_status: a.migrantStatus ?? null,
    province: a.province ?? null,
    canton: a.canton ?? null,
    trafficking_status: a.traffickingStatus,
    status_determined_by: a.statusDeterminedBy ?? null,
    exploitation_types: a.exploitationTypes,
    recruitment_methods: a.recruitmentMethods,
    control_methods: a.controlMethods,
    vulnerability_groups: a.vulnerabilityGroups,
    identifying_agency_id: a.identifyingAgencyId ?? null,
    language: a.language ?? null,
  };
}

const noTeam = () =>
  problems.conflict(
    'no_team',
    'You belong to no team',
    'An administrator must add you to a team first.',
  );
