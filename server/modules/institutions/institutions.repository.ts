import { violatedUniqueConstraint } from '../../db/errors';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, InstitutionsTable } from '../../db/schema';
import type {
  CreateInstitution,
  Institution,
  InstitutionPosition,
  InstitutionSector,
} from './institutions.schemas';

type Queryable = Kysely<DB> | Transaction<DB>;

export async function findLeadAgency(db: Queryable): Promise<Institution | undefined> {
  const row = await db
    .selectFrom('institutions')
    .selectAll()
    .where('is_lead_agency', '=', true)
    .executeTakeFirst();
  return row && toInstitution(row);
}

/** The lead agency's name: the institution that issues certificates and reports. */
export async function leadAgencyName(db: Queryable): Promise<string | undefined> {
  return (await findLeadAgency(db))?.name;
}

/**
 * Inserts an institution unless it would clash with a unique one (same name,
 * or a second lead agency: two instances may seed at once); the row when inserted.
 */
export async function insertInstitutionIfAbsent(
  db: Queryable,
  input: CreateInstitution,
): Promise<Institution | undefined> {
  const row = await db
    .insertInto('institutions')
    .values(toRow(input))
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toInstitution(row);
}

export async function insertInstitution(
  db: Queryable,
  input: CreateInstitution,
): Promise<Institution> {
  const row = await db
    .insertInto('institutions')
    .values(toRow(input))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toInstitution(row);
}

/** The institution, its row locked until the transaction ends (for a change). */
export async function findInstitution(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Institution | undefined> {
  const query = db.selectFrom('institutions').selectAll().where('id', '=', id);
  const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  return row && toInstitution(row);
}

export interface InstitutionFilter {
  sector?: InstitutionSector;
  active?: boolean;
  /** Keyset: the (name, id) of the last row of the previous page. */
  after?: InstitutionPosition;
  /** Rows to return: the caller asks one more than a page to learn if another follows. */
  limit: number;
}

/** Ordered by name, then id: stable pages for the keyset cursor. */
export async function listInstitutions(
  db: Queryable,
  filter: InstitutionFilter,
): Promise<Institution[]> {
  let query = db.selectFrom('institutions').selectAll();
  if (filter.sector) query = query.where('sector', '=', filter.sector);
  if (filter.active !== undefined) {
    query = query.where('disabled_at', filter.active ? 'is' : 'is not', null);
  }
  if (filter.after) {
    const { name, id } = filter.after;
    query = query.where((eb) => eb(eb.refTuple('name', 'id'), '>', eb.tuple(name, id)));
  }
  const rows = await query.orderBy('name').orderBy('id').limit(filter.limit).execute();
  return rows.map(toInstitution);
}

export interface InstitutionChange {
  name?: string;
  sector?: InstitutionSector;
  contact?: { name?: string | null; email?: string | null; phone?: string | null };
  /** false: disabled from now; true: enabled again. */
  active?: boolean;
}

export async function updateInstitution(
  db: Queryable,
  id: string,
  change: InstitutionChange,
): Promise<Institution> {
  const { contact } = change;
  const row = await db
    .updateTable('institutions')
    .set({
      updated_at: sql<Date>`now()`,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.sector !== undefined ? { sector: change.sector } : {}),
      ...(contact?.name !== undefined ? { contact_name: contact.name } : {}),
      ...(contact?.email !== undefined ? { contact_email: contact.email } : {}),
      ...(contact?.phone !== undefined ? { contact_phone: contact.phone } : {}),
      ...(change.active !== undefined
        ? { disabled_at: change.active ? null : sql<Date>`now()` }
        : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toInstitution(row);
}

/**
 * Which unique rule a failed write broke, from the index the database names
 * (pg and PGlite both report SQLSTATE 23505 with the index as `constraint`).
 */
export function uniqueClash(error: unknown): 'name' | 'lead_agency' | undefined {
  const constraint = violatedUniqueConstraint(error);
  if (constraint === 'institutions_name_key') return 'name';
  if (constraint === 'institutions_one_lead_agency') return 'lead_agency';
  return undefined;
}

function toRow(input: CreateInstitution) {
  return {
    name: input.name,
    sector: input.sector,
    is_lead_agency: input.isLeadAgency,
    contact_name: input.contact.name ?? null,
    contact_email: input.contact.email ?? null,
    contact_phone: input.contact.phone ?? null,
  };
}

function toInstitution(row: Selectable<InstitutionsTable>): Institution {
  return {
    id: row.id,
    name: row.name,
    sector: row.sector,
    isLeadAgency: row.is_lead_agency,
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    disabledAt: row.disabled_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
