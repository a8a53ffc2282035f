/**
 * Referral use cases in process, through their services (the same code the
 * routes call, without HTTP and sessions): creating a referral (consent
 * check, case decryption, package snapshot, two encryptions, five inserts,
 * audit) and a partner opening a package (decrypt, audit) — each beside its
 * natural baseline measured in the same run: an audited write transaction,
 * and a caseworker's audited case read.
 */
import { randomBytes } from 'node:crypto';
import { LocalKeyring } from '../../security/crypto';
import {
  inActorTransaction,
  SYSTEM_ACTOR,
  type StaffActor,
  type Store,
} from '../../server/db/actor-transaction';
import { intakeCase, readCase } from '../../server/modules/cases/cases.service';
import { recordConsent } from '../../server/modules/consents/consents.service';
import { ensureLeadAgency } from '../../server/modules/institutions';
import { revocationEffects } from '../../server/modules/referrals';
import { healthConsent, seedTeamAndHospital } from './world';
import { readPackage } from '../../server/modules/referrals/referral-reads';
import { createReferral } from '../../server/modules/referrals/referrals.service';

export async function referralWorkload(store: Store) {
  const clock = () => new Date();
  const deps = {
    store,
    keyring: new LocalKeyring(new Map([[1, randomBytes(32)]])),
    blindIndexKey: randomBytes(32),
    clock,
    onRevoked: revocationEffects(clock),
  };
  const { caseworker, partner, hospital } = await seedPeople(store);
  const intake = await intakeCase(deps, caseworker, {
    identifiedOn: '2026-11-20',
    riskLevel: 'high',
    identity: {
      fullName: 'María José Ñandú Quishpe',
      documentNumber: '1712345678',
      phone: '+593 98 765 4321',
      healthNotes: 'Control prenatal pendiente; alergia a penicilina.',
    },
    attributes: {
      sex: 'Female',
      traffickingStatus: 'Actual',
      language: 'es',
      exploitationTypes: ['SexualExploitation'],
      recruitmentMethods: [],
      controlMethods: ['DebtBondage'],
      vulnerabilityGroups: ['woman'],
    },
  });
  const caseId = intake.case.id;
  await recordConsent(deps, caseworker, caseId, healthConsent());
  const refer = () =>
    createReferral(deps, caseworker, {
      caseId,
      institutionId: hospital,
      services: ['medical_care', 'mental_health_psychosocial'],
      urgency: 'priority',
      acknowledgeBy: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      categories: ['identity', 'health'],
    });
  const opened = await refer();
  return {
    refer,
    readCase: () => readCase(deps, caseworker, caseId),
    readPackage: () => readPackage(deps, partner, opened.id),
  };
}

async function seedPeople(store: Store) {
  const { institution } = await ensureLeadAgency(store, {
    name: 'Agencia líder (bench)',
    sector: 'social_protection',
  });
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    const { suffix, team, hospital } = await seedTeamAndHospital(trx);
    const user = (role: 'caseworker' | 'partner', institutionId: string, teamId: string | null) =>
      trx
        .insertInto('users')
        .values({
          institution_id: institutionId,
          email: `${role}.${suffix}@example.org`,
          display_name: `Bench ${role}`,
          role,
          password_hash: 'unused',
          team_id: teamId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const worker = await user('caseworker', institution.id, team.id);
    const partnerUser = await user('partner', hospital.id, null);
    const caseworker: StaffActor = {
      id: worker.id,
      role: 'caseworker',
      institutionId: institution.id,
    };
    const partner: StaffActor = { id: partnerUser.id, role: 'partner', institutionId: hospital.id };
    return { caseworker, partner, hospital: hospital.id };
  });
}
