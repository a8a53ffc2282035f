import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import request from 'supertest';
import {
  ACTOR_ROLES,
  inActorTransaction,
  SYSTEM_ACTOR,
  type ActorRole,
  type DbActor,
} from '../../server/db/actor-transaction';
import { anonymousActor } from '../../server/modules/auth/auth.context';
import { buildApp } from '../../server/app';
import { openServerDatabase } from '../../server/db/database';
import { startTestApp, TEST_CONFIG, type TestApp } from '../helpers/app';
import { canary, expectNoCanary } from '../helpers/canary';
import { databaseDump } from '../helpers/database-dump';
import { flat, pdfInfo, pdfText } from '../helpers/pdf-text';
import { SessionClient } from '../helpers/session-client';
import { allOf, eraseParticipant, seedProgramme } from '../helpers/training-certificates';
import { auditEvents, signedIn } from '../helpers/users';
import {
  formatVerificationCode,
  newVerificationCode,
  normaliseVerificationCode,
  verificationCodeDigest,
} from '../../server/modules/training-certificates/verification-code';

/**
 * Training certificates: issue (one, several, all who completed), list,
 * download (coordinator and holder; the PDF read back with pdftotext),
 * revoke, the holder's own list, and the public verification — with their
 * 401 / 403 / 400 / 404 / 409, audit rows, the database's own rules, and
 * canaries (the participant's e-mail and position never leave; the name
 * and code never reach logs or the database in clear).
 */
type Signed = Awaited<ReturnType<typeof signedIn>>;
interface Certificate {
  id: string;
  programmeId: string;
  participantId: string;
  holderName: string | null;
  code: string | null;
  verificationUrl: string | null;
  programmeName: string;
  totalHours: number;
  startsOn: string;
  endsOn: string;
  issuingInstitutions: string[];
  issuedOn: string;
  status: 'valid' | 'revoked';
  revokedOn: string | null;
  issuedAt: string;
  issuedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revocationReason: string | null;
}

const PUBLIC_URL = 'https://amparo.example.org';
const TRAININGS = '/api/v1/trainings';
const PUBLIC = '/api/v1/public/certificates';
/** The lookup limit counts codes that reach the database: well-formed ones (404 when unknown). */
const wellFormedUnknown = formatVerificationCode(newVerificationCode());
const issuePath = (programmeId: string) => `${TRAININGS}/programmes/${programmeId}/certificates`;
const pdfPath = (id: string) => `${TRAININGS}/certificates/${id}/pdf`;
const revokePath = (id: string) => `${TRAININGS}/certificates/${id}/revoke`;
/** Sessions of 4 + 4 + 4 + 0.5 hours: 12,5 hours in all. */
const SESSIONS = 4;

let t: TestApp;
let coordinator: Signed;
const others = new Map<ActorRole, Signed>();
let leadAgency: string;
const emailCanary = canary('CORREO').replace(/ /g, '.') + '@hospital.example.org';
const positionCanary = canary('CARGO');

beforeAll(async () => {
  // Every lookup here comes from one address: the limit is tested on apps of its own.
  t = await startTestApp({
    config: { publicUrl: PUBLIC_URL },
    trainingCertificates: { lookupsPerMinute: 1000 },
  });
  coordinator = await signedIn(t, 'coordinator');
  for (const role of ACTOR_ROLES) {
    if (role !== 'coordinator') others.set(role, await signedIn(t, role));
  }
  leadAgency = await inActorTransaction(t.database.store, SYSTEM_ACTOR, async (trx) => {
    const row = await trx
      .selectFrom('institutions')
      .select('name')
      .where('is_lead_agency', '=', true)
      .executeTakeFirstOrThrow();
    return row.name;
  });
}, 90_000);
afterAll(() => t.close());

/** A programme of 12,5 hours (80 % to complete): Ana completed, Bruno did not (8 h). */
async function programme(over: Partial<Parameters<typeof seedProgramme>[2]> = {}) {
  return seedProgramme(t, coordinator.user.id, {
    participants: [
      {
        fullName: 'Ana María Ñandú Pérez',
        workEmail: emailCanary,
        position: positionCanary,
        attended: allOf(SESSIONS),
      },
      { fullName: 'Bruno Castillo', attended: [0, 1] },
    ],
    ...over,
  });
}

async function issue(programmeId: string, body: object, client = coordinator.client) {
  return client.post(issuePath(programmeId), body);
}

async function issued(programmeId: string, participantIds: string[]): Promise<Certificate[]> {
  const res = await issue(programmeId, { participantIds });
  expect(res.status).toBe(201);
  return (res.body as { items: Certificate[] }).items;
}

const only = <T>(items: T[]): T => {
  expect(items).toHaveLength(1);
  return items[0] as T;
};

const expectFieldError = (res: request.Response, path: string, code: string, status = 400) => {
  expect([path, res.status]).toEqual([path, status]);
  expect((res.body as { errors?: { path: string; code: string }[] }).errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ path, code })]),
  );
};

async function revoke(id: string, reason: string) {
  const res = await coordinator.client.post(revokePath(id), { reason });
  expect(res.status).toBe(200);
}

const verify = (code: string) =>
  request(t.app)
    .get(`${PUBLIC}/${encodeURIComponent(code)}`)
    .set('X-Forwarded-Proto', 'https');

