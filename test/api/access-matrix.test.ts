import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { sql } from 'kysely';
import {
  ACTOR_ROLES,
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
} from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { giveConsent, givenNow, inDays, referralId as newReferral } from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import { allOf, seedProgramme } from '../helpers/training-certificates';
import {
  addSession,
  createParticipant,
  createProgramme,
  enrol,
  PARTICIPANTS,
  participantBody,
  programmeBody,
  PROGRAMMES,
  sessionBody,
  TRAININGS,
} from '../helpers/trainings';
import {
  auditEvents,
  createTeam,
  partnerInstitutionId,
  seedUser,
  signedIn,
} from '../helpers/users';

/**
 * Every route of the OpenAPI document × no session and every role: 401
 * without a session, 403 (and an audited denial) for a role that may not,
 * 2xx for one that may. A route the document lists and this matrix does not
 * fails the suite (see the last test).
 */
type Who = ActorRole | 'anonymous';
interface Endpoint {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** As the route is declared (`METHOD:/api/v1/users/:id`): what a denial records. */
  template: string;
  path: (who: Who) => string;
  body?: (who: Who, client: SessionClient) => object | Promise<object>;
  /** A binary upload (attachments) instead of a JSON body. */
  upload?: { content: Buffer; headers: Record<string, string> };
  /** What an allowed role must do first (e.g. a step-up for a sensitive operation). */
  prepare?: (client: SessionClient) => Promise<void>;
  allowed: readonly ActorRole[] | 'all';
}

let t: TestApp;
const clients = new Map<ActorRole, { id: string; client: SessionClient }>();
let userId: string;
let institutionId: string;
let lead: string;
let caseId: string;
let otherTeamCaseId: string;
let attachmentId: string;
let referralId: string;
let pendingConsentId: string;
let grantToReview: string;
let revocableCertificate: string;
const revocableConsentIds: string[] = [];
const referralsToMove = new Map<Who, string>();
const packagesToClose = new Map<Who, string>();
const minorCases = new Map<Who, string>();
let pendingCorrectionCase: string;
/** One notification of each role's own (written as the system, as the database's triggers do). */
const ownNotifications = new Map<Who, string>();
let campaignId: string;
let campaignActivityId: string;
let campaignActivityToDelete: string;
/** Training certificates: a programme, each role's own certificate (as its holder), one to revoke. */
let certifiedProgramme: string;
const ownCertificates = new Map<Who, string>();
let certificateToRevoke: string;
/** Trainings: a programme with a held session and an enrolled participant, and records to delete. */
const training = {
  programme: '',
  session: '',
  participant: '',
  programmeToDelete: '',
  sessionToDelete: '',
  participantToUnenrol: '',
  participantToErase: '',
  /** A participant whose work e-mail is `account`'s login, to link to it. */
  participantToLink: '',
  account: '',
};
type Versioned = { version: number };
const versionOf = async (client: SessionClient, path: string) =>
  ((await client.get(path)).body as Versioned).version;

/** Targets and budget: what the coordinator reads, changes, deletes or voids. */
const plan = {
  program: '',
  project: '',
  target: '',
  programToDelete: '',
  projectToDelete: '',
  targetToDelete: '',
  entryToVoid: '',
};

const CASE = {
  identifiedOn: '2026-11-12',
  riskLevel: 'medium',
  identity: { fullName: 'Persona de prueba' },
  attributes: { sex: 'Male', traffickingStatus: 'Possible' },
};
const MINOR = { ...CASE, attributes: { ...CASE.attributes, ageAtIdentification: 15 } };
const CONSENT = {
  givenBy: 'person',
  method: 'written',
  givenAt: givenNow(),
  purposes: ['service_referral', 'information_sharing'],
};
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

const unique = () => randomBytes(4).toString('hex');
/** Unique and digit-free: a run of seven digits would read as a phone number (looks_personal). */
const uniqueWord = () => unique().replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!);
const stepUp = async (client: SessionClient) => {
  await client.post('/api/v1/auth/step-up', { code: await client.nextCode() });
};
const CAMPAIGN = {
  name: 'Campaña de la matriz',
  objective: 'Prevenir la captación',
  targetTerritories: ['Pichincha'],
  targetGroups: ['migrant'],
  channels: ['radio'],
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  budgetUsd: 100,
  plannedReach: { total: 100 },
};
const TARGET = {
  year: 2026,
  description: 'Meta de la matriz',
  indicator: 'Servidores capacitados',
  unitOfMeasure: 'personas',
  programmed: '100',
  executingUnits: ['Dirección de Seguridad Ciudadana'],
  measure: { kind: 'manual' },
};
const CAMPAIGN_ACTIVITY = {
  date: '2026-02-01',
  territory: 'Pichincha',
  channel: 'radio',
  reach: [{ group: 'migrant', count: 10 }],
};
/** Campaigns are read by the lead agency's staff and the system's own roles: not partners. */
const CAMPAIGN_READERS: readonly ActorRole[] = [
  'admin',
  'supervisor',
  'caseworker',
  'coordinator',
  'auditor',
];
type CampaignRead = { version: number; activities: { id: string; version: number }[] };
const campaignRead = async (client: SessionClient) =>
  (await client.get(`/api/v1/campaigns/${campaignId}`)).body as CampaignRead;
const caseVersion = async (client: SessionClient) =>
  ((await client.get(`/api/v1/cases/${caseId}`)).body as { version: number }).version;

