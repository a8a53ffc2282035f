import { startTestApp, type TestApp } from '../helpers/app';
import {
  giveConsent,
  newCase,
  refer,
  referralId,
  referralWorld,
  type Signed,
  HEALTH,
  readReferral,
  revoke,
  packageRows as packageRowsOf,
} from '../helpers/referrals';
import { auditEvents } from '../helpers/users';

/**
 * A consent is one decision of the person, however many versions it went
 * through: revoking its current version withdraws or closes what was shared
 * under every earlier version too; an old version cannot be revoked on its own.
 */
let t: TestApp;
let w: Awaited<ReturnType<typeof referralWorld>>;

type Body = Record<string, unknown>;
type Referral = Body & {
  status: string;
  packageAvailable: boolean;
  packageClosedReason: string | null;
  history: { to: string; reason: string | null }[];
};

const read = (who: Signed, id: string) => readReferral<Referral>(who, id);
const packageRows = (ids: string[]) => packageRowsOf(t, ids);
const newVersion = (caseId: string, previous: string) =>
  giveConsent(w.ana.client, caseId, HEALTH, { supersedes: previous });
const toHospital = (caseId: string) =>
  referralId(w.ana.client, caseId, w.hospital, { categories: ['health'] });
const openPackage = async (id: string) =>
  expect((await w.doctor.client.get(`/api/v1/referrals/${id}/package`)).status).toBe(200);

beforeAll(async () => {
  t = await startTestApp();
  w = await referralWorld(t, 'Versiones');
}, 60_000);
afterAll(() => t.close());

describe('revoking the current version of a consent', () => {
  let caseId: string;
  let v1: string;
  let v2: string;
  let underV1: string; // sent under version 1, never opened
  let openedUnderV1: string; // sent under version 1, package read
  let underV2: string;
  let openedUnderV2: string;
  let all: string[];

  beforeAll(async () => {
    caseId = await newCase(w.ana.client, { identity: { healthNotes: 'Control semanal' } });
    v1 = (await giveConsent(w.ana.client, caseId, HEALTH)).id;
    underV1 = await toHospital(caseId);
    openedUnderV1 = await toHospital(caseId);
    await openPackage(openedUnderV1);
    v2 = (await newVersion(caseId, v1)).id;
    underV2 = await toHospital(caseId);
    openedUnderV2 = await toHospital(caseId);
    await openPackage(openedUnderV2);
    all = [underV1, openedUnderV1, underV2, openedUnderV2];
    expect(await packageRows(all)).toEqual([...all].sort());
  }, 60_000);

  it('refuses to revoke the superseded version (409 consent_superseded), changing nothing', async () => {
    const res = await revoke(w.ana, v1);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'consent_superseded' });
    expect(await read(w.ana, underV1)).toMatchObject({ status: 'sent', packageAvailable: true });
    expect(await packageRows(all)).toEqual([...all].sort());
    expect(await auditEvents(t, { action: 'consent.revoke', resourceId: v1 })).toEqual([]);
  });

  it('withdraws the unopened referrals made under either version', async () => {
    const res = await revoke(w.ana, v2);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      consent: { id: v2, status: 'revoked' },
      withdrawnReferrals: 2,
      closedPackages: 4,
    });
    for (const id of [underV1, underV2]) {
      const referral = await read(w.ana, id);
      expect(referral).toMatchObject({
        status: 'withdrawn',
        packageAvailable: false,
        packageClosedReason: 'consent_revoked',
      });
      expect(referral.history.at(-1)).toMatchObject({ to: 'withdrawn', reason: 'consent_revoked' });
    }
  });

  it('closes the opened packages made under either version, keeping their status', async () => {
    for (const id of [openedUnderV1, openedUnderV2]) {
      expect(await read(w.doctor, id)).toMatchObject({
        status: 'sent',
        packageAvailable: false,
        packageClosedReason: 'consent_revoked',
      });
    }
    for (const id of all) {
      const pkg = await w.doctor.client.get(`/api/v1/referrals/${id}/package`);
      expect([id, pkg.status]).toEqual([id, 409]);
      expect(pkg.body).toMatchObject({ code: 'package_closed', reason: 'consent_revoked' });
      expect(JSON.stringify(pkg.body)).not.toContain('Control semanal');
      expect(await auditEvents(t, { action: 'referral.package.close', resourceId: id })).toEqual([
        expect.objectContaining({ purpose: 'consent_revoked', actor_id: w.ana.user.id }),
      ]);
    }
    expect(await packageRows(all)).toEqual([]);
  });

  it('leaves no version to refer under', async () => {
    const res = await refer(w.ana.client, caseId, w.hospital, { categories: ['health'] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'consent_missing' });
    const again = await revoke(w.ana, v1);
    expect(again.status).toBe(409);
  });
});

describe('a longer chain of versions', () => {
  it('reaches back to the first version', async () => {
    const caseId = await newCase(w.ana.client);
    const v1 = (await giveConsent(w.ana.client, caseId, HEALTH)).id;
    const first = await toHospital(caseId);
    const v2 = (await newVersion(caseId, v1)).id;
    const v3 = (await newVersion(caseId, v2)).id;
    const third = await toHospital(caseId);

    for (const old of [v1, v2]) {
      expect((await revoke(w.sara, old)).body).toMatchObject({ code: 'consent_superseded' });
    }
    const res = await revoke(w.sara, v3);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ withdrawnReferrals: 2, closedPackages: 2 });
    for (const id of [first, third]) {
      expect(await read(w.doctor, id)).toMatchObject({
        status: 'withdrawn',
        packageClosedReason: 'consent_revoked',
      });
    }
    expect(await packageRows([first, third])).toEqual([]);
  });

  it('leaves the referrals of another consent of the same case alone', async () => {
    const caseId = await newCase(w.ana.client);
    const v1 = (await giveConsent(w.ana.client, caseId, HEALTH)).id;
    const v2 = (await newVersion(caseId, v1)).id;
    await giveConsent(w.ana.client, caseId, [{ sectors: ['justice'], categories: ['minimal'] }]);
    const toFiscalia = await referralId(w.ana.client, caseId, w.fiscalia);
    const toHealth = await toHospital(caseId);

    expect((await revoke(w.ana, v2)).body).toMatchObject({ withdrawnReferrals: 1 });
    expect(await read(w.ana, toHealth)).toMatchObject({ status: 'withdrawn' });
    expect(await read(w.fiscal, toFiscalia)).toMatchObject({
      status: 'sent',
      packageAvailable: true,
      packageClosedReason: null,
    });
    expect(await packageRows([toFiscalia, toHealth])).toEqual([toFiscalia]);
  });
});
