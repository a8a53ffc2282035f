import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { inActorTransaction, type DbActor } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { giveConsent, newCase, referralId, referralWorld, type Signed } from '../helpers/referrals';
import { auditEvents } from '../helpers/users';

/**
 * A partner sees only the referrals addressed to its institution, and only
 * their packages, never a case; a caseworker of another team sees none of the
 * team's referrals. Every refusal looks like a missing referral and is audited.
 * Then the same rule straight in the database (row-level security).
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;
let caseId: string;
let toHospital: string;
let toFiscalia: string;

type Body = Record<string, unknown>;
const strip = (body: unknown) => ({ ...(body as object), requestId: undefined });
const deniedTo = async (who: Signed, resourceId: string) =>
  (await auditEvents(t, { action: 'access.denied', resourceId })).filter(
    (e) => e.actor_id === who.user.id,
  );
const idsOf = (res: { body: unknown }) =>
  (res.body as { items: { id: string }[] }).items.map((r) => r.id);

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Aislamiento');
  caseId = await newCase(w.ana.client, { identity: { healthNotes: 'Notas de salud' } });
  await giveConsent(w.ana.client, caseId, [
    { sectors: ['health', 'justice'], categories: ['minimal', 'health', 'legal'] },
  ]);
  toHospital = await referralId(w.ana.client, caseId, w.hospital, { categories: ['health'] });
  toFiscalia = await referralId(w.ana.client, caseId, w.fiscalia, { categories: ['legal'] });
}, 60_000);
afterAll(() => t.close());

/** The requests one may make about a referral, each with the route's 404 for a random id. */
const attempts = (id: string) => [
  { label: 'read', send: (c: Signed) => c.client.get(`/api/v1/referrals/${id}`) },
  {
    label: 'transition',
    send: (c: Signed) =>
      c.client.post(`/api/v1/referrals/${id}/transitions`, { to: 'acknowledged' }),
  },
  { label: 'package', send: (c: Signed) => c.client.get(`/api/v1/referrals/${id}/package`) },
  { label: 'p7m', send: (c: Signed) => c.client.get(`/api/v1/referrals/${id}/package.p7m`) },
];

describe('a partner of another institution', () => {
  it('does not find the referral in its inbox, nor read, move or download it (404, audited)', async () => {
    const inbox = await w.doctor.client.get('/api/v1/referrals');
    expect(inbox.status).toBe(200);
    expect(idsOf(inbox)).toContain(toHospital);
    expect(idsOf(inbox)).not.toContain(toFiscalia);
    const filtered = await w.doctor.client.get(`/api/v1/referrals?box=inbox&caseId=${caseId}`);
    expect(idsOf(filtered)).not.toContain(toFiscalia);

    const missing = randomUUID();
    const theirs = attempts(toFiscalia);
    const nobodys = attempts(missing);
    for (const [i, attempt] of theirs.entries()) {
      const res = await attempt.send(w.doctor);
      const none = await nobodys[i]!.send(w.doctor);
      expect([attempt.label, res.status, none.status]).toEqual([attempt.label, 404, 404]);
      expect([attempt.label, strip(res.body)]).toEqual([attempt.label, strip(none.body)]);
    }
    const denials = await deniedTo(w.doctor, toFiscalia);
    expect(denials).toHaveLength(theirs.length);
    for (const denial of denials) {
      expect(denial).toMatchObject({
        outcome: 'denied',
        actor_role: 'partner',
        resource_type: 'referral',
      });
    }
    expect(await auditEvents(t, { action: 'access.denied', resourceId: missing })).toEqual([]);

    // Nothing happened to the other institution's referral.
    const seen = await w.fiscal.client.get(`/api/v1/referrals/${toFiscalia}`);
    expect(seen.body).toMatchObject({ status: 'sent', openedAt: null });
    expect(await auditEvents(t, { action: 'referral.read', resourceId: toFiscalia })).toEqual([
      expect.objectContaining({ actor_id: w.fiscal.user.id }),
    ]);
  });

  it('reads its own referral and package, without the case', async () => {
    const res = await w.doctor.client.get(`/api/v1/referrals/${toHospital}`);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('caseId');
    expect(res.body).not.toHaveProperty('createdBy');
    const pkg = await w.doctor.client.get(`/api/v1/referrals/${toHospital}/package`);
    expect(pkg.status).toBe(200);
    expect((pkg.body as { content: Body }).content).toHaveProperty('health');
    expect(JSON.stringify(pkg.body)).not.toContain(caseId);
  });

  it('may see no case at all (403, audited)', async () => {
    for (const [path, template] of [
      [`/api/v1/cases/${caseId}`, 'GET:/api/v1/cases/:id'],
      ['/api/v1/cases', 'GET:/api/v1/cases/'],
      [`/api/v1/cases/${caseId}/consents`, 'GET:/api/v1/cases/:id/consents'],
      [`/api/v1/cases/${caseId}/notes`, 'GET:/api/v1/cases/:id/notes'],
    ] as const) {
      const res = await w.doctor.client.get(path);
      expect([path, res.status]).toEqual([path, 403]);
      expect(await deniedTo(w.doctor, template)).toEqual([
        expect.objectContaining({ outcome: 'denied' }),
      ]);
    }
  });
});

