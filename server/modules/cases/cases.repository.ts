import { sql, type Insertable, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { CasesTable, DB } from '../../db/schema';
import { isForeignKeyViolation } from '../../db/errors';
import { problems } from '../../http/problem';
import { IDENTITY_COLUMNS, type IdentityColumns } from './case-crypto';
import type {
  AGE_CORRECTION_REASONS,
  CaseAttributes,
  CaseDetail,
  CaseRecord,
  CaseSummary,
} from './cases.schemas';

type AgeCorrectionReason = (typeof AGE_CORRECTION_REASONS)[number];

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
export const identifiedOnText = sql<string>`to_char(identified_on, 'YYYY-MM-DD')`.as(
  'identified_on_text',
);

export async function insertCase(trx: Trx, row: Insertable<CasesTable>): Promise<CaseRow> {
  return trx
    .insertInto('cases')
    .values(row)
    .returningAll()
    .returning(identifiedOnText)
    .executeTakeFirstOrThrow()
    .catch(unknownAgencyIsBadInput);
}

/**
 * The one foreign key of a case the client names is its identifying agency:
 * an id that is no institution is the client's mistake (400), not ours (it
 * was a 500, found by the fuzzer). The transaction rolls back with it.
 */
function unknownAgencyIsBadInput(error: unknown): never {
  if (isForeignKeyViolation(error)) {
    throw problems.validation([
      {
        path: 'body.attributes.identifyingAgencyId',
        code: 'unknown_institution',
        message: 'No institution has this id',
      },
    ]);
  }
  throw error;
}

export type CaseRow = Selectable<CasesTable> & { identified_on_text: string };
type SummaryRow = Pick<
  CaseRow,
  | 'id'
  | 'case_number'
  | 'status'
  | 'risk_level'
  | 'sex'
  | 'age_band'
  | 'team_id'
  | 'assigned_to'
  | 'created_at'
  | 'updated_at'
  | 'version'
  | 'erased_at'
  | 'identified_on_text'
>;

export async function findCase(trx: Trx, id: string): Promise<CaseRow | undefined> {
  return trx
    .selectFrom('cases')
    .selectAll()
    .select(identifiedOnText)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function toSummary(row: SummaryRow): CaseSummary {
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

/** A case with its attributes and (decrypted, or null once erased) identity. */
export function toDetail(row: CaseRow, identity: CaseDetail['identity']): CaseDetail {
  return { ...toRecord(row), identity };
}

/** A case without its identifying data: nothing is decrypted. */
export function toRecord(row: CaseRow): CaseRecord {
  return {
    ...toSummary(row),
    attributes: toAttributes(row),
    pendingAgeCorrection:
      row.age_correction_to === null
        ? null
        : {
            ageAtIdentification: row.age_correction_to,
            reason: row.age_correction_reason as AgeCorrectionReason,
            requestedBy: row.age_correction_by!,
            requestedAt: row.age_correction_at!.toISOString(),
          },
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

export interface CaseFilter {
  status?: CaseRow['status'];
  riskLevel?: CaseRow['risk_level'];
  assignedTo?: string;
  teamId?: string;
  after?: { createdAt: string; id: string };
  limit: number;
}

/** Newest first; row-level security leaves only what the actor may see. No ciphertext is read. */
export async function listCases(trx: Trx, filter: CaseFilter): Promise<SummaryRow[]> {
  let query = trx
    .selectFrom('cases')
    .select([
      'id',
      'case_number',
      'status',
      'risk_level',
      'sex',
      'age_band',
      'team_id',
      'assigned_to',
      'created_at',
      'updated_at',
      'version',
      'erased_at',
    ])
    .select(identifiedOnText);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.riskLevel) query = query.where('risk_level', '=', filter.riskLevel);
  if (filter.assignedTo) query = query.where('assigned_to', '=', filter.assignedTo);
  if (filter.teamId) query = query.where('team_id', '=', filter.teamId);
  // The cursor carries milliseconds; created_at has microseconds (now()).
  const createdMs = sql<Date>`date_trunc('milliseconds', created_at)`;
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where(sql<boolean>`(${createdMs}, id) < (${new Date(createdAt)}, ${id}::uuid)`);
  }
  return query.orderBy(createdMs, 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/**
 * Applies a change only if the case is still at `version` (optimistic
 * concurrency); the updated row, or undefined when it was stale or not visible.
 */
export async function updateCaseAtVersion(
  trx: Trx,
  id: string,
  version: number,
  changes: Updateable<CasesTable>,
): Promise<CaseRow | undefined> {
  return trx
    .updateTable('cases')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .returning(identifiedOnText)
    .executeTakeFirst()
    .catch(unknownAgencyIsBadInput);
}

/** A staff member's role, team and status (read as the system: users are not public). */
export async function findStaffMember(trx: Trx, id: string) {
  return trx
    .selectFrom('users')
    .select(['id', 'role', 'team_id', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Reassigns without RETURNING: the case may leave what the actor can see. */
export async function moveCase(
  trx: Trx,
  id: string,
  version: number,
  assignedTo: string,
  teamId: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('cases')
    .set({
      assigned_to: assignedTo,
      team_id: teamId,
      version: sql<number>`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Serialises use cases on one case that must not interleave: consent
 * revocation takes it for update, referral creation shares it, so a referral
 * is either seen by the revocation or sees the revoked consent. Returns the
 * case as it is once locked; undefined when it is no longer the actor's to
 * lock (moved away meanwhile: row-level security skips it).
 */
export async function lockCase(
  trx: Trx,
  id: string,
  mode: 'share' | 'update',
): Promise<CaseRow | undefined> {
  const query = trx.selectFrom('cases').selectAll().select(identifiedOnText).where('id', '=', id);
  return (mode === 'share' ? query.forShare() : query.forNoKeyUpdate()).executeTakeFirst();
}
