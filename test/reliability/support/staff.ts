/**
 * The people the workload signs in: caseworkers of the lead agency, in teams
 * (intake needs one), and a partner hospital to refer to. Seeded straight
 * into the cluster's database as the application role, with the cluster's
 * audit key, as test/helpers/users.ts does for the in-process tests.
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { ARGON2_OPTIONS } from '../../../security/passwords';
import { DEVELOPMENT_LEAD_AGENCY_NAME } from '../../../server/config/config';
import { decodeSecret } from '../../../server/config/secrets';
import { openServerDatabase } from '../../../server/db/database';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../../server/db/actor-transaction';
import { ensureLeadAgency } from '../../../server/modules/institutions';

export interface Staff {
  email: string;
  password: string;
}

export interface SeededStaff {
  caseworkers: Staff[];
  hospitalId: string;
}

/** Caseworkers spread over teams of `perTeam`; one password for all (one argon2 hash). */
export async function seedStaff(
  cluster: { appUrl: string; env: NodeJS.ProcessEnv },
  count: number,
  perTeam = 10,
): Promise<SeededStaff> {
  const auditKey = decodeSecret(cluster.env.AUDIT_KEY ?? '');
  if (!auditKey) throw new Error('the cluster has no AUDIT_KEY');
  const database = await openServerDatabase(cluster.appUrl, 2);
  try {
    const store: Store = { db: database.db, auditKey };
    // The instances created it under this name already (development, no LEAD_AGENCY_NAME).
    const { institution } = await ensureLeadAgency(store, {
      name: DEVELOPMENT_LEAD_AGENCY_NAME,
      sector: 'social_protection',
    });
    const password = `Carga-río-${randomBytes(8).toString('hex')}-faro`;
    const passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
    const suffix = randomBytes(4).toString('hex');
    return await inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
      const hospital = await trx
        .insertInto('institutions')
        .values({ name: `Hospital carga ${suffix}`, sector: 'health' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const caseworkers: Staff[] = [];
      let teamId = '';
      for (let i = 0; i < count; i++) {
        if (i % perTeam === 0) {
          const team = await trx
            .insertInto('teams')
            .values({ name: `Equipo carga ${suffix} ${i / perTeam}` })
            .returning('id')
            .executeTakeFirstOrThrow();
          teamId = team.id;
        }
        const email = `carga.${suffix}.${i}@example.org`;
        await trx
          .insertInto('users')
          .values({
            institution_id: institution.id,
            email,
            display_name: `Trabajadora carga ${i}`,
            role: 'caseworker',
            password_hash: passwordHash,
            password_must_change: false,
            team_id: teamId,
          })
          .execute();
        caseworkers.push({ email, password });
      }
      return { caseworkers, hospitalId: hospital.id };
    });
  } finally {
    await database.close();
  }
}
