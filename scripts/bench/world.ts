/**
 * What the HTTP scenarios work on, seeded straight into a bench database
 * (before the server using it starts): the lead agency, a team, a partner
 * hospital, a caseworker with a password (no second factor yet: the bench
 * enrols one over HTTP, see session.ts), CASE_COUNT cases with every
 * identifying field filled (13 encrypted fields each), and a consent on the
 * referral case covering the hospital. Cases and the consent go through the
 * services, so they are encrypted and audited as the API would do it.
 */
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import argon2 from 'argon2';
import { LocalKeyring, type KeyEncryptionKeys } from '../../security/crypto';
import { ARGON2_OPTIONS } from '../../security/passwords';
import { DEVELOPMENT_LEAD_AGENCY_NAME } from '../../server/config/config';
import { loadKeyring } from '../../server/config/keyring';
import { loadSecrets } from '../../server/config/secrets';
import { openEmbeddedDatabase, openServerDatabase, type Database } from '../../server/db/database';
import {
  inActorTransaction,
  SYSTEM_ACTOR,
  type StaffActor,
  type Store,
} from '../../server/db/actor-transaction';
import { intakeCase } from '../../server/modules/cases/cases.service';
import type { CaseIdentity } from '../../server/modules/cases/cases.schemas';
import { recordConsent } from '../../server/modules/consents/consents.service';
import { ensureLeadAgency } from '../../server/modules/institutions';
import { revocationEffects } from '../../server/modules/referrals';
import type { DB } from '../../server/db/schema';
import type { BenchDatabase } from './database';

/** The case list answers about this many items (its default page holds 50). */
export const CASE_COUNT = 30;

export interface BenchWorld {
  caseworker: StaffActor & { email: string; password: string; teamId: string };
  hospitalId: string;
  /** Read by `case-read`. */
  readCaseId: string;
  /** Gets the notes of `note-write`. */
  noteCaseId: string;
  /** Referred by `referral-create`, under `consentId`. */
  referralCaseId: string;
  consentId: string;
  /** The team's cases, all visible to the caseworker. */
  caseCount: number;
}

export interface SeedKeys {
  auditKey: Buffer;
  keyring: KeyEncryptionKeys;
  blindIndexKey: Buffer;
}

/**
 * Seeds Amparo's database with Amparo's own development secrets (generated
 * into its DATA_DIR now, read by the child later: the audit chain and the
 * case keys are the child's), and on PGlite the bare server's database too
 * (random keys: it never decrypts). Run before the children start (an
 * embedded data directory is locked while open).
 */
export async function seedBenchWorlds(
  database: BenchDatabase,
): Promise<{ amparo: BenchWorld; bare: BenchWorld }> {
  const dataDir = database.amparoEnv.DATA_DIR;
  if (!dataDir) throw new Error('no DATA_DIR for Amparo');
  const config = { isProduction: false, dataDir };
  const secrets = loadSecrets(config, { info: () => undefined });
  const amparoKeys = {
    auditKey: secrets.AUDIT_KEY,
    keyring: loadKeyring(config, secrets),
    blindIndexKey: secrets.BLIND_INDEX_KEY,
  };
  const appUrl = database.amparoEnv.DATABASE_URL;
  const amparo = await withDatabase(
    appUrl ? openServerDatabase(appUrl, 2) : openEmbeddedDatabase({ dataDir }),
    (db) => seedWorld(db, amparoKeys),
  );
  const bareDir = database.bareEnv.DATA_DIR;
  if (!bareDir) return { amparo, bare: amparo };
  const bare = await withDatabase(openEmbeddedDatabase({ dataDir: bareDir }), (db) =>
    seedWorld(db, {
      auditKey: randomBytes(32),
      keyring: new LocalKeyring(new Map([[1, randomBytes(32)]])),
      blindIndexKey: randomBytes(32),
    }),
  );
  return { amparo, bare };
}