/** A release of a year no other test spends, at the smallest ε. */
const STATISTICS_RELEASE = { tableId: 'victims_by_province', year: 2001, epsilon: 0.05 };
/** A draft to read, publish or discard, made just before the coordinator's request. */
let releaseToDecide = '00000000-0000-4000-8000-000000000000';
const newDraftRelease = async (client: SessionClient) => {
  const res = await client.post('/api/v1/statistics/releases', STATISTICS_RELEASE);
  releaseToDecide = (res.body as { id: string }).id;
};

/**
 * Management reports: a draft of the matrix's coordinator (read, changed,
 * downloaded), and drafts made just before the coordinator's request: its
 * own to delete, a second coordinator's to review, and one a second
 * coordinator prepared and a third reviewed, to approve (three signatures,
 * three people; an ended period).
 */
const REPORTS = '/api/v1/management-reports';
let secondCoordinator: SessionClient;
let thirdCoordinator: SessionClient;
let ownReport = '00000000-0000-4000-8000-000000000000';
let reportToDelete = ownReport;
let reportToReview = ownReport;
let reportToApprove = ownReport;
const newReport = async (client: SessionClient, year = 2002) =>
  ((await client.post(REPORTS, { year })).body as { id: string }).id;
type ReportRead = { version: number; figuresDigest: string };
const reportRead = async (client: SessionClient, id: string) =>
  (await client.get(`${REPORTS}/${id}`)).body as ReportRead;

