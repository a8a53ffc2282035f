import { randomBytes, randomInt } from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/app';
import { canary, expectNoCanary, leaks } from '../helpers/canary';
import { databaseDump } from '../helpers/database-dump';
import { giveConsent, refer, referralWorld, type Signed } from '../helpers/referrals';
import { signedIn } from '../helpers/users';

/**
 * Referrals with unique canaries in every identifying field of the case, in
 * the completion outcome and feedback, and in an override justification: a
 * package holds exactly the canaries of its categories; nothing else shown to
 * anyone, logged or stored in clear may hold any of them.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;
let teacher: Signed; // partner of the school

const planted: string[] = [];
const shown: string[] = []; // answers that must hold no canary
const plant = (value: string) => (planted.push(value), value);
const show = (res: { body: unknown }) => void shown.push(JSON.stringify(res.body));

const identity = {
  fullName: plant(canary('NOMBRE')),
  aliases: plant(canary('ALIAS')),
  dateOfBirth: '2001-03-09',
  documentType: plant(canary('TIPO')),
  documentNumber: plant(`ÑP-${randomBytes(5).toString('hex')}`),
  phone: plant(`+593 9${String(randomInt(10_000_000, 99_999_999))}`),
  email: plant(`canario.${randomBytes(5).toString('hex')}@example.org`),
  address: plant(canary('DIRECCIÓN')),
  emergencyContact: plant(canary('CONTACTO')),
  narrative: plant(canary('RELATO')),
  healthNotes: plant(canary('SALUD')),
  legalNotes: plant(canary('LEGAL')),
  educationNotes: plant(canary('EDUCACIÓN')),
};
/** The canaries each data category discloses. */
const BY_CATEGORY: Record<string, string[]> = {
  minimal: [],
  identity: [identity.fullName, identity.aliases, identity.documentType, identity.documentNumber],
  contact: [identity.phone, identity.email, identity.address, identity.emergencyContact],
  situation: [identity.narrative],
  health: [identity.healthNotes],
  legal: [identity.legalNotes],
  education: [identity.educationNotes],
};
const outcome = plant(canary('RESULTADO'));
const feedback = plant(canary('DEVOLUCIÓN'));
const justification = plant(canary('JUSTIFICACIÓN VITAL'));

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Canario');
  teacher = await signedIn(t, 'partner', { institutionId: w.escuela });
}, 60_000);
afterAll(() => t.close());

/** The partner's package; its canaries exactly those of its categories. */
async function expectPackage(who: Signed, id: string, categories: string[]) {
  const res = await who.client.get(`/api/v1/referrals/${id}/package`);
  expect(res.status).toBe(200);
  const text = JSON.stringify(res.body);
  expect(Object.keys((res.body as { content: object }).content).sort()).toEqual(
    ['minimal', ...categories].sort(),
  );
  for (const [category, values] of Object.entries(BY_CATEGORY)) {
    for (const value of values) {
      const expected = category === 'minimal' || categories.includes(category);
      expect([category, value, text.includes(value)]).toEqual([category, value, expected]);
    }
  }
  for (const value of [outcome, feedback, justification]) expect(leaks(text, value)).toBe(false);
}