describe('issuing', () => {
  it('needs a session (401) and the coordinator (403, the denial audited)', async () => {
    const { id } = await programme();
    const anonymous = new SessionClient(t.app, t.clock);
    expect((await anonymous.post(issuePath(id), { allCompleted: true })).status).toBe(401);
    for (const [role, { client, user }] of others) {
      await client.refreshCsrf();
      const res = await issue(id, { allCompleted: true }, client);
      expect([role, res.status]).toEqual([role, 403]);
      const denied = await auditEvents(t, { action: 'access.denied' });
      expect(denied.some((e) => e.actor_id === user.id && e.outcome === 'denied')).toBe(true);
    }
  });

  it('refuses a bad body naming the field (400)', async () => {
    const { id, participantIds } = await programme();
    const [ana = ''] = participantIds;
    expectFieldError(await issue(id, {}), 'body.participantIds', 'custom');
    expectFieldError(
      await issue(id, { participantIds: [ana], allCompleted: true }),
      'body.participantIds',
      'custom',
    );
    expectFieldError(await issue(id, { participantIds: [] }), 'body.participantIds', 'too_small');
    expectFieldError(
      await issue(id, { participantIds: ['not-a-uuid'] }),
      'body.participantIds.0',
      'invalid_format',
    );
    expectFieldError(
      await issue(id, { participantIds: [ana, ana] }),
      'body.participantIds.1',
      'custom',
    );
    expectFieldError(
      await issue(id, { allCompleted: false }),
      'body.allCompleted',
      'invalid_value',
    );
    expectFieldError(
      await issue(id, { allCompleted: true, extra: 1 }),
      'body',
      'unrecognized_keys',
    );
    expectFieldError(await issue('nope', { allCompleted: true }), 'params.id', 'invalid_format');
  });

  it('answers 404 for an unknown programme', async () => {
    expect((await issue(randomUUID(), { allCompleted: true })).status).toBe(404);
  });

  it('issues to a participant who completed, freezing name, programme, hours, dates and issuers; audited', async () => {
    const { id, participantIds } = await programme();
    const [ana = ''] = participantIds;
    const before = new Date();
    const certificate = only(await issued(id, [ana]));
    expect(certificate).toMatchObject({
      programmeId: id,
      participantId: ana,
      holderName: 'Ana María Ñandú Pérez',
      programmeName: 'Atención especializada a víctimas de trata',
      totalHours: 12.5,
      startsOn: '2026-03-03',
      endsOn: '2026-04-28',
      issuingInstitutions: [leadAgency, 'Universidad Central del Ecuador'],
      status: 'valid',
      revokedOn: null,
      issuedBy: coordinator.user.id,
      revokedAt: null,
      revokedBy: null,
      revocationReason: null,
    });
    expect(certificate.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(certificate.verificationUrl).toBe(`${PUBLIC_URL}/verificar/${certificate.code}`);
    expect(new Date(certificate.issuedAt).getTime()).toBeGreaterThanOrEqual(
      before.getTime() - 1000,
    );
    const events = await auditEvents(t, {
      action: 'training_certificate.issue',
      resourceId: certificate.id,
    });
    expect(events).toEqual([
      expect.objectContaining({
        actor_id: coordinator.user.id,
        actor_role: 'coordinator',
        outcome: 'success',
        resource_type: 'training_certificate',
      }),
    ]);

    // Later changes to the programme and the participant do not change what was issued.
    await inActorTransaction(
      t.database.store,
      { id: coordinator.user.id, role: 'coordinator', institutionId: null },
      (trx) =>
        trx
          .updateTable('training_programmes')
          .set({ name: 'Otro nombre', total_hours: '99.00', partner_institution: null })
          .where('id', '=', id)
          .execute(),
    );
    const list = await coordinator.client.get(issuePath(id));
    expect(only((list.body as { items: Certificate[] }).items)).toEqual(certificate);
  });

  it('refuses, all or nothing, a participant who did not complete or who is not enrolled (409 naming them)', async () => {
    const { id, participantIds } = await programme();
    const [ana = '', bruno = ''] = participantIds;
    const stranger = randomUUID();
    const res = await issue(id, { participantIds: [ana, bruno, stranger] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'not_completed' });
    expect((res.body as { errors: object[] }).errors).toEqual([
      expect.objectContaining({ path: 'body.participantIds.1', code: 'not_completed' }),
      expect.objectContaining({ path: 'body.participantIds.2', code: 'not_completed' }),
    ]);
    const list = await coordinator.client.get(issuePath(id));
    expect((list.body as { items: Certificate[] }).items).toEqual([]);
  });

  it('judges completion by the programme rule, including a minimum final score', async () => {
    const { id, participantIds } = await programme({
      minFinalScore: '70.00',
      participants: [
        { fullName: 'Con nota', attended: allOf(SESSIONS), postScore: '85.00' },
        { fullName: 'Sin nota', attended: allOf(SESSIONS) },
        { fullName: 'Nota baja', attended: allOf(SESSIONS), postScore: '69.99' },
        // 12 of 12,5 hours: 96 %.
        { fullName: 'Casi todo', attended: [0, 1, 2], postScore: '90.00' },
      ],
    });
    const res = await issue(id, { allCompleted: true });
    expect(res.status).toBe(201);
    const items = (res.body as { items: Certificate[] }).items;
    expect(items.map((c) => c.participantId).sort()).toEqual(
      [participantIds[0], participantIds[3]].sort(),
    );
    const refused = await issue(id, { participantIds: [participantIds[1], participantIds[2]] });
    expect(refused.status).toBe(409);
    expect((refused.body as { errors: object[] }).errors).toHaveLength(2);
  });

  it('issues to all who completed and hold none, then has nothing left to issue (409)', async () => {
    const { id, participantIds } = await programme({
      participants: [
        { fullName: 'Uno', attended: allOf(SESSIONS) },
        { fullName: 'Dos', attended: allOf(SESSIONS) },
        { fullName: 'Tres', attended: [0] },
      ],
    });
    only(await issued(id, [participantIds[0] ?? '']));
    const res = await issue(id, { allCompleted: true });
    expect(res.status).toBe(201);
    expect(only((res.body as { items: Certificate[] }).items).holderName).toBe('Dos');
    const again = await issue(id, { allCompleted: true });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'nothing_to_issue' });
    const twice = await issue(id, { participantIds: [participantIds[0]] });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'already_certified' });
    expectFieldError(twice, 'body.participantIds.0', 'already_certified', 409);
  });

  it('issues one valid certificate when two coordinators issue the same one at once', async () => {
    const { id, participantIds } = await programme();
    const second = await signedIn(t, 'coordinator');
    const body = { participantIds: [participantIds[0]] };
    const answers = await Promise.all([issue(id, body), issue(id, body, second.client)]);
    expect(answers.map((res) => res.status).sort()).toEqual([201, 409]);
    expect(answers.find((res) => res.status === 409)?.body).toMatchObject({
      code: 'already_certified',
    });
    const list = await coordinator.client.get(issuePath(id));
    expect((list.body as { items: Certificate[] }).items).toHaveLength(1);
  });

  it('prints only the lead agency when the programme has no partner institution', async () => {
    const { id, participantIds } = await programme({ partnerInstitution: null });
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    expect(certificate.issuingInstitutions).toEqual([leadAgency]);
  });

  it('does not issue to an erased participant', async () => {
    const { id, participantIds } = await programme();
    await eraseParticipant(t, participantIds[0] ?? '');
    const res = await issue(id, { participantIds: [participantIds[0]] });
    expect(res.status).toBe(409);
    expect((await issue(id, { allCompleted: true })).body).toMatchObject({
      code: 'nothing_to_issue',
    });
  });
});

