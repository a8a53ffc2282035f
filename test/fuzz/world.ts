import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  ACTOR_ROLES,
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
} from '../../server/db/actor-transaction';
import type { TestApp } from '../helpers/app';
import { canary } from '../helpers/canary';
import { giveConsent, newCase, referralId } from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { addSession, createParticipant, createProgramme, enrol } from '../helpers/trainings';
import { createTeam, partnerInstitutionId, seedUser, signedIn } from '../helpers/users';
import type { IdsFor } from './requests';

type Options = Parameters<typeof seedUser>[2];

/** A role's live session, replaced when the fuzzer ends it (logout) or locks its second factor. */
export interface RoleSession {
  role: ActorRole;
  options: Options;
  email: string;
  password: string;
  client: SessionClient;
  /** Set when the session answered 401 unauthenticated: sign in again before the next request. */
  stale: boolean;
  refreshing: Promise<void> | undefined;
  refreshes: number;
  refreshFailures: number;
}

export interface FuzzWorld {
  sessions: Map<ActorRole, RoleSession>;
  idsFor: IdsFor;
  allIds: string[];
  /**
   * Values planted in identifying fields, and the roles that may legitimately
   * read each: always (`readableBy`), or once they hold a break-glass grant
   * on the canary case (`breakGlassHolders`, filled as the run obtains one).
   */
  canaries: {
    value: string;
    readableBy: readonly ActorRole[];
    breakGlassHolders?: Set<ActorRole>;
  }[];
  /** The canary case: a fuzzed caseworker or supervisor with a fresh step-up may break the glass on it. */
  canaryCase: { id: string; breakGlassHolders: Set<ActorRole> };
  /** Makes a stale session live again (a new sign-in, or a new user of the role if that fails). */
  refresh(session: RoleSession): Promise<void>;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const CASE_IDENTITY = (plant: (label: string) => string) => ({
  fullName: plant('NOMBRE'),
  aliases: plant('ALIAS'),
  documentType: plant('TIPO'),
  address: plant('DIRECCION'),
  emergencyContact: plant('CONTACTO'),
  narrative: plant('RELATO'),
  healthNotes: plant('SALUD'),
  legalNotes: plant('LEGAL'),
  educationNotes: plant('EDUCACION'),
});

/**
 * The records the fuzzer aims at: a session of every role (the caseworker and
 * supervisor in one team, the partner in a partner institution), records
 * each can reach (so valid ids go deep), and a second team's case and a
 * second coordinator's participants full of canaries that no fuzzed session
 * may read (the participants: only a coordinator).
 */
export async function seedWorld(t: TestApp): Promise<FuzzWorld> {
  const teamId = await createTeam(t, 'Equipo Fuzz');
  const partners = await partnerInstitutionId(t, 'Hospital Fuzz', 'health');
  const sessions = new Map<ActorRole, RoleSession>();
  for (const role of ACTOR_ROLES) {
    const options: Options =
      role === 'partner'
        ? { institutionId: partners }
        : role === 'caseworker' || role === 'supervisor'
          ? { teamId }
          : {};
    const { user, client } = await signedIn(t, role, options);
    sessions.set(role, {
      role,
      options,
      email: user.email,
      password: user.password,
      client,
      stale: false,
      refreshing: undefined,
      refreshes: 0,
      refreshFailures: 0,
    });
  }
  const as = (role: ActorRole) => sessions.get(role)!.client;
  const caseworker = as('caseworker');
  const coordinator = as('coordinator');
  const admin = as('admin');

  // Records the fuzzed sessions own or may reach.
  const caseId = await newCase(caseworker);
  const upload = await caseworker.upload(`/api/v1/cases/${caseId}/attachments`, PNG, {
    'Content-Type': 'image/png',
    'X-Attachment-Name': 'inicial.png',
  });
  const attachmentId = (upload.body as { id: string }).id;
  const consent = await giveConsent(caseworker, caseId, [
    { sectors: ['health'], categories: ['minimal'] },
  ]);
  const referral = await referralId(caseworker, caseId, partners);
  const target = await seedUser(t, 'caseworker', { teamId });
  await caseworker.post('/api/v1/auth/step-up', { code: await caseworker.nextCode() });
  await admin.post('/api/v1/auth/step-up', { code: await admin.nextCode() });
  const issued = await admin.post(`/api/v1/institutions/${partners}/certificates`, {
    mode: 'generate',
    password: 'Clave-del-fuzzer-2026',
  });
  const certificateId = (issued.body as { certificate?: { id: string } }).certificate?.id;
  const campaign = await coordinator.post('/api/v1/campaigns', {
    name: 'Campaña del fuzzer',
    objective: 'Prevenir la captación',
    targetTerritories: ['Pichincha'],
    targetGroups: ['migrant'],
    channels: ['radio'],
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    budgetUsd: 100,
    plannedReach: { total: 100 },
  });
  const campaignId = (campaign.body as { id: string }).id;
  const activity = await coordinator.post(`/api/v1/campaigns/${campaignId}/activities`, {
    date: '2026-02-01',
    territory: 'Pichincha',
    channel: 'radio',
    reach: [{ group: 'migrant', count: 10 }],
  });
  const activityId = (activity.body as { id: string }).id;
  const programme = await createProgramme(coordinator);
  const session = await addSession(coordinator, programme.id);
  const participant = await createParticipant(coordinator);
  await enrol(coordinator, programme.id, [participant.id]);
  const report = await coordinator.post('/api/v1/management-reports', { year: 2003 });
  const reportId = (report.body as { id: string }).id;
  const notification = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    sql<{ id: string }>`insert into notifications (recipient_id, kind, resource_type, resource_id)
      values (${target.id}, 'referral_received', 'referral', ${randomUUID()}) returning id`.execute(
      trx,
    ),
  );

