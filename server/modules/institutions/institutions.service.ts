import {
  inActorTransaction,
  SYSTEM_ACTOR,
  type StaffActor,
  type Store,
} from '../../db/actor-transaction';
import { toPage } from '../../http/pagination';
import { problems } from '../../http/problem';
import { record, type AuditAction, type AuditEntry } from '../audit';
import { DEMO_INSTITUTIONS } from './demo-institutions';
import {
  findInstitution,
  findLeadAgency,
  insertInstitution,
  insertInstitutionIfAbsent,
  listInstitutions,
  uniqueClash,
  updateInstitution,
  type InstitutionChange,
} from './institutions.repository';
import {
  CreateInstitution,
  type Institution,
  type InstitutionListQuery,
  type InstitutionSector,
  type UpdateInstitution,
} from './institutions.schemas';

/** A page of institutions, by name. Public institutional data: reads are not audited. */
export function findInstitutions(store: Store, actor: StaffActor, query: InstitutionListQuery) {
  return inActorTransaction(store, actor, async (trx) => {
    const rows = await listInstitutions(trx, {
      sector: query.sector,
      active: query.active,
      after: query.cursor,
      limit: query.limit + 1,
    });
    return toPage(rows, query.limit, ({ name, id }) => ({ name, id }));
  });
}

export function getInstitution(store: Store, actor: StaffActor, id: string): Promise<Institution> {
  return inActorTransaction(store, actor, async (trx) => {
    const institution = await findInstitution(trx, id);
    if (!institution) throw problems.notFound();
    return institution;
  });
}

export function createInstitution(
  store: Store,
  actor: StaffActor,
  input: CreateInstitution,
): Promise<Institution> {
  return refuseClashes(
    inActorTransaction(store, actor, async (trx) => {
      const created = await insertInstitution(trx, input);
      record(trx, institutionEvent('institution.create', created.id));
      return created;
    }),
  );
}

/**
 * One PATCH, one transaction, one audit event per kind of change: the
 * details (`institution.update`), disabling, enabling. A request that changes
 * nothing writes nothing, so it leaves no event.
 */
export function changeInstitution(
  store: Store,
  actor: StaffActor,
  id: string,
  input: UpdateInstitution,
): Promise<Institution> {
  return refuseClashes(
    inActorTransaction(store, actor, async (trx) => {
      const current = await findInstitution(trx, id, { forUpdate: true });
      if (!current) throw problems.notFound();
      if (input.active === false && current.isLeadAgency) {
        throw problems.conflict(
          'lead_agency_cannot_be_disabled',
          'The lead agency cannot be disabled',
        );
      }
      const change = actualChange(current, input);
      const actions = auditActions(change);
      if (actions.length === 0) return current;
      const updated = await updateInstitution(trx, id, change);
      for (const action of actions) record(trx, institutionEvent(action, id));
      return updated;
    }),
  );
}

/** The requested fields whose values differ from the stored ones. */
function actualChange(current: Institution, input: UpdateInstitution): InstitutionChange {
  const differs = <T>(value: T | undefined, stored: T) => value !== undefined && value !== stored;
  const contact: InstitutionChange['contact'] = {};
  for (const field of ['name', 'email', 'phone'] as const) {
    const value = input.contact?.[field];
    if (differs(value, current.contact[field])) contact[field] = value;
  }
  return {
    ...(differs(input.name, current.name) ? { name: input.name } : {}),
    ...(differs(input.sector, current.sector) ? { sector: input.sector } : {}),
    ...(Object.keys(contact).length > 0 ? { contact } : {}),
    ...(differs(input.active, current.disabledAt === null) ? { active: input.active } : {}),
  };
}

function auditActions(change: InstitutionChange): AuditAction[] {
  const actions: AuditAction[] = [];
  if (change.name !== undefined || change.sector !== undefined || change.contact) {
    actions.push('institution.update');
  }
  if (change.active !== undefined) {
    actions.push(change.active ? 'institution.enable' : 'institution.disable');
  }
  return actions;
}

/** A write that broke a unique rule is a conflict the client can act on, not a server error. */
function refuseClashes<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    switch (uniqueClash(error)) {
      case 'name':
        throw problems.conflict(
          'institution_name_taken',
          'An institution with this name exists',
          'Names are compared without regard to case.',
        );
      case 'lead_agency':
        throw problems.conflict('lead_agency_exists', 'There is already a lead agency');
      default:
        throw error;
    }
  });
}

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
      record(trx, institutionEvent('institution.create', inserted.id));
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
        record(trx, institutionEvent('institution.create', inserted.id));
        added++;
      }
    }
    return added;
  });
}

const institutionEvent = (action: AuditAction, id: string): AuditEntry => ({
  action,
  outcome: 'success',
  resourceType: 'institution',
  resourceId: id,
});
