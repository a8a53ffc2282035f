import type request from 'supertest';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  giveConsent,
  givenNow,
  inDays,
  newCase,
  refer,
  referralId,
  referralWorld,
  type Signed,
} from '../helpers/referrals';
import { auditEvents, createTeam, seedUser, signedIn, type SeededUser } from '../helpers/users';

/**
 * Break-glass is for reading. Someone of another team who broke the glass
 * may read the case and everything under it (each read audited as
 * `break_glass`) and add a note; every other act answers 403
 * `break_glass_read_only`, is audited as a denial, and changes nothing.
 * None of this held on 7215d71.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;
let sol: Signed; // supervisor of another team, breaks glass too
let carlos: SeededUser; // caseworker of sol's team: where sol would move the case
let caseId: string;
let attachmentId: string;
let consentId: string; // the person's own consent, active
let pendingConsentId: string; // a guardian's consent, pending approval
let sentReferral: string;

type Body = Record<string, unknown>;
const JUSTIFICATION = 'Emergencia nocturna: la persona llamó pidiendo ayuda urgente';
const NOTE = 'Llamada atendida a las 03:10; se coordinó traslado al albergue';
const FULL_NAME = 'Persona de la emergencia';
const FILE_NAME = 'foto-documento.png';
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('contenido de prueba', 'utf8'),
]);
const pngHeaders = {
  'Content-Type': 'image/png',
  'X-Attachment-Name': encodeURIComponent(FILE_NAME),
};
const caseUrl = (suffix = '') => `/api/v1/cases/${caseId}${suffix}`;

async function stepUp(who: Signed) {
  const res = await who.client.post('/api/v1/auth/step-up', { code: await who.client.nextCode() });
  expect(res.status).toBe(200);
}

async function breakGlass(who: Signed) {
  await stepUp(who);
  const res = await who.client.post(caseUrl('/break-glass'), { justification: JUSTIFICATION });
  expect(res.status).toBe(201);
}

/** Everything a refused act could have changed, read as the system. */
function snapshot() {
  return inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    const kase = await trx
      .selectFrom('cases')
      .select(['version', 'status', 'risk_level', 'team_id', 'assigned_to', 'erased_at'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const keys = await trx
      .selectFrom('case_keys')
      .select(['kek_version', 'wrapped_key'])
      .where('case_id', '=', caseId)
      .execute();
    const blindIndexes = await trx
      .selectFrom('case_blind_indexes')
      .select(['field', 'team_id'])
      .where('case_id', '=', caseId)
      .orderBy('field')
      .execute();
    const attachments = await trx
      .selectFrom('case_attachments')
      .select('id')
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    const consents = await trx
      .selectFrom('consents')
      .select('id')
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    const consentEvents = await trx
      .selectFrom('consent_events as e')
      .innerJoin('consents as c', 'c.id', 'e.consent_id')
      .select(['e.consent_id', 'e.kind'])
      .where('c.case_id', '=', caseId)
      .orderBy('e.consent_id')
      .execute();
    const referrals = await trx
      .selectFrom('referrals')
      .select(['id', 'status', 'package_closed_at'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    const referralEvents = await trx
      .selectFrom('referral_events as e')
      .innerJoin('referrals as r', 'r.id', 'e.referral_id')
      .select(['e.referral_id', 'e.to_status'])
      .where('r.case_id', '=', caseId)
      .orderBy('e.referral_id')
      .orderBy('e.to_status')
      .execute();
    return {
      kase,
      keys: keys.map((k) => ({ ...k, wrapped_key: Buffer.from(k.wrapped_key).toString('hex') })),
      blindIndexes,
      attachments,
      consents,
      consentEvents,
      referrals,
      referralEvents,
    };
  });
}

const denialsOf = async (actorId: string, resourceId: string) =>
  (await auditEvents(t, { action: 'access.denied', resourceId })).filter(
    (e) => e.actor_id === actorId,
  );

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Límites');
  const solTeam = await createTeam(t, 'Equipo de Sol');
  sol = await signedIn(t, 'supervisor', { teamId: solTeam });
  carlos = await seedUser(t, 'caseworker', { teamId: solTeam });

  caseId = await newCase(w.ana.client, {
    identity: { fullName: FULL_NAME, documentNumber: 'A-1234567', phone: '+593 99 123 4567' },
  });
  expect((await w.ana.client.post(caseUrl('/notes'), { body: NOTE })).status).toBe(201);
  const upload = await w.ana.client.upload(caseUrl('/attachments'), png, pngHeaders);
  expect(upload.status).toBe(201);
  attachmentId = (upload.body as { id: string }).id;
  consentId = (
    await giveConsent(w.ana.client, caseId, [
      { sectors: ['health'], categories: ['minimal', 'health'] },
    ])
  ).id;
  const guardian = await w.ana.client.post(caseUrl('/consents'), {
    givenBy: 'guardian',
    method: 'written',
    givenAt: givenNow(),
    purposes: ['service_referral'],
    scope: [{ sectors: ['justice'], categories: ['minimal'] }],
  });
  expect(guardian.body).toMatchObject({ status: 'pending_approval' });
  pendingConsentId = (guardian.body as { id: string }).id;
  sentReferral = await referralId(w.ana.client, caseId, w.hospital);

  await breakGlass(w.bruno);
  await breakGlass(sol);
}, 60_000);
afterAll(() => t.close());

