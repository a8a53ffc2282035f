/**
 * Who the demo cases belong to: the lead agency (as the server seeds it), the
 * fictional demo partner institutions (ensureDemoInstitutions, as DEMO_DATA
 * loads them), a demo team, and its caseworkers and supervisors plus one
 * partner account per demo institution. Reused when present (a second run
 * adds cases to the same team).
 *
 * The accounts are disabled and have no usable password (the hash of random
 * bytes nobody keeps): nobody signs in as them, and since notifications only
 * go to active accounts, the thousands of referrals seeded below notify nobody.
 * To browse the demo cases, an administrator adds a real account to the demo
 * team (with team access) or makes a supervisor of it.
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { ARGON2_OPTIONS } from '../../security/passwords';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../server/db/actor-transaction';
import type { InstitutionSector } from '../../server/modules/institutions/institutions.schemas';
import { DEMO_INSTITUTIONS } from '../../server/modules/institutions/demo-institutions';
import { ensureDemoInstitutions, ensureLeadAgency } from '../../server/modules/institutions';

export const DEMO_TEAM_NAME = 'Equipo de demostración (datos ficticios)';
const CASEWORKERS = 6;
const SUPERVISORS = 2;

export interface DemoStaff {
  id: string;
  role: 'caseworker' | 'supervisor' | 'partner';
  institutionId: string;
}

export interface DemoWorld {
  leadAgencyId: string;
  teamId: string;
  caseworkers: DemoStaff[];
  supervisors: DemoStaff[];
  /** The demo partner institutions (enabled ones), by name; each with its demo partner account. */
  institutions: { id: string; name: string; sector: InstitutionSector; partner: DemoStaff }[];
}

export async function ensureDemoWorld(
  store: Store,
  leadAgency: { name: string; sector: InstitutionSector },
): Promise<DemoWorld> {
  const { institution: lead } = await ensureLeadAgency(store, leadAgency);
  await ensureDemoInstitutions(store);
  // One hash for every demo account, of a password that is thrown away at once.
  const unusable = await argon2.hash(randomBytes(32).toString('base64'), ARGON2_OPTIONS);
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    await trx
      .insertInto('teams')
      .values({ name: DEMO_TEAM_NAME })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const team = await trx
      .selectFrom('teams')
      .select('id')
      .where('name', '=', DEMO_TEAM_NAME)
      .executeTakeFirstOrThrow();
    const institutions = await trx
      .selectFrom('institutions')
      .select(['id', 'name', 'sector'])
      .where(
        'name',
        'in',
        DEMO_INSTITUTIONS.map((i) => i.name),
      )
      .where('disabled_at', 'is', null)
      .where('is_lead_agency', '=', false)
      .orderBy('name')
      .execute();
    if (institutions.length === 0) {
      throw new Error('every demo partner institution is disabled: enable one to seed referrals');
    }
    const account = async (
      email: string,
      displayName: string,
      role: DemoStaff['role'],
      institutionId: string,
    ): Promise<DemoStaff> => {
      const existing = await trx
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (existing) return { id: existing.id, role, institutionId };
      const inserted = await trx
        .insertInto('users')
        .values({
          institution_id: institutionId,
          email,
          display_name: displayName,
          role,
          password_hash: unusable,
          password_must_change: true,
          active: false,
          team_id: role === 'partner' ? null : team.id,
          team_access: role === 'caseworker',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: inserted.id, role, institutionId };
    };
    const caseworkers: DemoStaff[] = [];
    for (let i = 1; i <= CASEWORKERS; i++) {
      caseworkers.push(
        await account(
          `demo.caseworker.${i}@example.org`,
          `Trabajadora social demo ${i}`,
          'caseworker',
          lead.id,
        ),
      );
    }
    const supervisors: DemoStaff[] = [];
    for (let i = 1; i <= SUPERVISORS; i++) {
      supervisors.push(
        await account(
          `demo.supervisor.${i}@example.org`,
          `Supervisora demo ${i}`,
          'supervisor',
          lead.id,
        ),
      );
    }
    const partners = [];
    for (const institution of institutions) {
      const partner = await account(
        `demo.partner.${institution.id.slice(0, 8)}@example.org`,
        `Recepción demo (${institution.name})`,
        'partner',
        institution.id,
      );
      partners.push({
        id: institution.id,
        name: institution.name,
        sector: institution.sector,
        partner,
      });
    }
    return {
      leadAgencyId: lead.id,
      teamId: team.id,
      caseworkers,
      supervisors,
      institutions: partners,
    };
  });
}