const ENDPOINTS: Endpoint[] = [
  { method: 'get', path: () => '/api/v1/auth/me', template: 'GET:/api/v1/auth/me', allowed: 'all' },
  {
    method: 'post',
    path: () => '/api/v1/auth/step-up',
    template: 'POST:/api/v1/auth/step-up',
    body: async (who, client) => ({
      code: who === 'anonymous' ? '123456' : await client.nextCode(),
    }),
    allowed: 'all',
  },
  {
    method: 'get',
    path: () => '/api/v1/users',
    template: 'GET:/api/v1/users/',
    allowed: ['admin'],
  },
  {
    method: 'post',
    path: () => '/api/v1/users/search',
    template: 'POST:/api/v1/users/search',
    body: () => ({ emailContains: 'example' }),
    allowed: ['admin'],
  },
  {
    method: 'post',
    path: () => '/api/v1/users',
    template: 'POST:/api/v1/users/',
    body: () => ({
      email: `matrix.${unique()}@example.org`,
      displayName: 'Matriz',
      institutionId: lead,
      role: 'caseworker',
    }),
    prepare: stepUp,
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: () => `/api/v1/users/${userId}`,
    template: 'GET:/api/v1/users/:id',
    allowed: ['admin'],
  },
  {
    method: 'patch',
    path: () => `/api/v1/users/${userId}`,
    template: 'PATCH:/api/v1/users/:id',
    body: () => ({ displayName: `Nombre ${unique()}` }),
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: () => '/api/v1/institutions',
    template: 'GET:/api/v1/institutions/',
    allowed: ['admin', 'caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => '/api/v1/institutions',
    template: 'POST:/api/v1/institutions/',
    body: () => ({ name: `Institución ${unique()}`, sector: 'education' }),
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: () => `/api/v1/institutions/${institutionId}`,
    template: 'GET:/api/v1/institutions/:id',
    allowed: ['admin', 'caseworker', 'supervisor'],
  },
  {
    method: 'patch',
    path: () => `/api/v1/institutions/${institutionId}`,
    template: 'PATCH:/api/v1/institutions/:id',
    body: () => ({ contact: { name: `Mesa ${unique()}` } }),
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: () => `/api/v1/institutions/${institutionId}/certificates`,
    template: 'GET:/api/v1/institutions/:id/certificates',
    allowed: ['admin'],
  },
  {
    method: 'post',
    path: () => `/api/v1/institutions/${institutionId}/certificates`,
    template: 'POST:/api/v1/institutions/:id/certificates',
    body: () => ({ mode: 'generate', password: 'Clave-de-la-matriz-2026' }),
    prepare: stepUp,
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: () => '/api/v1/audit',
    template: 'GET:/api/v1/audit/',
    allowed: ['auditor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/audit/verify',
    template: 'GET:/api/v1/audit/verify',
    allowed: ['auditor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/audit/staff',
    template: 'GET:/api/v1/audit/staff',
    allowed: ['auditor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/audit/reports/case?caseId=${caseId}`,
    template: 'GET:/api/v1/audit/reports/case',
    allowed: ['auditor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/audit/reports/case/export?caseId=${caseId}`,
    template: 'GET:/api/v1/audit/reports/case/export',
    allowed: ['auditor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/audit/reports/user?userId=${userId}`,
    template: 'GET:/api/v1/audit/reports/user',
    allowed: ['auditor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/audit/reports/user/export?userId=${userId}`,
    template: 'GET:/api/v1/audit/reports/user/export',
    allowed: ['auditor'],
  },
  {
    method: 'post',
    path: () => '/api/v1/cases',
    template: 'POST:/api/v1/cases/',
    body: () => CASE,
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/cases/${caseId}`,
    template: 'GET:/api/v1/cases/:id',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'patch',
    path: () => `/api/v1/cases/${caseId}`,
    template: 'PATCH:/api/v1/cases/:id',
    body: async (who, client) => ({
      version: who === 'caseworker' || who === 'supervisor' ? await caseVersion(client) : 1,
      riskLevel: 'high',
    }),
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/cases',
    template: 'GET:/api/v1/cases/',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${caseId}/assign`,
    template: 'POST:/api/v1/cases/:id/assign',
    body: () => ({ assignedTo: clients.get('caseworker')!.id }),
    allowed: ['supervisor'],
  },
  {
    method: 'post',
    path: (who) => `/api/v1/cases/${minorCases.get(who) ?? caseId}/age-correction`,
    template: 'POST:/api/v1/cases/:id/age-correction',
    body: () => ({ version: 1, ageAtIdentification: 30, reason: 'document_verified' }),
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${pendingCorrectionCase}/age-correction/decision`,
    template: 'POST:/api/v1/cases/:id/age-correction/decision',
    body: () => ({ decision: 'approve', version: 2 }),
    allowed: ['supervisor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/cases/${caseId}/notes`,
    template: 'GET:/api/v1/cases/:id/notes',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${caseId}/notes`,
    template: 'POST:/api/v1/cases/:id/notes',
    body: () => ({ body: 'Nota de la matriz' }),
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${caseId}/attachments`,
    template: 'POST:/api/v1/cases/:id/attachments',
    upload: {
      content: PNG,
      headers: { 'Content-Type': 'image/png', 'X-Attachment-Name': 'matriz.png' },
    },
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/cases/${caseId}/attachments`,
    template: 'GET:/api/v1/cases/:id/attachments',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/cases/${caseId}/attachments/${attachmentId}`,
    template: 'GET:/api/v1/cases/:id/attachments/:attachmentId',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${otherTeamCaseId}/break-glass`,
    template: 'POST:/api/v1/cases/:id/break-glass',
    body: () => ({ justification: 'Justificación suficiente para la matriz de acceso' }),
    prepare: stepUp,
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/reviews',
    template: 'GET:/api/v1/reviews/',
    allowed: ['supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/reviews/break_glass/${grantToReview}/acknowledge`,
    template: 'POST:/api/v1/reviews/:kind/:id/acknowledge',
    body: () => ({ outcome: 'justified' }),
    allowed: ['supervisor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/cases/${caseId}/consents`,
    template: 'GET:/api/v1/cases/:id/consents',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${caseId}/consents`,
    template: 'POST:/api/v1/cases/:id/consents',
    body: () => ({ ...CONSENT, scope: [{ sectors: ['labour'], categories: ['minimal'] }] }),
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/consents?status=pending_approval',
    template: 'GET:/api/v1/consents/',
    allowed: ['supervisor'],
  },
  {
    method: 'post',
    path: () => `/api/v1/consents/${pendingConsentId}/approve`,
    template: 'POST:/api/v1/consents/:id/approve',
    body: () => ({}),
    allowed: ['supervisor'],
  },
  {
    method: 'post',
    // One consent per call: a consent is revoked once.
    path: () => `/api/v1/consents/${revocableConsentIds.pop() ?? randomUUID()}/revoke`,
    template: 'POST:/api/v1/consents/:id/revoke',
    body: () => ({ reason: 'other' }),
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/referrals',
    template: 'GET:/api/v1/referrals/',
    allowed: ['caseworker', 'supervisor', 'partner'],
  },
  {
    method: 'post',
    path: () => '/api/v1/referrals',
    template: 'POST:/api/v1/referrals/',
    body: () => ({
      caseId,
      institutionId,
      services: ['medical_care'],
      urgency: 'routine',
      acknowledgeBy: inDays(5),
    }),
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/referrals/${referralId}`,
    template: 'GET:/api/v1/referrals/:id',
    allowed: ['caseworker', 'supervisor', 'partner'],
  },
  {
    method: 'post',
    // A referral per call: the partner acknowledges one, each sender withdraws one.
    path: (who) => `/api/v1/referrals/${referralsToMove.get(who) ?? referralId}/transitions`,
    template: 'POST:/api/v1/referrals/:id/transitions',
    body: (who) => (who === 'partner' ? { to: 'acknowledged' } : { to: 'withdrawn' }),
    allowed: ['caseworker', 'supervisor', 'partner'],
  },
  {
    method: 'get',
    path: () => `/api/v1/referrals/${referralId}/package`,
    template: 'GET:/api/v1/referrals/:id/package',
    allowed: ['partner'],
  },
  {
    method: 'delete',
    // A package per sender: each closes one.
    path: (who) => `/api/v1/referrals/${packagesToClose.get(who) ?? referralId}/package`,
    template: 'DELETE:/api/v1/referrals/:id/package',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => `/api/v1/referrals/${referralId}/package.p7m`,
    template: 'GET:/api/v1/referrals/:id/package.p7m',
    allowed: ['partner'],
  },
  {
    method: 'post',
    path: () => `/api/v1/certificates/${revocableCertificate}/revoke`,
    template: 'POST:/api/v1/certificates/:id/revoke',
    body: () => ({ reason: 'superseded' }),
    prepare: stepUp,
    allowed: ['admin'],
  },
  {
    method: 'post',
    path: () => `/api/v1/cases/${caseId}/erase`,
    template: 'POST:/api/v1/cases/:id/erase',
    body: () => ({ reason: 'created_in_error' }),
    prepare: stepUp,
    allowed: ['supervisor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/teams',
    template: 'GET:/api/v1/teams/',
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: () => '/api/v1/directory',
    template: 'GET:/api/v1/directory/',
    allowed: ['caseworker', 'supervisor'],
  },
  {
    method: 'get',
    path: () => '/api/v1/notifications',
    template: 'GET:/api/v1/notifications/',
    allowed: 'all',
  },
  {
    method: 'post',
    path: (who) => `/api/v1/notifications/${ownNotifications.get(who) ?? randomUUID()}/read`,
    template: 'POST:/api/v1/notifications/:id/read',
    body: () => ({}),
    allowed: 'all',
  },
  {
    method: 'post',
    path: () => '/api/v1/notifications/read-all',
    template: 'POST:/api/v1/notifications/read-all',
    body: () => ({}),
    allowed: 'all',
  },
  {
    method: 'post',
    path: () => '/api/v1/teams',
    template: 'POST:/api/v1/teams/',
    body: () => ({ name: `Equipo ${unique()}` }),
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: () => '/api/v1/statistics/catalogue',
    template: 'GET:/api/v1/statistics/catalogue',
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => '/api/v1/statistics/budget?year=2001',
    template: 'GET:/api/v1/statistics/budget',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => '/api/v1/statistics/releases/preview',
    template: 'POST:/api/v1/statistics/releases/preview',
    body: () => STATISTICS_RELEASE,
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => '/api/v1/statistics/releases',
    template: 'POST:/api/v1/statistics/releases',
    body: () => STATISTICS_RELEASE,
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => '/api/v1/statistics/releases',
    template: 'GET:/api/v1/statistics/releases',
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `/api/v1/statistics/releases/${releaseToDecide}`,
    template: 'GET:/api/v1/statistics/releases/:id',
    prepare: newDraftRelease,
    allowed: ['coordinator'],
  },
  ...(['publish', 'discard'] as const).map((decision): Endpoint => ({
    method: 'post',
    path: () => `/api/v1/statistics/releases/${releaseToDecide}/${decision}`,
    template: `POST:/api/v1/statistics/releases/:id/${decision}`,
    body: () => ({}),
    prepare: newDraftRelease,
    allowed: ['coordinator'],
  })),
  {
    method: 'get',
    path: () => '/api/v1/campaigns',
    template: 'GET:/api/v1/campaigns/',
    allowed: CAMPAIGN_READERS,
  },
  {
    method: 'post',
    path: () => '/api/v1/campaigns',
    template: 'POST:/api/v1/campaigns/',
    body: () => CAMPAIGN,
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `/api/v1/campaigns/${campaignId}`,
    template: 'GET:/api/v1/campaigns/:id',
    allowed: CAMPAIGN_READERS,
  },
  {
    method: 'patch',
    path: () => `/api/v1/campaigns/${campaignId}`,
    template: 'PATCH:/api/v1/campaigns/:id',
    body: async (who, client) => ({
      version: who === 'coordinator' ? (await campaignRead(client)).version : 1,
      name: `Campaña ${uniqueWord()}`,
    }),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `/api/v1/campaigns/${campaignId}/results`,
    template: 'GET:/api/v1/campaigns/:id/results',
    allowed: CAMPAIGN_READERS,
  },
  {
    method: 'post',
    path: () => `/api/v1/campaigns/${campaignId}/activities`,
    template: 'POST:/api/v1/campaigns/:id/activities',
    body: () => CAMPAIGN_ACTIVITY,
    allowed: ['coordinator'],
  },
  {
    method: 'patch',
    path: () => `/api/v1/campaigns/${campaignId}/activities/${campaignActivityId}`,
    template: 'PATCH:/api/v1/campaigns/:id/activities/:activityId',
    body: async (who, client) => ({
      version:
        who === 'coordinator'
          ? (await campaignRead(client)).activities.find((a) => a.id === campaignActivityId)!
              .version
          : 1,
      reach: [{ group: 'migrant', count: 11 }],
    }),
    allowed: ['coordinator'],
  },
  {
    method: 'delete',
    path: () => `/api/v1/campaigns/${campaignId}/activities/${campaignActivityToDelete}`,
    template: 'DELETE:/api/v1/campaigns/:id/activities/:activityId',
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `${TRAININGS}/me`,
    template: 'GET:/api/v1/trainings/me',
    allowed: 'all',
  },
  {
    method: 'get',
    path: () => `${TRAININGS}/aggregates?year=2025`,
    template: 'GET:/api/v1/trainings/aggregates',
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => PROGRAMMES,
    template: 'GET:/api/v1/trainings/programmes',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => PROGRAMMES,
    template: 'POST:/api/v1/trainings/programmes',
    body: () => programmeBody(),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `${PROGRAMMES}/${training.programme}`,
    template: 'GET:/api/v1/trainings/programmes/:id',
    allowed: ['coordinator'],
  },
  {
    method: 'patch',
    path: () => `${PROGRAMMES}/${training.programme}`,
    template: 'PATCH:/api/v1/trainings/programmes/:id',
    body: async (who, client) => ({
      version:
        who === 'coordinator' ? await versionOf(client, `${PROGRAMMES}/${training.programme}`) : 1,
      name: `Programa ${uniqueWord()}`,
    }),
    allowed: ['coordinator'],
  },
  {
    method: 'delete',
    path: () => `${PROGRAMMES}/${training.programmeToDelete}`,
    template: 'DELETE:/api/v1/trainings/programmes/:id',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => `${PROGRAMMES}/${training.programme}/sessions`,
    template: 'POST:/api/v1/trainings/programmes/:id/sessions',
    body: () => sessionBody({ hours: 0.5 }),
    allowed: ['coordinator'],
  },
  {
    method: 'patch',
    path: () => `${PROGRAMMES}/${training.programme}/sessions/${training.session}`,
    template: 'PATCH:/api/v1/trainings/programmes/:id/sessions/:sessionId',
    body: () => ({ version: 1, place: `Sala ${uniqueWord()}` }),
    allowed: ['coordinator'],
  },
  {
    method: 'delete',
    path: () => `${PROGRAMMES}/${training.programme}/sessions/${training.sessionToDelete}`,
    template: 'DELETE:/api/v1/trainings/programmes/:id/sessions/:sessionId',
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `${PROGRAMMES}/${training.programme}/sessions/${training.session}/attendance`,
    template: 'GET:/api/v1/trainings/programmes/:id/sessions/:sessionId/attendance',
    allowed: ['coordinator'],
  },
  {
    method: 'put',
    path: () => `${PROGRAMMES}/${training.programme}/sessions/${training.session}/attendance`,
    template: 'PUT:/api/v1/trainings/programmes/:id/sessions/:sessionId/attendance',
    body: () => ({ entries: [{ participantId: training.participant, present: true }] }),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `${PROGRAMMES}/${training.programme}/enrolments`,
    template: 'GET:/api/v1/trainings/programmes/:id/enrolments',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => `${PROGRAMMES}/${training.programme}/enrolments`,
    template: 'POST:/api/v1/trainings/programmes/:id/enrolments',
    body: () => ({ participantIds: [training.participant] }),
    allowed: ['coordinator'],
  },
  {
    method: 'delete',
    path: () => `${PROGRAMMES}/${training.programme}/enrolments/${training.participantToUnenrol}`,
    template: 'DELETE:/api/v1/trainings/programmes/:id/enrolments/:participantId',
    allowed: ['coordinator'],
  },
  {
    method: 'put',
    path: () => `${PROGRAMMES}/${training.programme}/scores`,
    template: 'PUT:/api/v1/trainings/programmes/:id/scores',
    body: () => ({ entries: [{ participantId: training.participant, postScore: 95 }] }),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => PARTICIPANTS,
    template: 'GET:/api/v1/trainings/participants',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => PARTICIPANTS,
    template: 'POST:/api/v1/trainings/participants',
    body: () => participantBody(),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `${PARTICIPANTS}/${training.participant}`,
    template: 'GET:/api/v1/trainings/participants/:participantId',
    allowed: ['coordinator'],
  },
  {
    method: 'patch',
    path: () => `${PARTICIPANTS}/${training.participant}`,
    template: 'PATCH:/api/v1/trainings/participants/:participantId',
    body: async (who, client) => ({
      version:
        who === 'coordinator'
          ? await versionOf(client, `${PARTICIPANTS}/${training.participant}`)
          : 1,
      position: `Cargo ${uniqueWord()}`,
    }),
    allowed: ['coordinator'],
  },
  {
    method: 'put',
    path: () => `${PARTICIPANTS}/${training.participantToLink}/account`,
    template: 'PUT:/api/v1/trainings/participants/:participantId/account',
    body: () => ({ userId: training.account }),
    allowed: ['coordinator'],
  },
  {
    method: 'delete',
    path: () => `${PARTICIPANTS}/${training.participantToLink}/account`,
    template: 'DELETE:/api/v1/trainings/participants/:participantId/account',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => `${PARTICIPANTS}/${training.participantToErase}/erase`,
    template: 'POST:/api/v1/trainings/participants/:participantId/erase',
    body: () => ({ reason: 'person_request' }),
    prepare: stepUp,
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `/api/v1/trainings/programmes/${certifiedProgramme}/certificates`,
    template: 'GET:/api/v1/trainings/programmes/:id/certificates',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => `/api/v1/trainings/programmes/${certifiedProgramme}/certificates`,
    template: 'POST:/api/v1/trainings/programmes/:id/certificates',
    body: () => ({ allCompleted: true }),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => '/api/v1/trainings/certificates/mine',
    template: 'GET:/api/v1/trainings/certificates/mine',
    allowed: 'all',
  },
  // Each role downloads its own certificate (it is the holder); another's is a 404
  // (test/api/training-certificates.test.ts).
  {
    method: 'get',
    path: (who) => `/api/v1/trainings/certificates/${ownCertificates.get(who) ?? randomUUID()}/pdf`,
    template: 'GET:/api/v1/trainings/certificates/:id/pdf',
    allowed: 'all',
  },
  {
    method: 'post',
    path: () => `/api/v1/trainings/certificates/${certificateToRevoke}/revoke`,
    template: 'POST:/api/v1/trainings/certificates/:id/revoke',
    body: () => ({ reason: 'Revocado en la matriz de acceso' }),
    allowed: ['coordinator'],
  },
  // Targets and budget: the coordinator's only (test/api/targets*.test.ts, budget.test.ts).
  {
    method: 'get',
    path: () => '/api/v1/plan/programs',
    template: 'GET:/api/v1/plan/programs',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => '/api/v1/plan/programs',
    template: 'POST:/api/v1/plan/programs',
    body: () => ({ code: `M-${unique()}`, name: 'Programa de la matriz' }),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `/api/v1/plan/programs/${plan.program}`,
    template: 'GET:/api/v1/plan/programs/:id',
    allowed: ['coordinator'],
  },
  {
    method: 'patch',
    path: () => `/api/v1/plan/programs/${plan.program}`,
    template: 'PATCH:/api/v1/plan/programs/:id',
    body: async (who, client) => ({
      version:
        who === 'coordinator'
          ? (
              (await client.get(`/api/v1/plan/programs/${plan.program}`)).body as {
                version: number;
              }
            ).version
          : 1,
      name: 'Programa cambiado',
    }),
    allowed: ['coordinator'],
  },
  {
    method: 'delete',
    path: () => `/api/v1/plan/programs/${plan.programToDelete}`,
    template: 'DELETE:/api/v1/plan/programs/:id',
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => '/api/v1/plan/projects',
    template: 'GET:/api/v1/plan/projects',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => '/api/v1/plan/projects',
    template: 'POST:/api/v1/plan/projects',
    body: () => ({
      programId: plan.program,
      code: `M-${unique()}`,
      name: 'Proyecto de la matriz',
      executingUnits: ['Dirección de Seguridad Ciudadana'],
    }),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `/api/v1/plan/projects/${plan.project}`,
    template: 'GET:/api/v1/plan/projects/:id',
    allowed: ['coordinator'],
  },
  {
    method: 'patch',
    path: () => `/api/v1/plan/projects/${plan.project}`,
    template: 'PATCH:/api/v1/plan/projects/:id',
    body: async (who, client) => ({
      version:
        who === 'coordinator'
          ? (
              (await client.get(`/api/v1/plan/projects/${plan.project}`)).body as {
                version: number;
              }
            ).version
          : 1,
      name: 'Proyecto cambiado',
    }),
    allowed: ['coordinator'],
  },
  {
    method: 'delete',
    path: () => `/api/v1/plan/projects/${plan.projectToDelete}`,
    template: 'DELETE:/api/v1/plan/projects/:id',
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => '/api/v1/budget/execution?year=2026',
    template: 'GET:/api/v1/budget/execution',
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `/api/v1/budget/projects/${plan.project}?year=2026`,
    template: 'GET:/api/v1/budget/projects/:projectId',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => `/api/v1/budget/projects/${plan.project}/entries`,
    template: 'POST:/api/v1/budget/projects/:projectId/entries',
    body: () => ({ kind: 'devengado', date: '2026-01-15', amount: '10.00' }),
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => `/api/v1/budget/entries/${plan.entryToVoid}/void`,
    template: 'POST:/api/v1/budget/entries/:id/void',
    body: () => ({ reason: 'recorded_in_error' }),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => '/api/v1/targets?year=2026',
    template: 'GET:/api/v1/targets/',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => '/api/v1/targets',
    template: 'POST:/api/v1/targets/',
    body: () => ({ ...TARGET, projectId: plan.project }),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => '/api/v1/targets/progress?year=2026',
    template: 'GET:/api/v1/targets/progress',
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `/api/v1/targets/${plan.target}`,
    template: 'GET:/api/v1/targets/:id',
    allowed: ['coordinator'],
  },
  {
    method: 'patch',
    path: () => `/api/v1/targets/${plan.target}`,
    template: 'PATCH:/api/v1/targets/:id',
    body: async (who, client) => ({
      version:
        who === 'coordinator'
          ? ((await client.get(`/api/v1/targets/${plan.target}`)).body as { version: number })
              .version
          : 1,
      resultsDescription: 'Resultados de la matriz',
    }),
    allowed: ['coordinator'],
  },
  {
    method: 'delete',
    path: () => `/api/v1/targets/${plan.targetToDelete}`,
    template: 'DELETE:/api/v1/targets/:id',
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `/api/v1/targets/${plan.target}/manual-values`,
    template: 'GET:/api/v1/targets/:id/manual-values',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => `/api/v1/targets/${plan.target}/manual-values`,
    template: 'POST:/api/v1/targets/:id/manual-values',
    body: () => ({ quarter: 1, value: '12.50' }),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => REPORTS,
    template: 'GET:/api/v1/management-reports/',
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => REPORTS,
    template: 'POST:/api/v1/management-reports/',
    body: () => ({ year: 2002 }),
    allowed: ['coordinator'],
  },
  {
    method: 'get',
    path: () => `${REPORTS}/${ownReport}`,
    template: 'GET:/api/v1/management-reports/:id',
    allowed: ['coordinator'],
  },
  {
    method: 'patch',
    path: () => `${REPORTS}/${ownReport}`,
    template: 'PATCH:/api/v1/management-reports/:id',
    body: async (who, client) => ({
      version: who === 'coordinator' ? (await reportRead(client, ownReport)).version : 1,
      conclusions: `Conclusiones ${uniqueWord()}`,
    }),
    allowed: ['coordinator'],
  },
  {
    method: 'delete',
    path: () => `${REPORTS}/${reportToDelete}`,
    template: 'DELETE:/api/v1/management-reports/:id',
    prepare: async (client) => {
      reportToDelete = await newReport(client);
    },
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => `${REPORTS}/${reportToReview}/review`,
    template: 'POST:/api/v1/management-reports/:id/review',
    body: () => ({ version: 1 }),
    prepare: async () => {
      reportToReview = await newReport(secondCoordinator);
    },
    allowed: ['coordinator'],
  },
  {
    method: 'post',
    path: () => `${REPORTS}/${reportToApprove}/approve`,
    template: 'POST:/api/v1/management-reports/:id/approve',
    body: async (who, client) => {
      if (who !== 'coordinator') return { version: 1, figuresDigest: '0'.repeat(64) };
      const { version, figuresDigest } = await reportRead(client, reportToApprove);
      return { version, figuresDigest };
    },
    prepare: async () => {
      reportToApprove = await newReport(secondCoordinator, 2003);
      await thirdCoordinator.post(`${REPORTS}/${reportToApprove}/review`, { version: 1 });
    },
    allowed: ['coordinator'],
  },
  ...(['pdf', 'xlsx'] as const).map((type): Endpoint => ({
    method: 'get',
    path: () => `${REPORTS}/${ownReport}.${type}`,
    template: `GET:/api/v1/management-reports/:id.${type}`,
    allowed: ['coordinator'],
  })),
  // Last: it ends each role's session.
  {
    method: 'post',
    path: () => '/api/v1/auth/logout',
    template: 'POST:/api/v1/auth/logout',
    allowed: 'all',
  },
];

/**
 * Login steps before there is a user: without a session (or a login in
 * progress) they answer 401; what they do is tested in test/auth/.
 */
const PRE_LOGIN: { method: 'post'; path: string; body: object }[] = [
  {
    method: 'post',
    path: '/api/v1/auth/password',
    body: { currentPassword: 'x', newPassword: 'y' },
  },
  { method: 'post', path: '/api/v1/auth/totp/enroll', body: {} },
  { method: 'post', path: '/api/v1/auth/totp', body: { code: '123456' } },
];

/** Open to anyone by design. */
const PUBLIC = [
  'GET /healthz',
  'GET /readyz',
  'GET /api/v1/openapi.json',
  'GET /api/v1/auth/csrf',
  'POST /api/v1/auth/login',
  // The observatory: published statistics, for anyone (test/api/statistics.test.ts).
  'GET /api/v1/public/statistics/releases',
  'GET /api/v1/public/statistics/releases/{id}',
  'GET /api/v1/public/statistics/releases/{id}/csv',
  // Certificate verification by code (test/api/training-certificates.test.ts).
  'GET /api/v1/public/certificates/{code}',
];

beforeAll(async () => {
  t = await startTestApp();
  const partners = await partnerInstitutionId(t);
  const teamId = await createTeam(t, 'Equipo Matriz');
  for (const role of ACTOR_ROLES) {
    const options =
      role === 'partner'
        ? { institutionId: partners }
        : role === 'caseworker' || role === 'supervisor'
          ? { teamId }
          : {};
    const { user, client } = await signedIn(t, role, options);
    clients.set(role, { id: user.id, client });
  }
  const target = await seedUser(t, 'coordinator');
  userId = target.id;
  lead = target.institutionId;
  institutionId = partners;
  const caseworker = clients.get('caseworker')!.client;
  const created = await caseworker.post('/api/v1/cases', CASE);
  caseId = (created.body as { case: { id: string } }).case.id;
  const uploaded = await caseworker.upload(`/api/v1/cases/${caseId}/attachments`, PNG, {
    'Content-Type': 'image/png',
    'X-Attachment-Name': 'inicial.png',
  });
  attachmentId = (uploaded.body as { id: string }).id;
  await giveConsent(caseworker, caseId, [{ sectors: ['health'], categories: ['minimal'] }]);
  referralId = await newReferral(caseworker, caseId, partners);
  for (const who of ['caseworker', 'supervisor', 'partner'] as const) {
    referralsToMove.set(who, await newReferral(caseworker, caseId, partners));
  }
  for (const who of ['caseworker', 'supervisor'] as const) {
    packagesToClose.set(who, await newReferral(caseworker, caseId, partners));
  }
  const pending = await caseworker.post(`/api/v1/cases/${caseId}/consents`, {
    ...CONSENT,
    givenBy: 'guardian',
    scope: [{ sectors: ['labour'], categories: ['minimal'] }],
  });
  pendingConsentId = (pending.body as { id: string }).id;
  // No session, then each role: one consent each, of a sector no referral uses.
  for (let i = 0; i <= ACTOR_ROLES.length; i += 1) {
    const { id } = await giveConsent(caseworker, caseId, [
      { sectors: ['labour'], categories: ['minimal'] },
    ]);
    revocableConsentIds.push(id);
  }
  for (const who of ['caseworker', 'supervisor'] as const) {
    const minor = await caseworker.post('/api/v1/cases', MINOR);
    minorCases.set(who, (minor.body as { case: { id: string } }).case.id);
  }
  const corrected = await caseworker.post('/api/v1/cases', MINOR);
  pendingCorrectionCase = (corrected.body as { case: { id: string } }).case.id;
  await caseworker.post(`/api/v1/cases/${pendingCorrectionCase}/age-correction`, {
    version: 1,
    ageAtIdentification: 30,
    reason: 'age_assessment',
  });

  const outsider = await signedIn(t, 'caseworker', { teamId: await createTeam(t, 'Equipo Ajeno') });
  const elsewhere = await outsider.client.post('/api/v1/cases', CASE);
  otherTeamCaseId = (elsewhere.body as { case: { id: string } }).case.id;
  // Someone of another team opens a case of the matrix's team: an entry of its review queue.
  const opened = await caseworker.post('/api/v1/cases', CASE);
  const openedId = (opened.body as { case: { id: string } }).case.id;
  await stepUp(outsider.client);
  const grant = await outsider.client.post(`/api/v1/cases/${openedId}/break-glass`, {
    justification: 'Emergencia nocturna para la matriz de acceso',
  });
  grantToReview = (grant.body as { grantId: string }).grantId;

  // The partners' institution has a certificate (package.p7m), and one to revoke.
  const admin = clients.get('admin')!.client;
  await stepUp(admin);
  for (let i = 0; i < 2; i++) {
    const issued = await admin.post(`/api/v1/institutions/${partners}/certificates`, {
      mode: 'generate',
      password: 'Clave-de-la-matriz-2026',
    });
    revocableCertificate = (issued.body as { certificate: { id: string } }).certificate.id;
  }
  const coordinator = clients.get('coordinator')!.client;
  campaignId = ((await coordinator.post('/api/v1/campaigns', CAMPAIGN)).body as { id: string }).id;
  const activities: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const made = await coordinator.post(
      `/api/v1/campaigns/${campaignId}/activities`,
      CAMPAIGN_ACTIVITY,
    );
    activities.push((made.body as { id: string }).id);
  }
  [campaignActivityId, campaignActivityToDelete] = activities as [string, string];
  secondCoordinator = (await signedIn(t, 'coordinator')).client;
  thirdCoordinator = (await signedIn(t, 'coordinator')).client;
  ownReport = await newReport(coordinator);
  const trainingProgramme = await createProgramme(coordinator);
  training.programme = trainingProgramme.id;
  training.session = (await addSession(coordinator, trainingProgramme.id)).id;
  training.sessionToDelete = (
    await addSession(coordinator, trainingProgramme.id, { startsAt: '2025-03-11T09:00:00-05:00' })
  ).id;
  training.participant = (await createParticipant(coordinator)).id;
  training.participantToUnenrol = (await createParticipant(coordinator)).id;
  training.participantToErase = (await createParticipant(coordinator)).id;
  const linkable = await seedUser(t, 'caseworker');
  training.account = linkable.id;
  training.participantToLink = (
    await createParticipant(coordinator, { workEmail: linkable.email })
  ).id;
  await enrol(coordinator, trainingProgramme.id, [
    training.participant,
    training.participantToUnenrol,
  ]);
  training.programmeToDelete = (await createProgramme(coordinator)).id;
  for (const [role, { id }] of clients) {
    const { rows } = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      sql<{ id: string }>`insert into notifications (recipient_id, kind, resource_type, resource_id)
        values (${id}, 'referral_received', 'referral', ${randomUUID()}) returning id`.execute(trx),
    );
    ownNotifications.set(role, rows[0]!.id);
  }
  // Every role's user took a programme; all but one participant are certified now.
  const holders = [...clients].map(([role, { id }]) => ({ role, id }));
  const certified = await seedProgramme(t, clients.get('coordinator')!.id, {
    participants: [
      ...holders.map(({ role, id }) => ({
        fullName: `Titular ${role}`,
        attended: allOf(4),
        userId: id,
      })),
      { fullName: 'Por revocar', attended: allOf(4) },
      { fullName: 'Por emitir', attended: allOf(4) },
    ],
  });
  certifiedProgramme = certified.id;
  const issued = await coordinator.post(
    `/api/v1/trainings/programmes/${certified.id}/certificates`,
    { participantIds: certified.participantIds.slice(0, holders.length + 1) },
  );
  const items = (issued.body as { items: { id: string; participantId: string }[] }).items;
  holders.forEach(({ role }, index) => {
    const own = items.find((item) => item.participantId === certified.participantIds[index]);
    ownCertificates.set(role, own!.id);
  });
  certificateToRevoke = items.find(
    (item) => item.participantId === certified.participantIds[holders.length],
  )!.id;
  // Targets and budget.
  const made = async (path: string, body: object) =>
    ((await coordinator.post(path, body)).body as { id: string }).id;
  plan.program = await made('/api/v1/plan/programs', { code: 'MATRIZ', name: 'Programa' });
  plan.programToDelete = await made('/api/v1/plan/programs', { code: 'MATRIZ-X', name: 'Borrar' });
  const project = (code: string) => ({
    programId: plan.program,
    code,
    name: 'Proyecto',
    executingUnits: ['Dirección de Seguridad Ciudadana'],
  });
  plan.project = await made('/api/v1/plan/projects', project('1'));
  plan.projectToDelete = await made('/api/v1/plan/projects', project('2'));
  plan.target = await made('/api/v1/targets', { ...TARGET, projectId: plan.project });
  plan.targetToDelete = await made('/api/v1/targets', { ...TARGET, projectId: plan.project });
  const budget = await coordinator.post(`/api/v1/budget/projects/${plan.project}/entries`, {
    kind: 'codificado',
    date: '2026-01-02',
    amount: '5500.00',
  });
  plan.entryToVoid = (budget.body as { entries: { id: string }[] }).entries[0]!.id;
}, 120_000);
afterAll(() => t.close());

async function send(who: Who, client: SessionClient, endpoint: Endpoint) {
  if (endpoint.upload) {
    return client.upload(endpoint.path(who), endpoint.upload.content, endpoint.upload.headers);
  }
  if (endpoint.method === 'get') return client.get(endpoint.path(who));
  return client.send(endpoint.method, endpoint.path(who), await endpoint.body?.(who, client));
}

describe.each(ENDPOINTS)('$template', (endpoint) => {
  it('answers 401 without a session', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const res = await send('anonymous', anonymous, endpoint);
    expect([endpoint.template, res.status]).toEqual([endpoint.template, 401]);
    expect(res.body).toMatchObject({ code: 'unauthenticated' });
  });

  it.each(ACTOR_ROLES)('as %s', async (role) => {
    const { id, client } = clients.get(role)!;
    const allowed = endpoint.allowed === 'all' || endpoint.allowed.includes(role);
    if (allowed && endpoint.prepare) await endpoint.prepare(client);
    const res = await send(role, client, endpoint);
    if (allowed) {
      expect([endpoint.template, res.status]).toEqual([endpoint.template, expect.any(Number)]);
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
      return;
    }
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'forbidden' });
    const denial = (await auditEvents(t, { action: 'access.denied' })).filter(
      (e) => e.actor_id === id && e.resource_id === endpoint.template,
    );
    expect(denial.length).toBeGreaterThanOrEqual(1);
    expect(denial.at(-1)).toMatchObject({ outcome: 'denied', actor_role: role });
  });
});

describe.each(PRE_LOGIN)('$method $path (a login step)', ({ path, body }) => {
  it('answers 401 without a session or a login in progress', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    const res = await anonymous.post(path, body);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'unauthenticated' });
  });
});

it('covers every route of the OpenAPI document', async () => {
  const res = await request(t.app).get('/api/v1/openapi.json');
  const documented = Object.entries(res.body.paths as Record<string, object>).flatMap(
    ([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`),
  );
  const asRoute = (template: string) => {
    const [method, path] = template.split(/:(.*)/s) as [string, string];
    return `${method} ${path.replace(/\/$/, '').replace(/:([A-Za-z]+)/g, '{$1}')}`;
  };
  const covered = [
    ...ENDPOINTS.map((e) => asRoute(e.template)),
    ...PRE_LOGIN.map((e) => `${e.method.toUpperCase()} ${e.path}`),
    ...PUBLIC,
  ];
  expect(documented.filter((route) => !covered.includes(route))).toEqual([]);
  expect(covered.filter((route) => !documented.includes(route))).toEqual([]);
});
