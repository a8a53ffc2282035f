import type { Kysely } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { DEMO_INSTITUTIONS } from './demo-institutions';
import {
  findLeadAgency,
  insertInstitutionIfAbsent,
  insertLeadAgencyIfAbsent,
} from './institutions.repository';
import {
  CreateInstitution,
  type Institution,
  type InstitutionSector,
} from './institutions.schemas';

/**
 * Seeds the lead agency named in the configuration when there is none yet.
 * Once it exists it belongs to the administrators: a later change of
 * LEAD_AGENCY_NAME does not rename it.
 */
export function ensureLeadAgency(
  db: Kysely<DB>,
  leadAgency: { name: string; sector: InstitutionSector },
): Promise<{ institution: Institution; created: boolean }> {
  const input = CreateInstitution.parse({ ...leadAgency, isLeadAgency: true });
  return inActorTransaction(db, SYSTEM_ACTOR, async (trx) => {
    const inserted = await insertLeadAgencyIfAbsent(trx, input);
    if (inserted) return { institution: inserted, created: true };
    const existing = await findLeadAgency(trx);
    if (!existing) throw new Error('lead agency vanished while being seeded');
    return { institution: existing, created: false };
  });
}

/** Adds the fictional demo partners that are missing; returns how many were added. */
export function ensureDemoInstitutions(db: Kysely<DB>): Promise<number> {
  return inActorTransaction(db, SYSTEM_ACTOR, async (trx) => {
    let added = 0;
    for (const institution of DEMO_INSTITUTIONS) {
      if (await insertInstitutionIfAbsent(trx, institution)) added++;
    }
    return added;
  });
}