async function withDatabase<T>(
  opening: Promise<Database>,
  work: (db: Database['db']) => Promise<T>,
): Promise<T> {
  const database = await opening;
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

export async function seedWorld(db: Store['db'], keys: SeedKeys): Promise<BenchWorld> {
  const store: Store = { db, auditKey: keys.auditKey };
  const clock = () => new Date();
  const deps = {
    store,
    keyring: keys.keyring,
    blindIndexKey: keys.blindIndexKey,
    clock,
    onRevoked: revocationEffects(clock),
  };
  // The name the Amparo child uses too (no LEAD_AGENCY_NAME in development).
  const { institution } = await ensureLeadAgency(store, {
    name: DEVELOPMENT_LEAD_AGENCY_NAME,
    sector: 'social_protection',
  });
  const password = `Río-montaña-Ñandú-cuarzo-${randomBytes(6).toString('hex')}`;
  const passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
  const seeded = await inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    const { suffix, team, hospital } = await seedTeamAndHospital(trx);
    const email = `caseworker.${suffix}@example.org`;
    const user = await trx
      .insertInto('users')
      .values({
        institution_id: institution.id,
        email,
        display_name: 'Bench caseworker',
        role: 'caseworker',
        password_hash: passwordHash,
        password_must_change: false,
        team_id: team.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { teamId: team.id, hospitalId: hospital.id, userId: user.id, email };
  });
  const caseworker = {
    id: seeded.userId,
    role: 'caseworker' as const,
    institutionId: institution.id,
    email: seeded.email,
    password,
    teamId: seeded.teamId,
  };
  const actor: StaffActor = {
    id: caseworker.id,
    role: 'caseworker',
    institutionId: institution.id,
  };

  const caseIds: string[] = [];
  for (let i = 0; i < CASE_COUNT; i++) {
    const intake = await intakeCase(deps, actor, {
      identifiedOn: '2026-11-20',
      riskLevel: 'high',
      identity: identity(i),
      attributes: {
        sex: 'Female',
        ageAtIdentification: 24 + (i % 20),
        nationality: 'EC',
        migrantStatus: 'National',
        province: 'Pichincha',
        canton: 'Quito',
        traffickingStatus: 'Actual',
        exploitationTypes: ['SexualExploitation'],
        recruitmentMethods: [],
        controlMethods: ['DebtBondage'],
        vulnerabilityGroups: ['woman'],
        language: 'es',
      },
    });
    caseIds.push(intake.case.id);
  }
  const [readCaseId, noteCaseId, referralCaseId] = caseIds;
  if (!readCaseId || !noteCaseId || !referralCaseId) throw new Error('too few bench cases');
  const consent = await recordConsent(deps, actor, referralCaseId, healthConsent());
  return {
    caseworker,
    hospitalId: seeded.hospitalId,
    readCaseId,
    noteCaseId,
    referralCaseId,
    consentId: consent.id,
    caseCount: caseIds.length,
  };
}

/** All 13 identifying fields, of realistic lengths. */
function identity(i: number): CaseIdentity {
  return {
    fullName: `María José Ñandú Quishpe ${i}`,
    aliases: 'Majo; La Flaca',
    dateOfBirth: '1999-04-17',
    documentType: 'cédula',
    documentNumber: `17${String(12345678 + i).padStart(8, '0')}`,
    phone: '+593 98 765 4321',
    email: `persona.${i}@example.org`,
    address: 'Calle de las Acacias N24-15 y Av. Amazonas, Quito',
    emergencyContact: 'Rosa Quishpe (madre), +593 99 123 4567',
    narrative:
      'Captada con una oferta de empleo en una cafetería; trasladada a otra provincia, ' +
      'le retuvieron el documento y la obligaron a trabajar para pagar una deuda que no ' +
      'dejaba de crecer. Identificada en un operativo de control; acepta acompañamiento. '.repeat(
        3,
      ),
    healthNotes: 'Control prenatal pendiente; alergia a penicilina.',
    legalNotes: 'Denuncia presentada en la Fiscalía provincial; audiencia por fijar.',
    educationNotes: 'Bachillerato incompleto; interés en formación técnica.',
  };
}

/** A team and a health institution with a fresh suffix, as the system (in its transaction). */
export async function seedTeamAndHospital(trx: Transaction<DB>) {
  const suffix = randomBytes(4).toString('hex');
  const team = await trx
    .insertInto('teams')
    .values({ name: `Equipo bench ${suffix}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hospital = await trx
    .insertInto('institutions')
    .values({ name: `Hospital bench ${suffix}`, sector: 'health' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { suffix, team, hospital };
}

/** The person's written consent to refer them to health services with identity and health data. */
export function healthConsent() {
  return {
    givenBy: 'person' as const,
    method: 'written' as const,
    givenAt: new Date(Date.now() - 60_000).toISOString(),
    purposes: ['service_referral' as const, 'information_sharing' as const],
    scope: [
      {
        sectors: ['health' as const],
        institutionIds: [],
        categories: ['minimal' as const, 'identity' as const, 'health' as const],
      },
    ],
  };
}