describe('a caseworker of another team', () => {
  it('does not see the referral: absent from the sent box, 404 on read and move (audited)', async () => {
    const sent = await w.bruno.client.get('/api/v1/referrals');
    expect(sent.status).toBe(200);
    expect(idsOf(sent)).toEqual([]);
    // Naming the case is asking about it: the same 404 as a missing case, audited.
    const byCase = await w.bruno.client.get(`/api/v1/referrals?caseId=${caseId}`);
    expect(byCase.status).toBe(404);
    const byMissingCase = await w.bruno.client.get(`/api/v1/referrals?caseId=${randomUUID()}`);
    expect(strip(byCase.body)).toEqual(strip(byMissingCase.body));
    expect(
      (await auditEvents(t, { action: 'access.denied', resourceId: caseId })).filter(
        (e) => e.actor_id === w.bruno.user.id,
      ),
    ).toEqual([expect.objectContaining({ resource_type: 'case' })]);

    const missing = randomUUID();
    const read = await w.bruno.client.get(`/api/v1/referrals/${toHospital}`);
    const readMissing = await w.bruno.client.get(`/api/v1/referrals/${missing}`);
    expect([read.status, readMissing.status]).toEqual([404, 404]);
    expect(strip(read.body)).toEqual(strip(readMissing.body));
    const withdraw = { to: 'withdrawn', reason: 'sent_in_error' };
    const move = await w.bruno.client.post(`/api/v1/referrals/${toHospital}/transitions`, withdraw);
    const moveMissing = await w.bruno.client.post(
      `/api/v1/referrals/${missing}/transitions`,
      withdraw,
    );
    expect([move.status, moveMissing.status]).toEqual([404, 404]);
    expect(strip(move.body)).toEqual(strip(moveMissing.body));
    expect(await deniedTo(w.bruno, toHospital)).toEqual([
      expect.objectContaining({ outcome: 'denied', resource_type: 'referral' }),
      expect.objectContaining({ outcome: 'denied', resource_type: 'referral' }),
    ]);
    const still = await w.ana.client.get(`/api/v1/referrals/${toHospital}`);
    expect(still.body).toMatchObject({ status: 'sent' });
  });
});

describe('the sending team', () => {
  it('sees its referrals with their case, but may not open a package (403, audited)', async () => {
    const sent = await w.ana.client.get('/api/v1/referrals');
    expect(idsOf(sent)).toEqual(expect.arrayContaining([toHospital, toFiscalia]));
    const supervisor = await w.sara.client.get(`/api/v1/referrals/${toFiscalia}`);
    expect(supervisor.body).toMatchObject({ caseId });
    const inbox = await w.ana.client.get('/api/v1/referrals?box=inbox');
    expect(inbox.status).toBe(400);

    const pkg = await w.ana.client.get(`/api/v1/referrals/${toHospital}/package`);
    expect(pkg.status).toBe(403);
    expect(JSON.stringify(pkg.body)).not.toContain('Notas de salud');
    expect(await deniedTo(w.ana, 'GET:/api/v1/referrals/:id/package')).toEqual([
      expect.objectContaining({ outcome: 'denied' }),
    ]);
    expect(
      await auditEvents(t, { action: 'referral.package.read', resourceId: toHospital }),
    ).toHaveLength(1); // the hospital's own open, above
  });
});