describe('what a break-glass reader may do', () => {
  it('reads the case, its notes, attachments, consents and referrals, each audited as break_glass', async () => {
    const bruno = w.bruno.client;
    const read = await bruno.get(caseUrl());
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: caseId, identity: { fullName: FULL_NAME } });

    const notes = await bruno.get(caseUrl('/notes'));
    expect(notes.status).toBe(200);
    expect((notes.body as { items: Body[] }).items).toEqual([
      expect.objectContaining({ body: NOTE, authorId: w.ana.user.id }),
    ]);

    const list = await bruno.get(caseUrl('/attachments'));
    expect(list.status).toBe(200);
    expect((list.body as { items: Body[] }).items).toEqual([
      expect.objectContaining({ id: attachmentId, filename: FILE_NAME }),
    ]);
    const file = await bruno.download(caseUrl(`/attachments/${attachmentId}`));
    expect(file.status).toBe(200);
    expect(Buffer.from(file.body as Buffer).equals(png)).toBe(true);

    const consents = await bruno.get(caseUrl('/consents'));
    expect(consents.status).toBe(200);
    expect((consents.body as { items: Body[] }).items.map((c) => c.id).sort()).toEqual(
      [consentId, pendingConsentId].sort(),
    );

    const referral = await bruno.get(`/api/v1/referrals/${sentReferral}`);
    expect(referral.status).toBe(200);
    expect(referral.body).toMatchObject({ id: sentReferral, caseId, status: 'sent' });
    const sent = await bruno.get(`/api/v1/referrals?box=sent&caseId=${caseId}`);
    expect(sent.status).toBe(200);
    expect((sent.body as { items: Body[] }).items.map((r) => r.id)).toEqual([sentReferral]);
    // Unnamed, a case reached by break-glass stays out of the sent box (only a named,
    // audited read shows its referrals).
    const all = await bruno.get('/api/v1/referrals?box=sent');
    expect((all.body as { items: Body[] }).items.map((r) => r.id)).not.toContain(sentReferral);

    const byBruno = async (action: string, resourceId: string) =>
      (await auditEvents(t, { action, resourceId })).filter((e) => e.actor_id === w.bruno.user.id);
    for (const [action, resourceId] of [
      ['case.read', caseId],
      ['case.note.read', caseId],
      ['case.attachment.list', caseId],
      ['case.attachment.read', caseId],
      ['consent.list', caseId],
      ['referral.read', sentReferral],
      ['referral.list', caseId],
    ] as const) {
      const events = await byBruno(action, resourceId);
      expect([action, events.length]).toEqual([action, 1]);
      expect(events[0]).toMatchObject({ outcome: 'success', purpose: 'break_glass' });
    }
    // The case's own caseworker reading the same is not break-glass.
    await w.ana.client.get(caseUrl());
    const own = (await auditEvents(t, { action: 'case.read', resourceId: caseId })).filter(
      (e) => e.actor_id === w.ana.user.id,
    );
    expect(own.at(-1)).toMatchObject({ purpose: 'view' });
  });

  it('adds a note (what was done in the emergency), audited as break_glass', async () => {
    const text = 'Se acompañó a la persona al hospital; el equipo fue informado';
    const res = await w.bruno.client.post(caseUrl('/notes'), { body: text });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ authorId: w.bruno.user.id, body: text });
    const notes = await w.ana.client.get(caseUrl('/notes'));
    expect((notes.body as { items: Body[] }).items.map((n) => n.body)).toContain(text);
    const created = (await auditEvents(t, { action: 'case.note.create', resourceId: caseId }))
      .filter((e) => e.actor_id === w.bruno.user.id)
      .map((e) => e.purpose);
    expect(created).toEqual(['break_glass']);
  });
});

interface RefusedAct {
  act: string;
  who: () => Signed;
  resource: () => { type: 'case' | 'consent' | 'referral'; id: string };
  send: () => Promise<request.Response>;
  stepUp?: boolean;
}

const currentVersion = async () => (await snapshot()).kase.version;

