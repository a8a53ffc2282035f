import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { LocalKeyring } from '../../security/crypto';
import { DEVELOPMENT_LEAD_AGENCY_NAME } from '../../server/config/config';
import {
  inActorTransaction,
  SYSTEM_ACTOR,
  type StaffActor,
} from '../../server/db/actor-transaction';
import type { DB } from '../../server/db/schema';
import { decryptIdentity, identityColumnsOf } from '../../server/modules/cases';
import { readCase } from '../../server/modules/cases/cases.service';
import { openCaseKey } from '../../server/modules/cases/case-crypto';
import { findCase } from '../../server/modules/cases/cases.repository';
import { listConsents } from '../../server/modules/consents/consents.service';
import { readPackage, readReferral, revocationEffects } from '../../server/modules/referrals';
import {
  openReferralKey,
  packageAddress,
  unseal,
} from '../../server/modules/referrals/referral-crypto';
import { FICTIONAL_NOTE, PROVINCES } from '../../scripts/seed-demo/fictional';
import { seedDemo, type SeedDemoResult } from '../../scripts/seed-demo/seed';
import { DEMO_TEAM_NAME } from '../../scripts/seed-demo/world';
import { openTestDatabase, type TestDatabase } from '../helpers/database';
import { engine } from '../helpers/engine';
import { runScript, scriptSubject } from '../helpers/script-subject';

jest.setTimeout(300_000);

const CASES = 300;
const AS_OF = new Date('2026-06-15T10:00:00Z');
const DAY = 86_400_000;
const leadAgency = { name: DEVELOPMENT_LEAD_AGENCY_NAME, sector: 'social_protection' as const };

interface Seeded {
  t: TestDatabase;
  keyring: LocalKeyring;
  blindIndexKey: Buffer;
  result: SeedDemoResult;
}

async function seeded(cases: number, seed: number): Promise<Seeded> {
  const t = await openTestDatabase();
  const keyring = new LocalKeyring(new Map([[1, randomBytes(32)]]));
  const blindIndexKey = randomBytes(32);
  const result = await seedDemo(
    { store: t.store, keyring, blindIndexKey, leadAgency },
    { cases, seed, asOf: AS_OF, batchSize: 128 },
  );
  return { t, keyring, blindIndexKey, result };
}

const asSystem = <T>(s: Seeded, work: (trx: Transaction<DB>) => Promise<T>) =>
  inActorTransaction(s.t.store, SYSTEM_ACTOR, work);

const share = (part: number, whole: number) => part / whole;

let s: Seeded;
beforeAll(async () => {
  s = await seeded(CASES, 42);
});
afterAll(() => s?.t.close());

