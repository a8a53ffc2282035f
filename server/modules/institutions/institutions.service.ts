import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import { record } from '../audit';
import { DEMO_INSTITUTIONS } from './demo-institutions';
import { findLeadAgency, insertInstitutionIfAbsent } from './institutions.repository';
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
  store: Store,
  leadAgency: { name: string; sector: InstitutionSector },
): Promise<{ institution: Institution; created: boolean }> {
  const input = CreateInstitution.parse({ ...leadAgency, isLeadAgency: true });
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    const inserted = await insertInstitutionIfAbsent(trx, input);
    if (inserted) {
      record(trx, institutionCreated(inserted.id));
      return { institution: inserted, created: true };
    }
    const existing = await findLeadAgency(trx);
    if (!existing) {
      throw new Error('LEAD_AGENCY_NAME is taken by an institution that is not the lead agency');
    }
    return { institution: existing, created: false };
  });
}

/** Adds the fictional demo partners that are missing; returns how many were added. */
export function ensureDemoInstitutions(store: Store): Promise<number> {
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    let added = 0;
    for (const institution of DEMO_INSTITUTIONS) {
      const inserted = await insertInstitutionIfAbsent(trx, institution);
      if (inserted) {
        record(trx, institutionCreated(inserted.id));
        added++;
      }
    }
    return added;
  });
}

const institutionCreated = (id: string) => ({
  action: 'institution.create',
  outcome: 'success' as const,
  resourceType: 'institution',
  resourceId: id,
});
