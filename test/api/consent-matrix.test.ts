import { DATA_CATEGORIES, type DataCategory } from '../../security/policy';
import { startTestApp, type TestApp } from '../helpers/app';
import { giveConsent, newCase, refer, referralWorld, type Signed } from '../helpers/referrals';
import { partnerInstitutionId } from '../helpers/users';

/**
 * The consent matrix of the issue: every data category × every recipient is
 * allowed or refused exactly as the case's consent says; an expired consent
 * refuses; a minor's case needs an approved guardian or best-interest consent.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;

type Need = { purpose: string; category: string };
type Recipient = { name: string; id: string; covers: readonly DataCategory[] };
const recipients: Recipient[] = [];

const need = (category: DataCategory): Need =>
  category === 'minimal'
    ? { purpose: 'service_referral', category }
    : { purpose: 'information_sharing', category };

/** What a referral of `category` to a recipient covering `covers` lacks. */
function missingFor(covers: readonly DataCategory[], category: DataCategory): Need[] {
  const missing: Need[] = [];
  if (!covers.includes('minimal')) missing.push(need('minimal'));
  if (category !== 'minimal' && !covers.includes(category)) missing.push(need(category));
  return missing;
}

/** Refers the case to the recipient with one category; checks 201 or 409 naming what is missing. */
async function expectDecision(
  who: Signed,
  caseId: string,
  to: { name: string; id: string },
  category: DataCategory,
  missing: Need[],
) {
  const res = await refer(who.client, caseId, to.id, { categories: [category] });
  const label = `${to.name} × ${category}`;
  if (missing.length === 0) {
    expect([label, res.status]).toEqual([label, 201]);
    expect(res.body).toMatchObject({
      status: 'sent',
      categories: category === 'minimal' ? ['minimal'] : ['minimal', category],
    });
    return;
  }
  expect([label, res.status]).toEqual([label, 409]);
  expect([label, res.body]).toEqual([
    label,
    expect.objectContaining({ code: 'consent_missing', missingConsent: missing }),
  ]);
}

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Matriz de consentimiento');
  const clinica = await partnerInstitutionId(t, 'Clínica Matriz', 'health');
  const colegio = await partnerInstitutionId(t, 'Colegio Matriz', 'education');
  const albergue = await partnerInstitutionId(t, 'Albergue Matriz', 'shelter');
  recipients.push(
    { name: 'hospital (health)', id: w.hospital, covers: ['minimal', 'health', 'contact'] },
    { name: 'clínica (health)', id: clinica, covers: ['minimal', 'health', 'contact'] },
    { name: 'fiscalía (justice)', id: w.fiscalia, covers: ['minimal', 'identity', 'legal'] },
    { name: 'escuela (named)', id: w.escuela, covers: ['minimal', 'education'] },
    { name: 'colegio (education)', id: colegio, covers: [] },
    { name: 'albergue (shelter)', id: albergue, covers: ['situation'] },
  );
}, 60_000);
afterAll(() => t.close());

