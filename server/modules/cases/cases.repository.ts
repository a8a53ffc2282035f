import { sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import type { WrappedKey } from '../../../security/crypto';
import type { CasesTable, DB } from '../../db/schema';
import { IDENTITY_COLUMNS, type IdentityColumns } from './case-crypto';
import type { CaseAttributes, CaseSummary } from './cases.schemas';

type Trx = Transaction<DB>;

/** The acting user's team and whether their account has team access. */
export async function findActorTeam(trx: Trx, userId: string) {
  return trx
    .selectFrom('users')
    .select(['team_id', 'team_access'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** TRT-<year>-<6+ digits> from one sequence: unique, and says nothing about the person. */
export async function nextCaseNumber(trx: Trx, year: number): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('case_number_seq')::text as n`.execute(
    trx,
  );
  return `TRT-${year}-${rows[0]!.n.padStart(6, '0')}`;
}

/** `date` columns as text: a JavaScript Date would move them by the time zone. */
const identifiedOnText = sql<string>`to_char(identified_on, 'YYYY-MM-DD')`.as('identified_on_text');

export async function insertCase(trx: Trx, row: Insertable<CasesTable>): Promise<CaseRow> {
  return trx
    .insertInto('cases')
    .values(row)
    .returningAll()
    .returning(identifiedOnText)
    .executeTakeFirstOrThrow();
}

export async function insertCaseKey(trx: Trx, caseId: string, key: WrappedKey) {
  await trx
    .insertInto('case_keys')
    .values({ case_id: caseId, kek_version: key.kekVersion, wrapped_key: key.wrapped })
    .execute();
}

export async function findCaseKey(trx: Trx, caseId: string): Promise<WrappedKey | undefined> {
  const row = await trx
    .selectFrom('case_keys')
    .select(['kek_version', 'wrapped_key'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row && { kekVersion: row.kek_version, wrapped: Buffer.from(row.wrapped_key) };
}

export interface BlindIndexEntry {
  field: 'document_number' | 'phone';
  value: Buffer;
}

/** Other cases with the same blind index value, and their team's name. */
export async function findBlindIndexMatches(trx: Trx, entries: BlindIndexEntry[]) {
  if (entries.length === 0) return [];
  return trx
    .selectFrom('case_blind_indexes as b')
    .innerJoin('teams as t', 't.id', 'b.team_id')
    .select(['b.case_id', 'b.field', 't.id as team_id', 't.name as team_name'])
    .where((eb) =>
      eb.or(entries.map((e) => eb.and([eb('b.field', '=', e.field), eb('b.value', '=', e.value)]))),
    )
    .execute();
}

export async function insertBlindIndexes(
  trx: Trx,
  caseId: string,
  teamId: string,
  entries: BlindIndexEntry[],
) {
  if (entries.length === 0) return;
  await trx
    .insertInto('case_blind_indexes')
    .values(entries.map((e) => ({ case_id: caseId, team_id: teamId, ...e })))
    .execute();
}

/** Case numbers of the given cases that this actor may see (RLS decides). */
export async function visibleCaseNumbers(trx: Trx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('cases')
    .select(['id', 'case_number'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.case_number]));
}

export type CaseRow = Selectable<CasesTable> & { identified_on_text: string };

export async function findCase(trx: Trx, id: string): Promise<CaseRow | undefined> {
  return trx
    .selectFrom('cases')
    .selectAll()
    .select(identifiedOnText)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function toSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    status: row.status,
    riskLevel: row.risk_level,
    sex: row.sex as CaseSummary['sex'],
    ageBand: row.age_band as CaseSummary['ageBand'],
    teamId: row.team_id,
    assignedTo: row.assigned_to,
    identifiedOn: row.identified_on_text,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    erased: row.erased_at !== null,
  };
}

export function toAttributes(row: CaseRow): CaseAttributes {
  const optional = <T>(value: T | null) => value ?? undefined;
  return {
    sex: row.sex as CaseAttributes['sex'],
    ageAtIdentification: optional(row.age_at_identification),
    nationality: optional(row.nationality),
    migrantStatus: optional(row.migrant_status) as CaseAttributes['migrantStatus'],
    province: optional(row.province),
    canton: optional(row.canton),
    traffickingStatus: row.trafficking_status as CaseAttributes['traffickingStatus'],
    statusDeterminedBy: optional(row.status_determined_by) as CaseAttributes['statusDeterminedBy'],
    exploitationTypes: row.exploitation_types as CaseAttributes['exploitationTypes'],
    recruitmentMethods: row.recruitment_methods as CaseAttributes['recruitmentMethods'],
    controlMethods: row.control_methods as CaseAttributes['controlMethods'],
    vulnerabilityGroups: row.vulnerability_groups as CaseAttributes['vulnerabilityGroups'],
    identifyingAgencyId: optional(row.identifying_agency_id),
    language: optional(row.language),
  };
}

export function identityColumnsOf(row: CaseRow): IdentityColumns {
  return Object.fromEntries(
    IDENTITY_COLUMNS.map((column) => [column, row[column] && Buffer.from(row[column])]),
  ) as IdentityColumns;
}