describe('row-level security on the referral tables', () => {
  const partnerOf = (who: Signed, institutionId: string): DbActor => ({
    id: who.user.id,
    role: 'partner',
    institutionId,
  });
  const staff = (who: Signed): DbActor => ({
    id: who.user.id,
    role: who.user.role,
    institutionId: who.user.institutionId,
  });
  const visible = (actor: DbActor) =>
    inActorTransaction(t.database.store, actor, async (trx) => {
      const ids = async (table: string, column: string) =>
        (
          await sql<{
            id: string;
          }>`select ${sql.ref(column)}::text as id from ${sql.table(table)}`.execute(trx)
        ).rows
          .map((r) => r.id)
          .sort();
      return {
        referrals: await ids('referrals', 'id'),
        packages: await ids('referral_packages', 'referral_id'),
        events: [...new Set(await ids('referral_events', 'referral_id'))],
        referralConsents: await ids('referral_consents', 'referral_id'),
        cases: await ids('cases', 'id'),
        consents: await ids('consents', 'id'),
      };
    });

  it("shows a partner only its institution's referrals and packages, no case, no consent", async () => {
    expect(await visible(partnerOf(w.doctor, w.hospital))).toEqual({
      referrals: [toHospital],
      packages: [toHospital],
      events: [toHospital],
      referralConsents: [],
      cases: [],
      consents: [],
    });
    expect(await visible(partnerOf(w.fiscal, w.fiscalia))).toEqual({
      referrals: [toFiscalia],
      packages: [toFiscalia],
      events: [toFiscalia],
      referralConsents: [],
      cases: [],
      consents: [],
    });
    const nowhere = await visible(partnerOf(w.doctor, w.escuela));
    expect(nowhere.referrals).toEqual([]);
    expect(nowhere.packages).toEqual([]);
  });

  it('shows the sender its referrals but no package; another team nothing', async () => {
    const sender = await visible(staff(w.ana));
    expect(sender.referrals).toEqual([toHospital, toFiscalia].sort());
    expect(sender.packages).toEqual([]);
    expect(sender.cases).toEqual([caseId]);
    expect(sender.referralConsents).toEqual([toHospital, toFiscalia].sort());
    expect((await visible(staff(w.sara))).packages).toEqual([]);

    const outsider = await visible(staff(w.bruno));
    expect(outsider).toEqual({
      referrals: [],
      packages: [],
      events: [],
      referralConsents: [],
      cases: [],
      consents: [],
    });
  });
});

describe('what a referral and a certificate are never changes', () => {
  const attempt = (actor: DbActor, statement: string) =>
    inActorTransaction(t.database.store, actor, (trx) => sql.raw(statement).execute(trx)).then(
      () => 'changed',
      (error: { message?: string }) => error.message ?? 'refused',
    );

  it('lets the receiving partner move the status but not redirect or widen the referral', async () => {
    const partner: DbActor = { id: w.doctor.user.id, role: 'partner', institutionId: w.hospital };
    expect(
      await attempt(
        partner,
        `update referrals set institution_id = '${w.fiscalia}' where id = '${toHospital}'`,
      ),
    ).toContain('not rewritten');
    expect(
      await attempt(
        partner,
        `update referrals set categories = '{minimal,identity}' where id = '${toHospital}'`,
      ),
    ).toContain('not rewritten');
    const sender: DbActor = {
      id: w.ana.user.id,
      role: 'caseworker',
      institutionId: w.ana.user.institutionId,
    };
    expect(
      await attempt(
        sender,
        `update referrals set acknowledge_by = now() + interval '90 days' where id = '${toHospital}'`,
      ),
    ).toContain('not rewritten');
    expect(
      await attempt(partner, `update referrals set updated_at = now() where id = '${toHospital}'`),
    ).toBe('changed');
  });
});