it('discloses only the consented categories, and leaks nothing anywhere else', async () => {
  const intake = await w.ana.client.post('/api/v1/cases', {
    identifiedOn: '2026-11-20',
    riskLevel: 'high',
    identity,
    attributes: { sex: 'Female', ageAtIdentification: 27, traffickingStatus: 'Actual' },
  });
  expect(intake.status).toBe(201);
  const caseId = (intake.body as { case: { id: string } }).case.id;
  await giveConsent(w.ana.client, caseId, [
    { sectors: ['health'], categories: ['minimal', 'health'] },
    { sectors: ['justice'], categories: ['minimal', 'identity', 'legal'] },
  ]);

  // Consent for health only: the hospital gets the health notes, no name, no phone.
  const toHospital = await refer(w.ana.client, caseId, w.hospital, { categories: ['health'] });
  expect(toHospital.status).toBe(201);
  const hospitalId = (toHospital.body as { id: string }).id;
  await expectPackage(w.doctor, hospitalId, ['health']);
  expect(JSON.stringify(toHospital.body)).not.toContain(identity.healthNotes);

  // Identity and legal to the prosecutor's office.
  const fiscaliaId = (
    (await refer(w.ana.client, caseId, w.fiscalia, { categories: ['identity', 'legal'] })).body as {
      id: string;
    }
  ).id;
  await expectPackage(w.fiscal, fiscaliaId, ['identity', 'legal']);

  // A category the consent does not cover: refused, naming categories only.
  const refused = await refer(w.ana.client, caseId, w.hospital, { categories: ['contact'] });
  expect(refused.status).toBe(409);
  show(refused);

  // Vital interest, with a justification: the school gets what was chosen.
  const override = { vitalInterestOverride: { justification } };
  t.clock.advance(6 * 60); // past the second factor of signing in
  const noStepUp = await refer(w.ana.client, caseId, w.escuela, override);
  expect(noStepUp.status).toBe(401);
  show(noStepUp);
  await w.ana.client.post('/api/v1/auth/step-up', { code: await w.ana.client.nextCode() });
  const sent = await refer(w.ana.client, caseId, w.escuela, {
    ...override,
    categories: ['education', 'situation'],
  });
  expect(sent.status).toBe(201);
  const schoolId = (sent.body as { id: string }).id;
  expect(JSON.stringify(sent.body)).not.toContain(justification);
  await expectPackage(teacher, schoolId, ['education', 'situation']);
  const reviews = await w.sara.client.get('/api/v1/reviews');
  expect(JSON.stringify(reviews.body)).toContain(justification); // the reviewer's to read
  const badOverride = await refer(w.ana.client, caseId, w.escuela, {
    vitalInterestOverride: { justification, extra: justification },
  });
  expect(badOverride.status).toBe(400);
  show(badOverride);

  // The hospital completes, with outcome and feedback.
  for (const to of ['acknowledged', 'accepted', 'in_progress']) {
    expect(
      (await w.doctor.client.post(`/api/v1/referrals/${hospitalId}/transitions`, { to })).status,
    ).toBe(200);
  }
  const early = await w.doctor.client.post(`/api/v1/referrals/${hospitalId}/transitions`, {
    to: 'accepted',
    outcome,
    feedback,
  });
  expect(early.status).toBe(400);
  show(early);
  const foreign = await w.fiscal.client.post(`/api/v1/referrals/${hospitalId}/transitions`, {
    to: 'completed',
    outcome,
    feedback,
  });
  expect(foreign.status).toBe(404);
  show(foreign);
  const done = await w.doctor.client.post(`/api/v1/referrals/${hospitalId}/transitions`, {
    to: 'completed',
    outcome,
    feedback,
  });
  expect(done.status).toBe(200);
  const again = await w.doctor.client.post(`/api/v1/referrals/${hospitalId}/transitions`, {
    to: 'completed',
    outcome,
    feedback,
  });
  expect(again.status).toBe(409);
  show(again);

  // The sender sees the feedback on the referral itself, never in a list.
  const seen = await w.ana.client.get(`/api/v1/referrals/${hospitalId}`);
  expect(JSON.stringify(seen.body)).toContain(feedback);
  expect(JSON.stringify(seen.body)).toContain(outcome);
  for (const who of [w.ana, w.sara]) {
    const list = await who.client.get('/api/v1/referrals');
    expect((list.body as { items: unknown[] }).items).toHaveLength(3);
    show(list);
    show(await who.client.get(`/api/v1/referrals?caseId=${caseId}&status=completed`));
  }
  for (const who of [w.doctor, w.fiscal, teacher]) {
    const inbox = await who.client.get('/api/v1/referrals');
    expect((inbox.body as { items: unknown[] }).items).toHaveLength(1);
    show(inbox);
  }
  // The other institutions, and the sender, at the hospital's package.
  for (const who of [w.fiscal, teacher, w.ana]) {
    const res = await who.client.get(`/api/v1/referrals/${hospitalId}/package`);
    expect([403, 404]).toContain(res.status);
    show(res);
  }
  show(await w.bruno.client.get(`/api/v1/referrals/${hospitalId}`));
  show(await w.bruno.client.get('/api/v1/referrals'));
  // Nor does the partner reading its referral see another category's canaries.
  const partnerView = await w.fiscal.client.get(`/api/v1/referrals/${fiscaliaId}`);
  expect(partnerView.status).toBe(200);
  show(partnerView);

  const dump = await databaseDump(t);
  for (const id of [hospitalId, fiscaliaId, schoolId]) expect(dump).toContain(id);
  expect(dump).toContain('referral.package.read'); // the audit log is in the dump
  expect(dump).toContain('information_sharing'); // and the consents
  const log = t.logs.join('\n');
  const answers = shown.join('\n');
  expect(planted).toHaveLength(15);
  expectNoCanary(planted, { dump, log, answers });
});