describe('listing a programme', () => {
  it('needs a session and the coordinator; 400 on a bad id; 404 for an unknown programme', async () => {
    const { id } = await programme();
    expect((await new SessionClient(t.app, t.clock).get(issuePath(id))).status).toBe(401);
    for (const [role, { client }] of others) {
      expect([role, (await client.get(issuePath(id))).status]).toEqual([role, 403]);
    }
    expectFieldError(await coordinator.client.get(issuePath('x')), 'params.id', 'invalid_format');
    expect((await coordinator.client.get(issuePath(randomUUID()))).status).toBe(404);
  });

  it('lists valid and revoked certificates in the order issued; audited', async () => {
    const { id, participantIds } = await programme({
      participants: [
        { fullName: 'Primera', attended: allOf(SESSIONS) },
        { fullName: 'Segundo', attended: allOf(SESSIONS) },
      ],
    });
    const first = only(await issued(id, [participantIds[0] ?? '']));
    const second = only(await issued(id, [participantIds[1] ?? '']));
    await revoke(first.id, 'Emitido por error');
    const res = await coordinator.client.get(issuePath(id));
    expect(res.status).toBe(200);
    const items = (res.body as { items: Certificate[] }).items;
    expect(items.map((c) => [c.id, c.status])).toEqual([
      [first.id, 'revoked'],
      [second.id, 'valid'],
    ]);
    const events = await auditEvents(t, { action: 'training_certificate.list', resourceId: id });
    expect(events).toEqual([
      expect.objectContaining({
        actor_id: coordinator.user.id,
        resource_type: 'training_programme',
        outcome: 'success',
      }),
    ]);
  });
});

