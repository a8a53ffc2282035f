import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, InstitutionsTable } from '../../db/schema';
import type { CreateInstitution, Institution } from './institutions.schemas';

type Queryable = Kysely<DB> | Transaction<DB>;

export async function findLeadAgency(db: Queryable): Promise<Institution | undefined> {
  const row = await db
    .selectFrom('institutions')
    .selectAll()
    .where('is_lead_agency', '=', true)
    .executeTakeFirst();
  return row && toInstitution(row);
}

/** Inserts the lead agency unless one exists (two instances may start at once). */
export async function insertLeadAgencyIfAbsent(
  db: Queryable,
  input: CreateInstitution,
): Promise<Institution | undefined> {
  const row = await db
    .insertInto('institutions')
    .values(toRow({ ...input, isLeadAgency: true }))
    .onConflict((oc) => oc.column('is_lead_agency').where('is_lead_agency', '=', true).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toInstitution(row);
}

/** Inserts an institution unless one with the same name exists; its id when inserted. */
export async function insertInstitutionIfAbsent(
  db: Queryable,
  input: CreateInstitution,
): Promise<string | undefined> {
  const row = await db
    .insertInto('institutions')
    .values(toRow(input))
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
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
