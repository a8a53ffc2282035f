import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { ARGON2_OPTIONS } from '../../security/passwords';
import {
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
} from '../../server/db/actor-transaction';
import { ensureLeadAgency, type InstitutionSector } from '../../server/modules/institutions';
import { sealPending } from '../../server/modules/audit';
import type { TestApp } from './app';
import { SessionClient } from './session-client';

/** Strong enough for the policy, unique per call. */
export const strongPassword = () => `Kestrel-orbit-${randomBytes(8).toString('hex')}-lantern`;

export interface SeededUser {
  id: string;
  email: string;
  password: string;
  role: ActorRole;
  institutionId: string;
}

/** A user straight into the database (test set-up), password already changed, no second factor yet. */
export async function seedUser(
  t: TestApp,
  role: ActorRole,
  options: {
    institutionId?: string;
    passwordMustChange?: boolean;
    teamId?: string;
    teamAccess?: boolean;
  } = {},
): Promise<SeededUser> {
  const password = strongPassword();
  const email = `${role}.${randomBytes(4).toString('hex')}@example.org`;
  const passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
  const institutionId = options.institutionId ?? (await leadAgencyId(t));
  return inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        institution_id: institutionId,
        email,
        display_name: `Test ${role}`,
        role,
        password_hash: passwordHash,
        password_must_change: options.passwordMustChange ?? false,
        team_id: options.teamId ?? null,
        team_access: options.teamAccess ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, email, password, role, institutionId };
  });
}

/** A seeded user who has enrolled a second factor and holds a signed-in session. */
export async function signedIn(
  t: TestApp,
  role: ActorRole,
  options: Parameters<typeof seedUser>[2] = {},
): Promise<{ user: SeededUser; client: SessionClient }> {
  const user = await seedUser(t, role, options);
  const client = new SessionClient(t.app, t.clock);
  await client.signIn(user.email, user.password);
  return { user, client };
}

export async function leadAgencyId(t: TestApp): Promise<string> {
  const { institution } = await ensureLeadAgency(t.database.store, {
    name: 'Agencia líder de prueba',
    sector: 'social_protection',
  });
  return institution.id;
}

/** A partner institution (health sector unless told) for partner-role users. */
export async function partnerInstitutionId(
  t: TestApp,
  name = 'Hospital de prueba',
  sector: InstitutionSector = 'health',
): Promise<string> {
  return inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    const existing = await trx
      .selectFrom('institutions')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirst();
    if (existing) return existing.id;
    const row = await trx
      .insertInto('institutions')
      .values({ name, sector })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Audit events of a kind, newest last (read as the system, which RLS allows). */
/** The audit log in chain order, sealed first as the audit endpoints do. */
export async function auditEvents(
  t: TestApp,
  filter: { action?: string; resourceId?: string } = {},
) {
  await sealPending(t.database.store, { wait: true });
  return inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    let query = trx.selectFrom('audit_events').selectAll().orderBy('seq');
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.resourceId) query = query.where('resource_id', '=', filter.resourceId);
    return query.execute();
  });
}

export async function createTeam(t: TestApp, name: string): Promise<string> {
  const row = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    trx.insertInto('teams').values({ name }).returning('id').executeTakeFirstOrThrow(),
  );
  return row.id;
}