describe('the PDF', () => {
  it('says, as pdftotext reads it, exactly what the record holds, in Spanish; audited', async () => {
    const { id, participantIds } = await programme();
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    const res = await coordinator.client.download(pdfPath(certificate.id));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="certificado-${certificate.id}.pdf"`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const pdf = res.body as Buffer;
    const info = pdfInfo(pdf);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/A4/);
    const text = flat(pdfText(pdf));
    const issuedOn = certificate.issuedOn.split('-').map(Number);
    const months = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto'];
    const monthNames = [...months, 'septiembre', 'octubre', 'noviembre', 'diciembre'];
    for (const expected of [
      certificate.holderName ?? '',
      `“${certificate.programmeName}”`,
      'con una duración de 12,5 horas, realizado del 3 de marzo al 28 de abril de 2026.',
      `Emitido el ${issuedOn[2]} de ${monthNames[(issuedOn[1] ?? 1) - 1]} de ${issuedOn[0]}.`,
      leadAgency,
      leadAgency.toUpperCase(),
      'Universidad Central del Ecuador',
      `Código de verificación: ${certificate.code}`,
      `${PUBLIC_URL}/verificar/${certificate.code}`,
    ]) {
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    }
    expectNoCanary([emailCanary, positionCanary], { pdf: text, raw: pdf.toString('latin1') });
    const events = await auditEvents(t, {
      action: 'training_certificate.download',
      resourceId: certificate.id,
    });
    expect(events).toEqual([
      expect.objectContaining({ actor_id: coordinator.user.id, outcome: 'success' }),
    ]);
  });

  it('writes whole hours without decimals', async () => {
    const { id, participantIds } = await programme({
      sessionHours: ['20.00', '20.00'],
      participants: [{ fullName: 'Horas enteras', attended: [0, 1] }],
    });
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    expect(certificate.totalHours).toBe(40);
    const pdf = (await coordinator.client.download(pdfPath(certificate.id))).body as Buffer;
    expect(flat(pdfText(pdf))).toContain('con una duración de 40 horas,');
  });

  it('is 401 without a session, 400 on a bad id, 404 for anyone but coordinators and the holder (audited)', async () => {
    const { id, participantIds } = await programme();
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    expect((await new SessionClient(t.app, t.clock).get(pdfPath(certificate.id))).status).toBe(401);
    expectFieldError(await coordinator.client.get(pdfPath('x')), 'params.id', 'invalid_format');
    expect((await coordinator.client.get(pdfPath(randomUUID()))).status).toBe(404);
    for (const [role, { client, user }] of others) {
      const res = await client.get(pdfPath(certificate.id));
      expect([role, res.status]).toEqual([role, 404]);
      const denied = await auditEvents(t, { action: 'access.denied', resourceId: certificate.id });
      expect(denied.some((e) => e.actor_id === user.id)).toBe(true);
    }
  });

  it('is printed for its holder (their account linked to the participant), not once revoked', async () => {
    const holder = await signedIn(t, 'partner');
    const { id, participantIds } = await programme({
      participants: [
        { fullName: 'Dra. Titular', attended: allOf(SESSIONS), userId: holder.user.id },
      ],
    });
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    const res = await holder.client.download(pdfPath(certificate.id));
    expect(res.status).toBe(200);
    expect(flat(pdfText(res.body as Buffer))).toContain('Dra. Titular');
    const events = await auditEvents(t, {
      action: 'training_certificate.download',
      resourceId: certificate.id,
    });
    expect(events.map((e) => e.actor_id)).toEqual([holder.user.id]);

    await revoke(certificate.id, 'Datos incorrectos');
    for (const client of [holder.client, coordinator.client]) {
      const refused = await client.get(pdfPath(certificate.id));
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'certificate_revoked' });
    }
  });

  it('is no longer printed once the participant has been erased (409 holder_erased)', async () => {
    const { id, participantIds } = await programme();
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    await eraseParticipant(t, participantIds[0] ?? '');
    const res = await coordinator.client.get(pdfPath(certificate.id));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'holder_erased' });
  });
});

describe("the holder's own certificates", () => {
  it("needs a session; lists the signed-in person's certificates only; audited", async () => {
    expect(
      (await new SessionClient(t.app, t.clock).get(`${TRAININGS}/certificates/mine`)).status,
    ).toBe(401);
    const holder = await signedIn(t, 'caseworker');
    const { id, participantIds } = await programme({
      participants: [
        { fullName: 'Titular propia', attended: allOf(SESSIONS), userId: holder.user.id },
        { fullName: 'Otra persona', attended: allOf(SESSIONS) },
      ],
    });
    await issue(id, { allCompleted: true });
    const res = await holder.client.get(`${TRAININGS}/certificates/mine`);
    expect(res.status).toBe(200);
    const items = (res.body as { items: Certificate[] }).items;
    expect(items.map((c) => [c.participantId, c.holderName])).toEqual([
      [participantIds[0], 'Titular propia'],
    ]);
    const empty = await (others.get('auditor') as Signed).client.get(
      `${TRAININGS}/certificates/mine`,
    );
    expect((empty.body as { items: Certificate[] }).items).toEqual([]);
    const events = await auditEvents(t, {
      action: 'training_certificate.list',
      resourceId: holder.user.id,
    });
    expect(events).toEqual([expect.objectContaining({ resource_type: 'user' })]);
  });

  it('shows a revoked one as revoked on its day, never why nor which staff issued or revoked it', async () => {
    const holder = await signedIn(t, 'caseworker');
    const { id } = await programme({
      participants: [
        { fullName: 'Titular revocada', attended: allOf(SESSIONS), userId: holder.user.id },
      ],
    });
    const issuedNow = await issue(id, { allCompleted: true });
    const certificate = only((issuedNow.body as { items: Certificate[] }).items);
    const reason = 'Motivo interno de la revocación';
    const answer = await coordinator.client.post(revokePath(certificate.id), { reason });
    const revoked = answer.body as Certificate;
    expect(revoked).toMatchObject({ revocationReason: reason, revokedBy: coordinator.user.id });
    const res = await holder.client.get(`${TRAININGS}/certificates/mine`);
    expect(res.status).toBe(200);
    const [own] = (res.body as { items: Record<string, unknown>[] }).items;
    expect(own).toMatchObject({
      id: certificate.id,
      status: 'revoked',
      revokedOn: revoked.revokedOn,
      holderName: 'Titular revocada',
    });
    expect(typeof own?.revokedOn).toBe('string');
    for (const key of ['revocationReason', 'revokedBy', 'issuedBy', 'revokedAt']) {
      expect([key, Object.hasOwn(own ?? {}, key)]).toEqual([key, false]);
    }
    expect(res.text).not.toContain(reason);
    expect(res.text).not.toContain(coordinator.user.id);
  });
});

describe('revoking', () => {
  it('needs a session and the coordinator; 400 without a plain reason; 404; audited; once only', async () => {
    const { id, participantIds } = await programme();
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    const path = revokePath(certificate.id);
    expect((await new SessionClient(t.app, t.clock).post(path, { reason: 'x' })).status).toBe(401);
    for (const [role, { client }] of others) {
      await client.refreshCsrf();
      expect([role, (await client.post(path, { reason: 'Motivo' })).status]).toEqual([role, 403]);
    }
    expectFieldError(await coordinator.client.post(path, {}), 'body.reason', 'invalid_type');
    expectFieldError(
      await coordinator.client.post(path, { reason: '   ' }),
      'body.reason',
      'too_small',
    );
    expectFieldError(
      await coordinator.client.post(path, { reason: 'x'.repeat(501) }),
      'body.reason',
      'too_big',
    );
    expectFieldError(
      await coordinator.client.post(path, { reason: 'Oculto\u202Etexto' }),
      'body.reason',
      'custom',
    );
    expectFieldError(
      await coordinator.client.post(path, { reason: 'Escribir a ana@example.org' }),
      'body.reason',
      'looks_personal',
    );
    expectFieldError(
      await coordinator.client.post(revokePath('x'), { reason: 'Motivo' }),
      'params.id',
      'invalid_format',
    );
    expect(
      (await coordinator.client.post(revokePath(randomUUID()), { reason: 'Motivo' })).status,
    ).toBe(404);

    const res = await coordinator.client.post(path, {
      reason: 'La asistencia de una sesión se registró por error.\nSe corrigió.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: certificate.id,
      status: 'revoked',
      revokedBy: coordinator.user.id,
      revocationReason: 'La asistencia de una sesión se registró por error.\nSe corrigió.',
      holderName: certificate.holderName,
      code: certificate.code,
    });
    expect((res.body as Certificate).revokedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const events = await auditEvents(t, {
      action: 'training_certificate.revoke',
      resourceId: certificate.id,
    });
    expect(events).toEqual([
      expect.objectContaining({ actor_id: coordinator.user.id, outcome: 'success' }),
    ]);
    const again = await coordinator.client.post(path, { reason: 'Otra vez' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already_revoked' });
  });

  it('allows a new certificate, with a new code, after a revocation; the old code says revoked', async () => {
    const { id, participantIds } = await programme();
    const old = only(await issued(id, [participantIds[0] ?? '']));
    await revoke(old.id, 'Nombre mal escrito');
    const renewed = only(await issued(id, [participantIds[0] ?? '']));
    expect(renewed.id).not.toBe(old.id);
    expect(renewed.code).not.toBe(old.code);
    expect((await verify(old.code ?? '')).body).toMatchObject({ status: 'revoked' });
    expect((await verify(renewed.code ?? '')).body).toMatchObject({ status: 'valid' });
  });
});

describe('public verification', () => {
  const ANSWER_KEYS = [
    'code',
    'endsOn',
    'holderName',
    'issuedOn',
    'issuingInstitutions',
    'programmeName',
    'revokedOn',
    'startsOn',
    'status',
    'totalHours',
  ];

  it('answers a valid code with who and what only, without a session, never cached; audited', async () => {
    const { id, participantIds } = await programme();
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    const res = await verify(certificate.code ?? '');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as object).sort()).toEqual(ANSWER_KEYS);
    expect(res.body).toEqual({
      code: certificate.code,
      status: 'valid',
      holderName: 'Ana María Ñandú Pérez',
      programmeName: certificate.programmeName,
      totalHours: 12.5,
      startsOn: '2026-03-03',
      endsOn: '2026-04-28',
      issuedOn: certificate.issuedOn,
      revokedOn: null,
      issuingInstitutions: [leadAgency, 'Universidad Central del Ecuador'],
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expectNoCanary([emailCanary, positionCanary], { answer: JSON.stringify(res.body) });
    const events = await auditEvents(t, {
      action: 'training_certificate.verify',
      resourceId: certificate.id,
    });
    expect(events).toEqual([
      expect.objectContaining({
        actor_id: null,
        actor_role: 'anonymous',
        resource_type: 'training_certificate',
        outcome: 'success',
      }),
    ]);
  });

  it('reads the code as people type it: either case, spaces or hyphens, O for 0 and I or L for 1', async () => {
    const { id, participantIds } = await programme();
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    const code = certificate.code ?? '';
    for (const typed of [
      code.toLowerCase(),
      code.replace(/-/g, ''),
      code.replace(/-/g, ' '),
      ` ${code} `,
      code.replace(/0/g, 'O').replace(/1/g, 'l'),
    ]) {
      const res = await verify(typed);
      expect([typed, res.status, (res.body as { code?: string }).code]).toEqual([typed, 200, code]);
    }
  });

  it('says revoked, with the day, never the reason nor whose it was', async () => {
    const { id, participantIds } = await programme();
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    const reason = 'Motivo reservado de esta revocación';
    await revoke(certificate.id, reason);
    const res = await verify(certificate.code ?? '');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'revoked',
      holderName: null,
      programmeName: certificate.programmeName,
      startsOn: '2026-03-03',
      endsOn: '2026-04-28',
    });
    expect(JSON.stringify(res.body)).not.toContain('Ñandú');
    expect((res.body as { revokedOn: string }).revokedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(res.body)).not.toContain(reason);
  });

  it('answers unknown and malformed codes with the same 404, auditing nothing', async () => {
    const before = (await auditEvents(t, { action: 'training_certificate.verify' })).length;
    const { id, participantIds } = await programme();
    const code = only(await issued(id, [participantIds[0] ?? ''])).code ?? '';
    // A well-formed code (its check symbol right) that was never issued.
    const unknown = formatVerificationCode(newVerificationCode());
    const typo = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    const answers = [];
    for (const typed of [unknown, typo, 'x', 'ÑÑÑÑ-ÑÑÑÑ', '1'.repeat(200), "'; drop table x"]) {
      const res = await verify(typed);
      expect([typed, res.status, res.headers['content-type']]).toEqual([
        typed,
        404,
        'application/problem+json; charset=utf-8',
      ]);
      const { requestId, ...body } = res.body as { requestId: string };
      expect(requestId).toBeDefined();
      answers.push(body);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({
      type: 'urn:amparo:problem:not_found',
      title: 'Not found',
      status: 404,
      code: 'not_found',
    });
    expect((await auditEvents(t, { action: 'training_certificate.verify' })).length).toBe(before);
  });

  it("answers without the name once the holder's data has been erased (retention ended)", async () => {
    const { id, participantIds } = await programme();
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    await eraseParticipant(t, participantIds[0] ?? '');
    const res = await verify(certificate.code ?? '');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'valid', holderName: null, totalHours: 12.5 });
    const list = await coordinator.client.get(issuePath(id));
    expect(only((list.body as { items: Certificate[] }).items)).toMatchObject({
      holderName: null,
      code: null,
      verificationUrl: null,
      status: 'valid',
    });
  });

  it('counts every lookup of a code but audits only the first of the day: no flood of the audit log', async () => {
    const { id, participantIds } = await programme();
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    for (let i = 0; i < 5; i++) expect((await verify(certificate.code ?? '')).status).toBe(200);
    expect(
      await auditEvents(t, { action: 'training_certificate.verify', resourceId: certificate.id }),
    ).toHaveLength(1);
    const counted = await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
      trx
        .selectFrom('training_certificate_verifications')
        .select(['lookups'])
        .where('certificate_id', '=', certificate.id)
        .execute(),
    );
    expect(counted.map((r) => Number(r.lookups))).toEqual([5]);
  });

  it('counts an IPv6 client by its /64: rotating addresses within it buys no more lookups', async () => {
    const limited = await startTestApp({ trainingCertificates: { lookupsPerMinute: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 4; i++) {
        const res = await request(limited.app)
          .get(`${PUBLIC}/${wellFormedUnknown}`)
          .set('X-Forwarded-For', `2001:db8:0:7::${i}`);
        statuses.push(res.status);
      }
      expect(statuses).toEqual([404, 404, 429, 429]);
      // Another network is another client.
      const elsewhere = await request(limited.app)
        .get(`${PUBLIC}/${wellFormedUnknown}`)
        .set('X-Forwarded-For', '2001:db8:0:8::1');
      expect(elsewhere.status).toBe(404);
    } finally {
      await limited.close();
    }
  }, 60_000);

  it('limits each client address to its lookups a minute (429 with Retry-After)', async () => {
    const limited = await startTestApp({ trainingCertificates: { lookupsPerMinute: 3 } });
    try {
      const ask = () => request(limited.app).get(`${PUBLIC}/${wellFormedUnknown}`);
      for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(404);
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'too_many_attempts' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('shares the limit between two instances on one database, keeping no address', async () => {
    const limited = await startTestApp({ trainingCertificates: { lookupsPerMinute: 3 } });
    // The second instance: its own pool on the server engine; its own app either way.
    const pool = limited.database.urls
      ? await openServerDatabase(limited.database.urls.app, 2)
      : undefined;
    const second = buildApp({
      database: pool ?? limited.database,
      config: TEST_CONFIG,
      secrets: limited.secrets,
      keyring: limited.keyring,
      logger: limited.logger,
      trainingCertificates: { lookupsPerMinute: 3 },
    });
    try {
      const client = '203.0.113.77';
      const ask = (app: typeof second) =>
        request(app).get(`${PUBLIC}/${wellFormedUnknown}`).set('X-Forwarded-For', client);
      const statuses = [];
      for (const app of [limited.app, second, limited.app, second, limited.app]) {
        statuses.push((await ask(app)).status);
      }
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
      const stored = await inActorTransaction(limited.database.store, SYSTEM_ACTOR, async (trx) => {
        const { rows } = await sql<{ row: string }>`
          select c::text as row from certificate_lookup_throttle c`.execute(trx);
        return rows.map((r) => r.row);
      });
      // Refused lookups are not counted (their transaction rolls back).
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatch(/^\(lookup:[0-9a-f]{64},3,\d+\)$/);
      expect(stored.join()).not.toContain('203.0.113');
    } finally {
      await pool?.close();
      await limited.close();
    }
  });
});

describe('a valid certificate keeps its basis', () => {
  const programmes = `${TRAININGS}/programmes`;
  const put = (path: string, body: object) => coordinator.client.send('put', path, body);
  const sheetPath = (id: string, sessionId: string) =>
    `${programmes}/${id}/sessions/${sessionId}/attendance`;
  const expectDependsOn = (res: request.Response, path: string) => {
    expectFieldError(res, path, 'certificate_depends_on_completion', 409);
    expect(res.body).toMatchObject({
      code: 'certificate_depends_on_completion',
      detail: expect.stringMatching(/^1 valid certificate of this programme /),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/Ana|Ñandú|CORREO|CARGO/);
  };

  it('refuses attendance, session, rule and enrolment changes that would undo a certified completion', async () => {
    const { id, participantIds, sessionIds } = await programme();
    const [ana, bruno] = participantIds as [string, string];
    const [first] = sessionIds as [string];
    const certificate = only(await issued(id, [ana]));
    // The review's scenario: empty every sheet, delete every session, unenrol the holder.
    expectDependsOn(await put(sheetPath(id, first), { entries: [] }), 'body.entries');
    expectDependsOn(
      await put(sheetPath(id, first), {
        entries: [
          { participantId: ana, present: false },
          { participantId: bruno, present: true },
        ],
      }),
      'body.entries.0.present',
    );
    expectDependsOn(
      await coordinator.client.patch(`${programmes}/${id}/sessions/${first}`, {
        version: 1,
        hours: 1,
      }),
      'body.hours',
    );
    expectDependsOn(
      await coordinator.client.patch(`${programmes}/${id}`, { version: 1, totalHours: 20 }),
      'body.totalHours',
    );
    expectDependsOn(
      await coordinator.client.patch(`${programmes}/${id}`, { version: 1, minFinalScore: 50 }),
      'body.minFinalScore',
    );
    expectDependsOn(
      await coordinator.client.send('delete', `${programmes}/${id}/enrolments/${ana}`),
      'params.participantId',
    );
    // Nothing changed: she still completed, the certificate still says valid.
    const programmeNow = await coordinator.client.get(`${programmes}/${id}`);
    expect(programmeNow.body).toMatchObject({ version: 1, totalHours: 12.5, completed: 1 });
    expect((await verify(certificate.code ?? '')).body).toMatchObject({ status: 'valid' });
    // Changes that leave her completed go through (Bruno's sheet entry).
    const fine = await put(sheetPath(id, first), {
      entries: [
        { participantId: ana, present: true },
        { participantId: bruno, present: false },
      ],
    });
    expect(fine.status).toBe(200);

    // Revoked first, the correction is the coordinator's to make.
    await revoke(certificate.id, 'Asistencia registrada por error');
    for (const session of sessionIds) {
      expect((await put(sheetPath(id, session), { entries: [] })).status).toBe(200);
    }
    // The revoked certificate still refers to the enrolment: it cannot go.
    const unenrol = await coordinator.client.send(
      'delete',
      `${programmes}/${id}/enrolments/${ana}`,
    );
    expect(unenrol.status).toBe(409);
    expect(unenrol.body).toMatchObject({ code: 'enrolment_in_use' });
    expect((await verify(certificate.code ?? '')).body).toMatchObject({ status: 'revoked' });
  });

  it('refuses a score that would undo a certified completion', async () => {
    const { id, participantIds } = await programme({
      minFinalScore: '70.00',
      participants: [{ fullName: 'Ana Evaluada', attended: allOf(SESSIONS), postScore: '85.00' }],
    });
    const [ana] = participantIds as [string];
    only(await issued(id, [ana]));
    expectDependsOn(
      await put(`${programmes}/${id}/scores`, { entries: [{ participantId: ana, postScore: 60 }] }),
      'body.entries.0.postScore',
    );
    const kept = await put(`${programmes}/${id}/scores`, {
      entries: [{ participantId: ana, postScore: 75, preScore: 40 }],
    });
    expect(kept.status).toBe(200);
  });

  it('holds the programme while issuing, so corrections wait for it (and it for them)', async () => {
    const { id, participantIds } = await programme();
    const { result, statements } = await t.database.recordStatements(() =>
      issue(id, { participantIds: [participantIds[0]] }),
    );
    expect(result.status).toBe(201);
    expect(
      statements.some((q) =>
        /^select\b[\s\S]*from "training_programmes"[\s\S]*for update$/i.test(q),
      ),
    ).toBe(true);
  });

  it('is enforced by the database too: no certificate without completion, no enrolment removed under one', async () => {
    const { id, participantIds } = await programme();
    const [ana, bruno] = participantIds as [string, string];
    const actor: DbActor = { id: coordinator.user.id, role: 'coordinator', institutionId: null };
    const row = (participantId: string) => ({
      programme_id: id,
      participant_id: participantId,
      code_digest: verificationCodeDigest(newVerificationCode()),
      code_enc: Buffer.from('sellado'),
      holder_name_enc: Buffer.from('sellado'),
      programme_name: 'Programa',
      total_hours: '12.50',
      starts_on: '2026-03-03',
      ends_on: '2026-04-28',
      issuing_institutions: [leadAgency],
      issued_by: coordinator.user.id,
    });
    await expect(
      inActorTransaction(t.database.store, actor, (trx) =>
        trx.insertInto('training_certificates').values(row(bruno)).execute(),
      ),
    ).rejects.toThrow(/only to a participant who completed/);
    await inActorTransaction(t.database.store, actor, (trx) =>
      trx.insertInto('training_certificates').values(row(ana)).execute(),
    );
    // Her attendance gone behind the API's back, the enrolment still cannot go.
    await expect(
      inActorTransaction(t.database.store, actor, async (trx) => {
        await trx.deleteFrom('training_attendance').where('participant_id', '=', ana).execute();
        await trx
          .deleteFrom('training_enrolments')
          .where('programme_id', '=', id)
          .where('participant_id', '=', ana)
          .execute();
      }),
    ).rejects.toThrow(/foreign key/);
  });
});

describe('erasing a holder', () => {
  const erase = async (participantId: string, reason: string) => {
    await coordinator.client.post('/api/v1/auth/step-up', {
      code: await coordinator.client.nextCode(),
    });
    const res = await coordinator.client.post(`${TRAININGS}/participants/${participantId}/erase`, {
      reason,
    });
    expect(res.status).toBe(200);
  };

  it('revokes their valid certificates when the record was made in error or twice', async () => {
    for (const reason of ['created_in_error', 'duplicate_record']) {
      const { id, participantIds } = await programme();
      const certificate = only(await issued(id, [participantIds[0] ?? '']));
      await erase(participantIds[0] ?? '', reason);
      const listed = only(
        ((await coordinator.client.get(issuePath(id))).body as { items: Certificate[] }).items,
      );
      expect(listed).toMatchObject({
        status: 'revoked',
        revocationReason: reason,
        revokedBy: coordinator.user.id,
        holderName: null,
      });
      expect((await verify(certificate.code ?? '')).body).toMatchObject({
        status: 'revoked',
        holderName: null,
      });
      expect(
        await auditEvents(t, { action: 'training_certificate.revoke', resourceId: certificate.id }),
      ).toEqual([expect.objectContaining({ purpose: reason, actor_id: coordinator.user.id })]);
    }
  });

  it("keeps them valid, without the name, when erased on the person's own request", async () => {
    const { id, participantIds } = await programme();
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    await erase(participantIds[0] ?? '', 'person_request');
    expect((await verify(certificate.code ?? '')).body).toMatchObject({
      status: 'valid',
      holderName: null,
    });
  });
});

describe('what never leaves', () => {
  it('keeps the name and code out of logs and the database, e-mail and position out of every answer', async () => {
    const holderName = canary('TITULAR');
    const { id, participantIds } = await programme({
      participants: [
        {
          fullName: holderName,
          workEmail: emailCanary,
          position: positionCanary,
          attended: allOf(SESSIONS),
        },
      ],
    });
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    const code = certificate.code ?? '';
    const answers = [
      JSON.stringify((await coordinator.client.get(issuePath(id))).body),
      JSON.stringify((await verify(code)).body),
      flat(pdfText((await coordinator.client.download(pdfPath(certificate.id))).body as Buffer)),
    ];
    for (const answer of answers) expect(answer).toContain(holderName);
    expectNoCanary([emailCanary, positionCanary], Object.fromEntries(answers.entries()));
    const canonical = code.replace(/-/g, '');
    expectNoCanary([holderName, emailCanary, positionCanary, code, canonical], {
      logs: t.logs.join('\n'),
      database: await databaseDump(t),
    });
  });
});

describe('the database', () => {
  const coordinatorActor = (): DbActor => ({
    id: coordinator.user.id,
    role: 'coordinator',
    institutionId: null,
  });

  it('freezes what a certificate says, keeps a revocation for good, and keeps one valid per participant', async () => {
    const { id, participantIds } = await programme();
    const certificate = only(await issued(id, [participantIds[0] ?? '']));
    const attempt = (statement: ReturnType<typeof sql>) =>
      inActorTransaction(t.database.store, coordinatorActor(), (trx) => statement.execute(trx));
    await expect(
      attempt(
        sql`update training_certificates set programme_name = 'x' where id = ${certificate.id}`,
      ),
    ).rejects.toThrow(/frozen/);
    await expect(
      attempt(sql`update training_certificates set total_hours = 1 where id = ${certificate.id}`),
    ).rejects.toThrow(/frozen/);
    await attempt(sql`
      update training_certificates set revoked_at = now(), revoked_by = ${coordinator.user.id},
        revocation_reason = 'Motivo' where id = ${certificate.id}`);
    await expect(
      attempt(sql`
        update training_certificates set revoked_at = null, revoked_by = null,
          revocation_reason = null where id = ${certificate.id}`),
    ).rejects.toThrow(/stays revoked/);
    await expect(
      attempt(sql`delete from training_certificates where id = ${certificate.id}`),
    ).rejects.toThrow(/permission denied/);
    const renewed = only(await issued(id, [participantIds[0] ?? '']));
    await expect(
      attempt(sql`
        update training_certificates set revoked_at = null, revoked_by = null,
          revocation_reason = null where id = ${certificate.id}`),
    ).rejects.toThrow();
    expect(renewed.status).toBe('valid');
  });

  it('shows an anonymous reader only the one certificate whose code digest it set, and others none', async () => {
    const { id } = await programme({
      participants: [
        { fullName: 'Uno', attended: allOf(SESSIONS) },
        { fullName: 'Dos', attended: allOf(SESSIONS) },
      ],
    });
    const items = (await issue(id, { allCompleted: true })).body as { items: Certificate[] };
    const [first] = items.items;
    const count = (actor: DbActor, lookup?: string) =>
      inActorTransaction(t.database.store, actor, async (trx) => {
        if (lookup) {
          await sql`select set_config('app.certificate_lookup', ${lookup}, true)`.execute(trx);
        }
        const { rows } = await sql<{ n: string }>`
          select count(*)::text as n from training_certificates`.execute(trx);
        return Number(rows[0]?.n);
      });
    const canonical = normaliseVerificationCode(first?.code ?? '');
    expect(canonical).not.toBeNull();
    const verificationCodeDigestHex = verificationCodeDigest(canonical ?? '').toString('hex');
    expect(await count(anonymousActor())).toBe(0);
    expect(await count(anonymousActor(), verificationCodeDigestHex)).toBe(1);
    expect(await count(anonymousActor(), 'zz')).toBe(0);
    for (const role of ['caseworker', 'partner', 'auditor', 'admin'] as const) {
      const user = others.get(role) as Signed;
      const actor: DbActor = { id: user.user.id, role, institutionId: user.user.institutionId };
      expect([role, await count(actor, verificationCodeDigestHex)]).toEqual([role, 0]);
    }
    expect(await count(coordinatorActor())).toBeGreaterThanOrEqual(2);
  });
});

describe('the verification counts', () => {
  it("let an anonymous lookup count only the certificate it looked up, and read no one else's", async () => {
    const { id } = await programme({
      participants: [
        { fullName: 'Uno', attended: allOf(SESSIONS) },
        { fullName: 'Dos', attended: allOf(SESSIONS) },
      ],
    });
    const [first, second] = (
      (await issue(id, { allCompleted: true })).body as {
        items: Certificate[];
      }
    ).items as [Certificate, Certificate];
    const digest = verificationCodeDigest(normaliseVerificationCode(first.code ?? '') ?? '');
    const asLookup = <T>(
      work: (trx: Parameters<Parameters<typeof inActorTransaction>[2]>[0]) => Promise<T>,
    ) =>
      inActorTransaction(t.database.store, anonymousActor(), async (trx) => {
        await sql`select set_config('app.certificate_lookup', ${digest.toString('hex')}, true)`.execute(
          trx,
        );
        return work(trx);
      });
    const count = (certificateId: string) =>
      asLookup((trx) =>
        trx
          .insertInto('training_certificate_verifications')
          .values({ certificate_id: certificateId, day: '2026-01-01' })
          .execute(),
      );
    await count(first.id);
    await expect(count(second.id)).rejects.toThrow(/row-level security/);
    await verify(second.code ?? '');
    const seen = await asLookup((trx) =>
      trx.selectFrom('training_certificate_verifications').select('certificate_id').execute(),
    );
    expect(new Set(seen.map((r) => r.certificate_id))).toEqual(new Set([first.id]));
  });
});

describe('cost', () => {
  it('a verification is one transaction of a few statements; a malformed code asks nothing', async () => {
    const { id, participantIds } = await programme();
    const code = only(await issued(id, [participantIds[0] ?? ''])).code ?? '';
    const found = await t.database.recordStatements(() => verify(code));
    expect(found.result.status).toBe(200);
    // BEGIN, the anonymous context, the client address's count, the digest, the certificate,
    // the system's context, the holder's key, the anonymous context again, the day's count,
    // the audit row (the first lookup of the day), COMMIT.
    expect(found.statements.filter((s) => /^begin\b/i.test(s))).toHaveLength(1);
    expect(found.statements.length).toBeLessThanOrEqual(11);
    const malformed = await t.database.recordStatements(() => verify('not a code'));
    expect(malformed.result.status).toBe(404);
    expect(malformed.statements).toEqual([]);
  });
});