describe('consent matrix', () => {
  it('allows or refuses every category × recipient exactly as the scope says', async () => {
    const caseId = await newCase(w.ana.client);
    await giveConsent(w.ana.client, caseId, [
      { sectors: ['health'], categories: ['minimal', 'health', 'contact'] },
      { sectors: ['justice'], categories: ['minimal', 'identity', 'legal'] },
      // A named institution, not its sector (the colegio shares it).
      { institutionIds: [w.escuela], categories: ['minimal', 'education'] },
      // Situation for shelters, but no service_referral of minimal data to them.
      { sectors: ['shelter'], categories: ['situation'] },
    ]);
    for (const to of recipients) {
      for (const category of DATA_CATEGORIES) {
        await expectDecision(w.ana, caseId, to, category, missingFor(to.covers, category));
      }
    }
  });

  it('names every missing category of a referral asking for several', async () => {
    const caseId = await newCase(w.ana.client);
    await giveConsent(w.ana.client, caseId, [
      { sectors: ['health'], categories: ['minimal', 'health'] },
    ]);
    const res = await refer(w.ana.client, caseId, w.hospital, {
      categories: ['legal', 'health', 'education', 'minimal'],
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      missingConsent: [need('legal'), need('education')],
    });
    const elsewhere = await refer(w.ana.client, caseId, w.fiscalia, { categories: ['health'] });
    expect(elsewhere.body).toMatchObject({ missingConsent: [need('minimal'), need('health')] });
  });

  it('with only service_referral, allows the minimal data and nothing more', async () => {
    const caseId = await newCase(w.ana.client);
    await giveConsent(
      w.ana.client,
      caseId,
      [{ sectors: ['health', 'justice', 'education'], categories: [...DATA_CATEGORIES] }],
      { purposes: ['service_referral', 'statistics', 'follow_up_contact'] },
    );
    for (const category of DATA_CATEGORIES) {
      const missing = category === 'minimal' ? [] : [need(category)];
      await expectDecision(w.ana, caseId, recipients[0]!, category, missing);
    }
  });

  it('with only information_sharing, refuses even the minimal data', async () => {
    const caseId = await newCase(w.ana.client);
    await giveConsent(
      w.ana.client,
      caseId,
      [{ sectors: ['health'], categories: [...DATA_CATEGORIES] }],
      { purposes: ['information_sharing'] },
    );
    await expectDecision(w.ana, caseId, recipients[0]!, 'health', [need('minimal')]);
  });

  it('refuses under a revoked or superseded consent, and follows the newer version', async () => {
    const caseId = await newCase(w.ana.client);
    const first = await giveConsent(w.ana.client, caseId, [
      { sectors: ['health'], categories: ['minimal', 'health'] },
    ]);
    const second = await giveConsent(
      w.ana.client,
      caseId,
      [{ sectors: ['justice'], categories: ['minimal'] }],
      { supersedes: first.id },
    );
    await expectDecision(w.ana, caseId, recipients[0]!, 'minimal', [need('minimal')]);
    await expectDecision(w.ana, caseId, recipients[2]!, 'minimal', []);
    const revoked = await w.ana.client.post(`/api/v1/consents/${second.id}/revoke`, {
      reason: 'person_withdrew',
    });
    expect(revoked.status).toBe(200);
    await expectDecision(w.ana, caseId, recipients[2]!, 'minimal', [need('minimal')]);
  });

  for (const givenBy of ['guardian', 'best_interest'] as const) {
    it(`for a minor, refuses until the ${givenBy} consent is approved`, async () => {
      const caseId = await newCase(w.ana.client, { age: 14 });
      const scope = [{ sectors: ['health'], categories: ['minimal', 'health'] }];
      const consent = await giveConsent(w.ana.client, caseId, scope, { givenBy });
      expect(consent.status).toBe('pending_approval');
      await expectDecision(w.ana, caseId, recipients[0]!, 'minimal', [need('minimal')]);
      await expectDecision(w.ana, caseId, recipients[0]!, 'health', [
        need('minimal'),
        need('health'),
      ]);

      const approved = await w.sara.client.post(`/api/v1/consents/${consent.id}/approve`, {});
      expect(approved.body).toMatchObject({ status: 'active' });
      await expectDecision(w.ana, caseId, recipients[0]!, 'health', []);
      await expectDecision(w.ana, caseId, recipients[2]!, 'minimal', [need('minimal')]);
    });
  }

  it('for an adult, a guardian consent also counts only once approved', async () => {
    const caseId = await newCase(w.ana.client, { age: 30 });
    const consent = await giveConsent(
      w.ana.client,
      caseId,
      [{ sectors: ['justice'], categories: ['minimal'] }],
      { givenBy: 'guardian' },
    );
    await expectDecision(w.ana, caseId, recipients[2]!, 'minimal', [need('minimal')]);
    await w.sofia.client.post(`/api/v1/consents/${consent.id}/approve`, {});
    await expectDecision(w.ana, caseId, recipients[2]!, 'minimal', []);
  });

  // Last: it moves the app's clock.
  it('refuses once the consent has expired', async () => {
    const caseId = await newCase(w.ana.client);
    const validUntil = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    await giveConsent(
      w.ana.client,
      caseId,
      [{ sectors: ['health'], categories: ['minimal', 'health'] }],
      { validUntil },
    );
    await expectDecision(w.ana, caseId, recipients[0]!, 'health', []);
    t.clock.advance(2 * 3600);
    await expectDecision(w.ana, caseId, recipients[0]!, 'minimal', [need('minimal')]);
    await expectDecision(w.ana, caseId, recipients[0]!, 'health', [
      need('minimal'),
      need('health'),
    ]);
  });
});
