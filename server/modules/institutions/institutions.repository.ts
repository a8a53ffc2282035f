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
