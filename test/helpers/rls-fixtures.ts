import { randomBytes, randomInt } from 'node:crypto';
import {
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
  type DbActor,
  type Store,
} from '../../server/db/actor-transaction';
import type { InstitutionSector } from '../../server/modules/institutions';

/**
 * Rows for direct-SQL tests of row-level security, written as the system: a
 * lead agency, one partner institution, teams A and B, people and cases.
 */
export interface RlsWorld {
  lead: string;
  partner: string;
  team: Record<'A' | 'B', string>;
}

export async function rlsWorld(
  store: Store,
  partner: { name: string; sector: InstitutionSector },
): Promise<RlsWorld> {
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    const institution = (values: {
      name: string;
      sector: InstitutionSector;
      is_lead_agency?: boolean;
    }) => trx.insertInto('institutions').values(values).returning('id').executeTakeFirstOrThrow();
    const teamNamed = (name: string) =>
      trx.insertInto('teams').values({ name }).returning('id').executeTakeFirstOrThrow();
    return {
      lead: (
        await institution({ name: 'Agencia', sector: 'social_protection', is_lead_agency: true })
      ).id,
      partner: (await institution(partner)).id,
      team: { A: (await teamNamed('Equipo A')).id, B: (await teamNamed('Equipo B')).id },
    };
  });
}

/** A staff member (no usable password: these tests never sign in) and their actor. */
export async function rlsPerson(
  store: Store,
  name: string,
  role: ActorRole,
  options: { institutionId: string; teamId?: string; teamAccess?: boolean },
): Promise<DbActor> {
  const row = await inActorTransaction(store, SYSTEM_ACTOR, (trx) =>
    trx
      .insertInto('users')
      .values({
        institution_id: options.institutionId,
        email: `${name}.${randomBytes(3).toString('hex')}@example.org`,
        display_name: name,
        role,
        password_hash: 'not-used',
        team_id: options.teamId ?? null,
        team_access: options.teamAccess ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return { id: row.id, role, institutionId: options.institutionId };
}

/** An adult's case of a team with a (random, never opened) wrapped key. */
export function rlsCase(
  store: Store,
  c: { teamId: string; assignee: string | null; creator: string },
): Promise<string> {
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    const row = await trx
      .insertInto('cases')
      .values({
        case_number: `TRT-2026-${String(randomInt(1e6)).padStart(6, '0')}`,
        risk_level: 'high',
        team_id: c.teamId,
        assigned_to: c.assignee,
        identified_on: '2026-11-01',
        sex: 'Female',
        age_band: '18-24',
        trafficking_status: 'Possible',
        created_by: c.creator,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('case_keys')
      .values({ case_id: row.id, kek_version: 1, wrapped_key: randomBytes(62) })
      .execute();
    return row.id;
  });
}