const REFUSED: RefusedAct[] = [
  {
    act: 'edit the case',
    who: () => w.bruno,
    resource: () => ({ type: 'case', id: caseId }),
    send: async () =>
      w.bruno.client.patch(caseUrl(), { version: await currentVersion(), riskLevel: 'low' }),
  },
  {
    act: 'change its status',
    who: () => w.bruno,
    resource: () => ({ type: 'case', id: caseId }),
    send: async () =>
      w.bruno.client.patch(caseUrl(), {
        version: await currentVersion(),
        status: 'active',
        statusReason: 'assessment_done',
      }),
  },
  {
    act: 'upload an attachment',
    who: () => w.bruno,
    resource: () => ({ type: 'case', id: caseId }),
    send: () => w.bruno.client.upload(caseUrl('/attachments'), png, pngHeaders),
  },
  {
    act: 'record a consent',
    who: () => w.bruno,
    resource: () => ({ type: 'case', id: caseId }),
    send: () =>
      w.bruno.client.post(caseUrl('/consents'), {
        givenBy: 'person',
        method: 'verbal_witnessed',
        givenAt: givenNow(),
        purposes: ['service_referral'],
        scope: [{ sectors: ['justice'], categories: ['minimal'] }],
      }),
  },
  {
    act: 'revoke a consent',
    who: () => w.bruno,
    resource: () => ({ type: 'consent', id: consentId }),
    send: () =>
      w.bruno.client.post(`/api/v1/consents/${consentId}/revoke`, { reason: 'person_withdrew' }),
  },
  {
    act: 'refer the case',
    who: () => w.bruno,
    resource: () => ({ type: 'case', id: caseId }),
    send: () => refer(w.bruno.client, caseId, w.hospital, { acknowledgeBy: inDays(2) }),
  },
  {
    act: 'withdraw its referral as the sender',
    who: () => w.bruno,
    resource: () => ({ type: 'referral', id: sentReferral }),
    send: () =>
      w.bruno.client.post(`/api/v1/referrals/${sentReferral}/transitions`, { to: 'withdrawn' }),
  },
  {
    act: "assign it to a caseworker of the supervisor's own team",
    who: () => sol,
    resource: () => ({ type: 'case', id: caseId }),
    send: () => sol.client.post(caseUrl('/assign'), { assignedTo: carlos.id }),
  },
  {
    act: 'erase it',
    who: () => sol,
    resource: () => ({ type: 'case', id: caseId }),
    send: () => sol.client.post(caseUrl('/erase'), { reason: 'person_request' }),
    stepUp: true,
  },
  {
    act: "approve a guardian's consent pending approval",
    who: () => sol,
    resource: () => ({ type: 'consent', id: pendingConsentId }),
    send: () => sol.client.post(`/api/v1/consents/${pendingConsentId}/approve`, {}),
  },
];

describe('what a break-glass reader may not do: 403 break_glass_read_only, audited, nothing changed', () => {
  it.each(REFUSED)('cannot $act', async ({ who, resource, send, stepUp: needsStepUp }) => {
    const actor = who();
    const target = resource();
    if (needsStepUp) await stepUp(actor);
    const before = await snapshot();
    const deniedBefore = (await denialsOf(actor.user.id, target.id)).length;

    const res = await send();
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'break_glass_read_only' });

    const denied = await denialsOf(actor.user.id, target.id);
    expect(denied).toHaveLength(deniedBefore + 1);
    expect(denied.at(-1)).toMatchObject({
      outcome: 'denied',
      actor_role: actor.user.role,
      resource_type: target.type,
    });
    expect(await snapshot()).toEqual(before);
  });

  it('leaves the case where it was: same team and assignee, not erased, still readable by its owner', async () => {
    const { kase, keys } = await snapshot();
    expect(kase).toMatchObject({
      team_id: w.teamId,
      assigned_to: w.ana.user.id,
      status: 'intake',
      risk_level: 'high',
      erased_at: null,
    });
    expect(keys).toHaveLength(1);
    const own = await w.ana.client.get(caseUrl());
    expect(own.body).toMatchObject({ identity: { fullName: FULL_NAME } });
    // The supervisor's grant is live (he reads), so the refusals above were not a 404.
    const solRead = await sol.client.get(caseUrl());
    expect(solRead.status).toBe(200);
    const reads = (await auditEvents(t, { action: 'case.read', resourceId: caseId })).filter(
      (e) => e.actor_id === sol.user.id,
    );
    expect(reads.map((e) => e.purpose)).toEqual(['break_glass']);
  });

  it('lets the case’s own team do the same acts (the refusals were about break-glass)', async () => {
    const edit = await w.ana.client.patch(caseUrl(), {
      version: await currentVersion(),
      riskLevel: 'low',
    });
    expect(edit.status).toBe(200);
    const withdraw = await w.ana.client.post(`/api/v1/referrals/${sentReferral}/transitions`, {
      to: 'withdrawn',
    });
    expect(withdraw.status).toBe(200);
    const approve = await w.sara.client.post(`/api/v1/consents/${pendingConsentId}/approve`, {});
    expect(approve.status).toBe(200);
    expect(approve.body).toMatchObject({ status: 'active' });
  });
});