  // Canaries: a case of another team, referred to another institution, and participants.
  const canaries: FuzzWorld['canaries'] = [];
  const breakGlassHolders = new Set<ActorRole>();
  const plant = (readableBy: readonly ActorRole[], holders?: Set<ActorRole>) => (label: string) => {
    // Digit-free: a run of seven digits would read as a phone number (refused as looks_personal).
    const value = canary(label).replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!);
    canaries.push({ value, readableBy, breakGlassHolders: holders });
    return value;
  };
  const hidden = plant([], breakGlassHolders);
  const canaryTeam = await createTeam(t, 'Equipo Canario');
  const owner = (await signedIn(t, 'caseworker', { teamId: canaryTeam })).client;
  const canaryCase = await newCase(owner, { identity: CASE_IDENTITY(hidden) });
  await owner.post(`/api/v1/cases/${canaryCase}/notes`, { body: hidden('NOTA') });
  await owner.upload(`/api/v1/cases/${canaryCase}/attachments`, PNG, {
    'Content-Type': 'image/png',
    'X-Attachment-Name': Buffer.from(`${hidden('ARCHIVO')}.png`, 'utf8').toString('latin1'),
  });
  const elsewhere = await partnerInstitutionId(t, 'Casa Canario', 'shelter');
  await giveConsent(owner, canaryCase, [
    { sectors: ['shelter'], categories: ['minimal', 'health'] },
  ]);
  const canaryReferral = await referralId(owner, canaryCase, elsewhere, {
    services: ['shelter'],
    categories: ['minimal', 'health'],
  });
  const otherCoordinator = (await signedIn(t, 'coordinator')).client;
  const visibleToCoordinators = plant(['coordinator']);
  const canaryParticipants: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const made = await createParticipant(otherCoordinator, {
      fullName: visibleToCoordinators('PARTICIPANTE'),
      position: visibleToCoordinators('CARGO'),
      workEmail: `canario.${randomBytes(5).toString('hex')}@salud.gob.ec`,
    });
    canaryParticipants.push(made.id);
  }

  const byName: Record<string, readonly string[]> = {
    cases: [caseId, canaryCase],
    attachments: [attachmentId],
    consents: [consent.id],
    referrals: [referral, canaryReferral],
    users: [target.id],
    institutions: [partners, elsewhere],
    certificates: certificateId ? [certificateId] : [],
    campaigns: [campaignId],
    activities: [activityId],
    programmes: [programme.id],
    sessions: [session.id],
    participants: [participant.id, ...canaryParticipants],
    reports: [reportId],
    notifications: [notification.rows[0]!.id],
  };
  const idsFor: IdsFor = (template, param) => {
    if (param === 'attachmentId') return byName.attachments!;
    if (param === 'activityId') return byName.activities!;
    if (param === 'sessionId') return byName.sessions!;
    if (param === 'participantId') return byName.participants!;
    const resource = /^\/api\/v1\/(?:trainings\/|public\/)?([a-z-]+)/.exec(template)?.[1] ?? '';
    const key = resource === 'management-reports' ? 'reports' : resource;
    return byName[key] ?? [];
  };
  const allIds = Object.values(byName).flat();

  const refresh = async (s: RoleSession) => {
    s.refreshes += 1;
    const client = new SessionClient(t.app, t.clock);
    client.totpSecret = s.client.totpSecret;
    try {
      await client.signIn(s.email, s.password);
      s.client = client;
    } catch {
      // A second factor locked by the fuzzer's wrong codes, or a user it changed: a new one.
      // Should that fail too, the role goes on without a session (401s) rather than end the run.
      try {
        const fresh = await signedIn(t, s.role, s.options);
        Object.assign(s, { email: fresh.user.email, password: fresh.user.password });
        s.client = fresh.client;
      } catch {
        s.refreshFailures += 1;
      }
    }
    s.stale = false;
  };
  return {
    sessions,
    idsFor,
    allIds,
    canaries,
    canaryCase: { id: canaryCase, breakGlassHolders },
    refresh,
  };
}