describe(`npm run seed-demo (${engine})`, () => {
  it('writes the cases, their keys, consents, referrals and history, counted', async () => {
    expect(s.result.cases).toBe(CASES);
    const counts = await asSystem(s, async (trx) => {
      const { rows } = await sql<Record<string, number>>`
        select (select count(*)::int from cases) as cases,
               (select count(*)::int from case_keys) as keys,
               (select count(*)::int from case_blind_indexes) as blind,
               (select count(*)::int from consents) as consents,
               (select count(*)::int from referrals) as referrals,
               (select count(*)::int from referral_keys) as referral_keys,
               (select count(*)::int from referral_consents) as referral_consents,
               (select count(*)::int from referral_events) as events,
               (select count(*)::int from notifications) as notifications,
               (select count(*)::int from mail_outbox) as mails,
               (select count(*)::int from teams where name = ${DEMO_TEAM_NAME}) as teams,
               (select count(*)::int from users where active) as active_users`.execute(trx);
      return rows[0]!;
    });
    expect(counts.cases).toBe(CASES);
    expect(counts.keys).toBe(CASES);
    expect(counts.blind).toBeGreaterThan(CASES);
    expect(counts.consents).toBe(s.result.consents);
    expect(counts.referrals).toBe(s.result.referrals);
    expect(counts.referral_keys).toBe(counts.referrals);
    expect(counts.referral_consents).toBe(counts.referrals);
    expect(counts.events).toBe(s.result.referralEvents);
    expect(counts.teams).toBe(1);
    // Demo accounts are disabled, and the seeded history notifies nobody.
    expect(counts.active_users).toBe(0);
    expect(counts.notifications).toBe(0);
    expect(counts.mails).toBe(0);
  });

  it('has plausible distributions for a municipality in Ecuador', async () => {
    const rows = await asSystem(s, (trx) =>
      trx
        .selectFrom('cases')
        .select([
          'sex',
          'age_band',
          'nationality',
          'migrant_status',
          'province',
          'exploitation_types',
          'vulnerability_groups',
          sql<string>`to_char(identified_on, 'YYYY-MM-DD')`.as('identified_on'),
        ])
        .execute(),
    );
    const count = (test: (r: (typeof rows)[number]) => boolean) => rows.filter(test).length;
    const minor = (band: string) => band === '0-11' || band === '12-17';
    expect(
      share(
        count((r) => r.sex === 'Female'),
        CASES,
      ),
    ).toBeGreaterThan(0.6);
    expect(
      share(
        count((r) => r.sex === 'Female'),
        CASES,
      ),
    ).toBeLessThan(0.8);
    expect(
      share(
        count((r) => minor(r.age_band)),
        CASES,
      ),
    ).toBeGreaterThan(0.2);
    expect(
      share(
        count((r) => minor(r.age_band)),
        CASES,
      ),
    ).toBeLessThan(0.4);
    const national = count((r) => r.nationality === 'EC');
    expect(share(national, CASES)).toBeGreaterThan(0.6);
    expect(share(national, CASES)).toBeLessThan(0.8);
    expect(count((r) => r.nationality === 'VE')).toBeGreaterThan(
      count((r) => r.nationality === 'PE'),
    );

    const forms = new Map<string, number>();
    for (const r of rows)
      for (const f of r.exploitation_types) forms.set(f, (forms.get(f) ?? 0) + 1);
    const ranked = [...forms].sort((a, b) => b[1] - a[1]).map(([form]) => form);
    expect(ranked.slice(0, 2)).toEqual(['SexualExploitation', 'ForcedLabour']);
    expect(forms.get('ForcedBegging') ?? 0).toBeGreaterThan(0);

    // Provinces: official names, the big ones first, and a few typed otherwise.
    const fold = (p: string) =>
      p
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
    const official = new Map(PROVINCES.map((p) => [fold(p.name), p.name]));
    const byProvince = new Map<string, number>();
    for (const r of rows) {
      if (r.province === null) continue;
      const name = official.get(fold(r.province));
      expect(name).toBeDefined();
      byProvince.set(name!, (byProvince.get(name!) ?? 0) + 1);
    }
    const top = [...byProvince].sort((a, b) => b[1] - a[1]).map(([p]) => p);
    expect(top.slice(0, 2).sort()).toEqual(['Guayas', 'Pichincha']);
    expect(
      count((r) => r.province !== null && !PROVINCES.some((p) => p.name === r.province)),
    ).toBeGreaterThan(0);

    // Identified over the four years before the reference date.
    const days = rows.map(
      (r) => (AS_OF.getTime() - Date.parse(`${r.identified_on}T00:00:00Z`)) / DAY,
    );
    expect(Math.min(...days)).toBeGreaterThan(0);
    expect(Math.max(...days)).toBeLessThanOrEqual(4 * 365 + 2);
    expect(count((r) => r.identified_on < '2023-06-15')).toBeGreaterThan(0);

    // Vulnerability groups agree with the rest of the record.
    for (const r of rows) {
      const groups = r.vulnerability_groups;
      if (r.sex === 'Female') expect(groups).toContain('woman');
      if (r.sex === 'Male') expect(groups).not.toContain('woman');
      expect(groups.includes('child_adolescent')).toBe(minor(r.age_band));
      expect(groups.includes('migrant')).toBe(r.nationality !== 'EC');
      expect(r.migrant_status === 'National').toBe(r.nationality === 'EC');
    }
    const other = rows.flatMap((r) => r.vulnerability_groups);
    expect(other).toContain('indigenous');
    expect(other).toContain('lgbti');
  });

  it('gives most cases a consent to statistics, some revoked, expired, superseded or pending', async () => {
    const facts = await asSystem(s, async (trx) => {
      const { rows } = await sql<Record<string, number>>`
        select
          (select count(distinct case_id)::int from consents
             where 'statistics' = any (purposes)) as with_statistics,
          (select count(*)::int from consent_events where kind = 'revoked') as revoked,
          (select count(*)::int from consents where valid_until < ${AS_OF}) as expired,
          (select count(*)::int from consents where supersedes_id is not null) as versions,
          (select count(*)::int from consents s join cases c on c.id = s.case_id
             where c.age_band in ('0-11', '12-17') and s.given_by = 'person') as minors_own,
          (select count(*)::int from consents s join cases c on c.id = s.case_id
             where c.age_band in ('0-11', '12-17')) as minors,
          (select count(*)::int from consent_events e join users u on u.id = e.actor_id
             where e.kind = 'approved' and u.role = 'supervisor') as approved_by_supervisor,
          (select count(*)::int from consent_events where kind = 'approved') as approved,
          (select count(*)::int from consents s
             where s.given_by <> 'person'
               and not exists (select 1 from consent_events e
                               where e.consent_id = s.id and e.kind = 'approved')) as pending`.execute(
        trx,
      );
      return rows[0]!;
    });
    expect(share(facts.with_statistics!, CASES)).toBeGreaterThan(0.75);
    expect(share(facts.with_statistics!, CASES)).toBeLessThan(0.95);
    expect(facts.revoked).toBeGreaterThan(0);
    expect(facts.expired).toBeGreaterThan(0);
    expect(facts.minors_own).toBe(0);
    expect(facts.minors).toBeGreaterThan(0);
    expect(facts.approved).toBeGreaterThan(0);
    expect(facts.approved_by_supervisor).toBe(facts.approved);
    expect(facts.versions).toBeGreaterThan(0);
  });

  it('gives referrals realistic histories and acknowledgement delays', async () => {
    const referrals = await asSystem(s, async (trx) => {
      const { rows } = await sql<{
        case_id: string;
        status: string;
        sector: string;
        package_closed_at: Date | null;
        first: string;
        last: string;
        ack_days: number | null;
      }>`
        select r.case_id, r.status, i.sector, r.package_closed_at,
               (select e.to_status from referral_events e where e.referral_id = r.id
                order by e.created_at, e.to_status = 'sent' desc limit 1) as first,
               (select e.to_status from referral_events e where e.referral_id = r.id
                order by e.created_at desc limit 1) as last,
               (select extract(epoch from min(e.created_at) - r.created_at) / 86400
                from referral_events e where e.referral_id = r.id
                  and e.to_status = 'acknowledged')::float8 as ack_days
        from referrals r join institutions i on i.id = r.institution_id`.execute(trx);
      return rows;
    });
    const perCase = new Map<string, number>();
    for (const r of referrals) perCase.set(r.case_id, (perCase.get(r.case_id) ?? 0) + 1);
    expect(Math.max(...perCase.values())).toBeLessThanOrEqual(6);
    expect(new Set(referrals.map((r) => r.sector)).size).toBeGreaterThanOrEqual(4);
    for (const r of referrals) {
      expect(r.first).toBe('sent');
      expect(r.last).toBe(r.status);
      if (['withdrawn', 'declined', 'expired'].includes(r.status)) {
        expect(r.package_closed_at).not.toBeNull();
      }
    }
    const acknowledged = referrals.filter((r) => r.ack_days !== null);
    const withinWeek = acknowledged.filter((r) => r.ack_days! <= 7).length;
    const withinMonth = acknowledged.filter((r) => r.ack_days! > 7 && r.ack_days! <= 30).length;
    expect(share(withinWeek, acknowledged.length)).toBeGreaterThan(0.7);
    expect(withinMonth).toBeGreaterThan(0);
    expect(referrals.filter((r) => r.status === 'expired').length).toBeGreaterThan(0);
    expect(new Set(referrals.map((r) => r.status)).size).toBeGreaterThanOrEqual(5);
  });

  it('encrypts every identifying field as the server does, with fictional values', async () => {
    const decrypted = await asSystem(s, async (trx) => {
      const ids = await trx.selectFrom('cases').select('id').execute();
      const out = [];
      for (const { id } of ids) {
        const row = (await findCase(trx, id))!;
        const key = await trx
          .selectFrom('case_keys')
          .select(['kek_version', 'wrapped_key'])
          .where('case_id', '=', id)
          .executeTakeFirstOrThrow();
        const dataKey = openCaseKey(s.keyring, id, {
          kekVersion: key.kek_version,
          wrapped: Buffer.from(key.wrapped_key),
        });
        out.push(decryptIdentity(dataKey, id, identityColumnsOf(row)));
      }
      return out;
    });
    expect(decrypted).toHaveLength(CASES);
    for (const identity of decrypted) {
      expect(identity.fullName.split(' ').length).toBeGreaterThanOrEqual(3);
      expect(identity.narrative).toContain(FICTIONAL_NOTE);
      if (identity.email) expect(identity.email).toMatch(/@(example\.org|[a-z.]+\.test)$/);
      if (identity.phone) expect(identity.phone).toMatch(/^\+593 00 \d{3} \d{4}$/);
      if (identity.documentNumber) expect(identity.documentNumber).toMatch(/^00/);
    }
    expect(decrypted.filter((i) => i.email).length).toBeGreaterThan(0);
    expect(decrypted.filter((i) => i.dateOfBirth).length).toBeGreaterThan(CASES * 0.9);

    // Open packages decrypt with their referral's own key.
    const packages = await asSystem(s, async (trx) => {
      const rows = await trx
        .selectFrom('referral_packages as p')
        .innerJoin('referral_keys as k', 'k.referral_id', 'p.referral_id')
        .select(['p.referral_id', 'p.content_enc', 'k.kek_version', 'k.wrapped_key'])
        .execute();
      return rows.map((r) => {
        const key = openReferralKey(s.keyring, r.referral_id, {
          kekVersion: r.kek_version,
          wrapped: Buffer.from(r.wrapped_key),
        });
        return JSON.parse(unseal(key, packageAddress(r.referral_id), r.content_enc)) as {
          minimal: { caseNumber: string };
        };
      });
    });
    expect(packages.length).toBeGreaterThan(0);
    for (const p of packages) expect(p.minimal.caseNumber).toMatch(/^TRT-\d{4}-\d{6,}$/);
  });

  it('is read by the server like any case: identity, consent statuses, referral history, package', async () => {
    const { caseworker, referral } = await asSystem(s, async (trx) => {
      const r = await trx
        .selectFrom('referrals as r')
        .innerJoin('cases as c', 'c.id', 'r.case_id')
        .innerJoin('referral_packages as p', 'p.referral_id', 'r.id')
        .select(['r.id', 'r.case_id', 'r.institution_id', 'c.assigned_to'])
        .where('r.status', 'in', ['acknowledged', 'accepted', 'in_progress'])
        .executeTakeFirstOrThrow();
      const lead = await trx
        .selectFrom('institutions')
        .select('id')
        .where('is_lead_agency', '=', true)
        .executeTakeFirstOrThrow();
      const partner = await trx
        .selectFrom('users')
        .select('id')
        .where('institution_id', '=', r.institution_id)
        .where('role', '=', 'partner')
        .executeTakeFirstOrThrow();
      return {
        caseworker: { id: r.assigned_to!, role: 'caseworker' as const, institutionId: lead.id },
        referral: { ...r, partner: partner.id },
      };
    });
    const clock = () => AS_OF;
    const deps = {
      store: s.t.store,
      keyring: s.keyring,
      blindIndexKey: s.blindIndexKey,
      clock,
      onRevoked: revocationEffects(clock),
    };
    const kase = await readCase(deps, caseworker, referral.case_id);
    expect(kase.identity?.narrative).toContain(FICTIONAL_NOTE);
    const consents = await listConsents(deps, caseworker, referral.case_id);
    expect(consents.length).toBeGreaterThan(0);
    const history = await readReferral(deps, caseworker, referral.id);
    expect(history.history?.[0]?.to).toBe('sent');
    const partner: StaffActor = {
      id: referral.partner,
      role: 'partner',
      institutionId: referral.institution_id,
    };
    const pack = await readPackage(deps, partner, referral.id);
    expect(JSON.stringify(pack)).toContain(kase.caseNumber);
  });

  it('records one audit event for the run', async () => {
    const events = await asSystem(s, (trx) =>
      trx
        .selectFrom('audit_events')
        .select(['action', 'actor_role'])
        .where('action', '=', 'demo.seed')
        .execute(),
    );
    expect(events).toEqual([{ action: 'demo.seed', actor_role: 'system' }]);
  });

  it('gives the same people and histories for the same seed, others for another', async () => {
    const dump = async (x: Seeded) =>
      asSystem(x, async (trx) => {
        const rows = await trx
          .selectFrom('cases as c')
          .innerJoin('case_keys as k', 'k.case_id', 'c.id')
          .selectAll('c')
          .select(['k.kek_version', 'k.wrapped_key'])
          .select(sql<string>`to_char(c.identified_on, 'YYYY-MM-DD')`.as('day'))
          .select(
            sql<string>`(select string_agg(s.given_by || ':' || array_to_string(s.purposes, ','), ';' order by s.version) from consents s where s.case_id = c.id)`.as(
              'consents',
            ),
          )
          .select(
            sql<string>`(select string_agg(r.status || ':' || r.urgency || ':' || array_to_string(r.services, ','), ';' order by r.created_at) from referrals r where r.case_id = c.id)`.as(
              'referrals',
            ),
          )
          .orderBy('c.identified_on')
          .orderBy('c.created_at')
          .execute();
        return rows.map((r) => {
          const key = openCaseKey(x.keyring, r.id, {
            kekVersion: r.kek_version,
            wrapped: Buffer.from(r.wrapped_key),
          });
          const identity = decryptIdentity(
            key,
            r.id,
            identityColumnsOf({ ...r, identified_on_text: r.day }),
          );
          return [
            r.day,
            r.sex,
            r.age_at_identification,
            r.nationality,
            r.province,
            r.exploitation_types,
            identity,
            r.consents,
            r.referrals,
          ];
        });
      });
    const a = await seeded(40, 7);
    const b = await seeded(40, 7);
    const c = await seeded(40, 8);
    try {
      const [da, db, dc] = [await dump(a), await dump(b), await dump(c)];
      expect(da).toHaveLength(40);
      expect(db).toEqual(da);
      expect(dc).not.toEqual(da);
    } finally {
      await Promise.all([a.t.close(), b.t.close(), c.t.close()]);
    }
  });
});

it('refuses to run in production', async () => {
  const subject = await scriptSubject();
  try {
    const refused = await runScript('scripts/seed-demo/index.ts', ['--cases', '5'], {
      ...subject.env,
      NODE_ENV: 'production',
    });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('NODE_ENV=production');
  } finally {
    await subject.cleanup();
  }
});
