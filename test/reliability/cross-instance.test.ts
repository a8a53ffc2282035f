/**
 * Three instances started at once on one PostgreSQL database, and a journey
 * whose steps are sent to chosen instances in turn (A, B, C), so that every
 * piece of state a step leaves — session, CSRF token, step-up, login
 * throttle, break-glass grant, logout — must be found by another process.
 * Then the audit chain, the start-up work done once, and the periodic jobs
 * run once per interval rather than once per instance.
 */
import { randomBytes } from 'node:crypto';
import { startCluster, type Cluster, type Instance } from './support/cluster';
import { expectStatus, Person } from './support/person';

/** Every periodic job every 2 s, so that a few seconds show whether they run once or three times. */
const JOB_SECONDS = 2;
const JOB_NAMES = [
  'session-purge',
  'referral-expiry',
  'overdue-referrals',
  'notification-purge',
  'mail-delivery',
  'audit-anchor',
];
/** mail-delivery is scheduled only when SMTP_URL is set; the cluster sends no mail. */
const SCHEDULED = JOB_NAMES.filter((name) => name !== 'mail-delivery');

let cluster: Cluster;
let A: Instance;
let B: Instance;
let C: Instance;
let admin: Person;

const strongPassword = () => `Kestrel-orbit-${randomBytes(8).toString('hex')}-lantern`;
const email = (who: string) => `${who}.${randomBytes(3).toString('hex')}@example.org`;

beforeAll(async () => {
  cluster = await startCluster({
    instances: 3,
    env: { JOB_INTERVALS: JOB_NAMES.map((name) => `${name}=${JOB_SECONDS}`).join(',') },
  });
  [A, B, C] = [cluster.instance(0), cluster.instance(1), cluster.instance(2)];

  // The first administrator, as an operator makes it.
  admin = new Person(email('admin'));
  const created = await cluster.runScript('scripts/create-admin.ts', [
    '--email',
    admin.email,
    '--json',
  ]);
  expect(created.code).toBe(0);
  const { password } = JSON.parse(created.stdout.trim().split('\n').pop() ?? '{}') as {
    password: string;
  };
  await admin.signIn([A, B, C], password, strongPassword());
});

afterAll(async () => {
  await cluster?.stop();
});

/**
 * An account the administrator creates (on `at`), signed in with its steps
 * spread over A, B and C — or not signed in when `signIn` is false.
 */
async function newAccount(
  at: Instance,
  who: string,
  fields: { role: string; teamId?: string; institutionId: string },
  signIn = true,
): Promise<{ person: Person; id: string; initialPassword: string }> {
  const person = new Person(email(who));
  const created = await admin.post<{ id: string; initialPassword: string }>(at, '/api/v1/users', {
    email: person.email,
    displayName: `Persona ${who}`,
    ...fields,
  });
  expectStatus(created, 201, `create ${who}`);
  if (signIn) await person.signIn([A, B, C], created.body.initialPassword, strongPassword());
  return { person, id: created.body.id, initialPassword: created.body.initialPassword };
}

describe('a journey across three instances', () => {
  let leadAgencyId: string;
  let hospitalId: string;
  let teamOne: string;
  let teamTwo: string;
  let ana: Person;
  let bruno: Person;
  let doctor: Person;
  let caseId: string;
  /** Accounts by name, for the audit assertions. */
  const ids: Record<string, string> = {};

  it('signs in with the password on one instance and the second factor on another', async () => {
    const person = new Person(admin.email);
    person.authenticator = admin.authenticator;
    await person.fetchCsrf(A);
    const login = await person.post<{ next: string }>(A, '/api/v1/auth/login', {
      email: admin.email,
      password: admin.password,
    });
    expectStatus(login, 200, 'password on A');
    expect(login.body.next).toBe('totp');
    // The pending login lives in the session row: B finds it.
    await person.fetchCsrf(B);
    const totp = await person.post(B, '/api/v1/auth/totp', { code: await person.code() });
    expectStatus(totp, 200, 'code on B');
    const me = await person.get<{ user: { email: string } }>(C, '/api/v1/auth/me');
    expectStatus(me, 200, '/me on C');
    expect(me.body.user.email).toBe(admin.email);
    admin = person;
  });

  it('lets the administrator set up teams, a partner institution and staff, step by step on different instances', async () => {
    const me = await admin.get<{ user: { id: string }; institution: { id: string } }>(
      A,
      '/api/v1/auth/me',
    );
    leadAgencyId = me.body.institution.id;
    ids.admin = me.body.user.id;
    await admin.fetchCsrf(A);
    const one = await admin.post<{ id: string }>(C, '/api/v1/teams', { name: 'Equipo Norte' });
    expectStatus(one, 201, 'team on C with the token from A');
    teamOne = one.body.id;
    const two = await admin.post<{ id: string }>(B, '/api/v1/teams', { name: 'Equipo Sur' });
    expectStatus(two, 201, 'team on B');
    teamTwo = two.body.id;
    const hospital = await admin.post<{ id: string }>(A, '/api/v1/institutions', {
      name: 'Hospital del Clúster',
      sector: 'health',
    });
    expectStatus(hospital, 201, 'institution on A');
    hospitalId = hospital.body.id;

    const made = {
      ana: await newAccount(B, 'ana', {
        role: 'caseworker',
        teamId: teamOne,
        institutionId: leadAgencyId,
      }),
      bruno: await newAccount(C, 'bruno', {
        role: 'caseworker',
        teamId: teamTwo,
        institutionId: leadAgencyId,
      }),
      doctor: await newAccount(A, 'doctor', { role: 'partner', institutionId: hospitalId }),
    };
    [ana, bruno, doctor] = [made.ana.person, made.bruno.person, made.doctor.person];
    for (const [name, account] of Object.entries(made)) ids[name] = account.id;
  });

  it('accepts a CSRF token fetched on one instance on another, and refuses a wrong one there', async () => {
    const token = await ana.fetchCsrf(A);
    const intake = await ana.post<{ case: { id: string } }>(A, '/api/v1/cases', {
      identifiedOn: '2026-11-17',
      riskLevel: 'high',
      identity: { fullName: 'Persona del clúster', healthNotes: 'Control médico' },
      attributes: { sex: 'Female', traffickingStatus: 'Actual', language: 'es' },
    });
    expectStatus(intake, 201, 'intake on A');
    caseId = intake.body.case.id;

    const read = await ana.get<{ identity: { fullName: string } }>(B, `/api/v1/cases/${caseId}`);
    expectStatus(read, 200, 'read on B');
    expect(read.body.identity.fullName).toBe('Persona del clúster');

    ana.csrf = 'not-the-token';
    const forged = await ana.post(C, `/api/v1/cases/${caseId}/notes`, { body: 'No debe quedar' });
    expect(forged.status).toBe(403);
    ana.csrf = token;
    const note = await ana.post(C, `/api/v1/cases/${caseId}/notes`, { body: 'Visita hecha' });
    expectStatus(note, 201, 'note on C with the token from A');
    const notes = await ana.get<{ items: { body: string }[] }>(A, `/api/v1/cases/${caseId}/notes`);
    expect(notes.body.items.map((n) => n.body)).toEqual(['Visita hecha']);
  });

  it('refers the case: consent on B, referral on C, the partner acknowledges on A and the sender sees it on B', async () => {
    const consent = await ana.post(B, `/api/v1/cases/${caseId}/consents`, {
      givenBy: 'person',
      method: 'written',
      givenAt: new Date(Date.now() - 60_000).toISOString(),
      purposes: ['service_referral', 'information_sharing'],
      scope: [{ sectors: ['health'], categories: ['minimal', 'health'] }],
    });
    expectStatus(consent, 201, 'consent on B');
    const referral = await ana.post<{ id: string }>(C, '/api/v1/referrals', {
      caseId,
      institutionId: hospitalId,
      services: ['medical_care'],
      urgency: 'priority',
      acknowledgeBy: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      categories: ['health'],
    });
    expectStatus(referral, 201, 'referral on C');
    const id = referral.body.id;

    const inbox = await doctor.get<{ items: { id: string }[] }>(A, '/api/v1/referrals');
    expect(inbox.body.items.map((item) => item.id)).toContain(id);
    const moved = await doctor.post(A, `/api/v1/referrals/${id}/transitions`, {
      to: 'acknowledged',
    });
    expectStatus(moved, 200, 'acknowledge on A');
    const seen = await ana.get<{ status: string }>(B, `/api/v1/referrals/${id}`);
    expect(seen.body.status).toBe('acknowledged');
  });

  it('honours a step-up made on one instance on another, and a break-glass grant everywhere until it expires', async () => {
    type Me = { session: { stepUpValidUntil: string } };
    const before = await bruno.get<Me>(C, '/api/v1/auth/me');
    const stepUp = await bruno.post<{ stepUpValidUntil: string }>(B, '/api/v1/auth/step-up', {
      code: await bruno.code(),
    });
    expectStatus(stepUp, 200, 'step-up on B');
    expect(Date.parse(stepUp.body.stepUpValidUntil)).toBeGreaterThan(
      Date.parse(before.body.session.stepUpValidUntil),
    );
    const after = await bruno.get<Me>(C, '/api/v1/auth/me');
    expect(after.body.session.stepUpValidUntil).toBe(stepUp.body.stepUpValidUntil);

    expect((await bruno.get(A, `/api/v1/cases/${caseId}`)).status).toBe(404);
    const grant = await bruno.post(C, `/api/v1/cases/${caseId}/break-glass`, {
      justification: 'Emergencia médica: la persona ingresó al hospital esta noche',
    });
    expectStatus(grant, 201, 'break-glass on C (needs the step-up made on B)');
    expect((await bruno.get(A, `/api/v1/cases/${caseId}`)).status).toBe(200);

    // Its window ends by itself: move its expiry into the past, as time would.
    await cluster.query(
      `update case_access_grants set expires_at = now() - interval '1 second' where case_id = $1`,
      [caseId],
    );
    expect((await bruno.get(B, `/api/v1/cases/${caseId}`)).status).toBe(404);
    expect((await bruno.get(A, `/api/v1/cases/${caseId}`)).status).toBe(404);
  });

  it('locks an account and address after the same number of failures spread over instances as on one', async () => {
    const attempts = async (person: Person, spread: readonly Instance[], password: string) => {
      await person.fetchCsrf(spread[0]!);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const answer = await person.post(spread[i % spread.length]!, '/api/v1/auth/login', {
          email: person.email,
          password: i < 10 ? `wrong-${i}` : password,
        });
        statuses.push(answer.status);
      }
      return statuses;
    };
    const spread = await newAccount(
      A,
      'carla',
      { role: 'caseworker', institutionId: leadAgencyId },
      false,
    );
    const single = await newAccount(
      B,
      'dora',
      { role: 'caseworker', institutionId: leadAgencyId },
      false,
    );
    [ids.carla, ids.dora] = [spread.id, single.id];
    const acrossThree = await attempts(spread.person, [A, B, C], spread.initialPassword);
    const onOne = await attempts(single.person, [B], single.initialPassword);
    // Ten wrong passwords answer 401; the eleventh try, right password and all, is refused.
    expect(acrossThree).toEqual([...Array<number>(10).fill(401), 429]);
    // (Without the lock the right password passes: a third account, same steps, no failures.)
    const control = await newAccount(
      C,
      'eva',
      { role: 'caseworker', institutionId: leadAgencyId },
      false,
    );
    await control.person.fetchCsrf(A);
    const passes = await control.person.post<{ next: string }>(B, '/api/v1/auth/login', {
      email: control.person.email,
      password: control.initialPassword,
    });
    expectStatus(passes, 200, 'the right password without a lock');
    expect(onOne).toEqual(acrossThree);
    const lockouts = await cluster.query<{ resource_id: string }>(
      `select resource_id from audit_events where action = 'auth.lockout' order by resource_id`,
    );
    expect(lockouts.map((row) => row.resource_id)).toEqual([spread.id, single.id].sort());
  });

  it('ends the session everywhere when it is signed out on one instance', async () => {
    expectStatus(await ana.get(B, '/api/v1/auth/me'), 200, '/me on B before');
    await ana.fetchCsrf(C);
    expect((await ana.post(A, '/api/v1/auth/logout')).status).toBe(204);
    expect((await ana.get(B, '/api/v1/auth/me')).status).toBe(401);
    expect((await ana.get(C, '/api/v1/auth/me')).status).toBe(401);
    expect((await ana.get(C, `/api/v1/cases/${caseId}`)).status).toBe(401);
  });

  it('leaves one audit chain, intact and holding every event of the journey', async () => {
    const verified = await cluster.runScript('scripts/verify-audit.ts');
    expect(verified.code).toBe(0);
    const summary = /Audit log intact: (\d+) events, last seq (\d+)/.exec(verified.stdout);
    expect(summary).not.toBeNull();
    const [events, lastSeq] = [Number(summary![1]), summary![2]!];
    const counted = await cluster.query<{ n: number; unsealed: number }>(
      `select count(*) filter (where seq <= $1::bigint)::int as n,
              count(*) filter (where seq is null)::int as unsealed
         from audit_events`,
      [lastSeq],
    );
    expect(counted[0]!.n).toBe(events);
    const byAction = await cluster.query<{ action: string; n: number }>(
      `select action, count(*)::int as n from audit_events
        where seq <= $1::bigint group by action order by action`,
      [lastSeq],
    );
    const count = Object.fromEntries(byAction.map((row) => [row.action, row.n]));
    expect(count).toMatchObject({
      'team.create': 2,
      // The lead agency (by whichever instance started first) and the hospital.
      'institution.create': 2,
      // The first administrator (create-admin) and the six the administrator created.
      'user.create': 7,
      'case.create': 1,
      'case.note.create': 1,
      'consent.create': 1,
      'referral.create': 1,
      'referral.transition': 1,
      'case.break_glass': 1,
      'auth.step_up': 1,
      'auth.lockout': 2,
      'auth.logout': 1,
    });
    const logins = await cluster.query<{ resource_id: string; n: number }>(
      `select resource_id, count(*)::int as n from audit_events
        where action = 'auth.login' and seq <= $1::bigint group by resource_id`,
      [lastSeq],
    );
    const name = (id: string) => Object.keys(ids).find((key) => ids[key] === id) ?? id;
    // The administrator signed in twice; ana, bruno and the doctor once each.
    expect(Object.fromEntries(logins.map((row) => [name(row.resource_id), row.n]))).toEqual({
      admin: 2,
      ana: 1,
      bruno: 1,
      doctor: 1,
    });
  });
});

describe('start-up and periodic work with three instances', () => {
  it('created the certificate authority and the lead agency once, though all three started together', async () => {
    const [authority] = await cluster.query<{ n: number }>(
      'select count(*)::int as n from certificate_authority',
    );
    expect(authority!.n).toBe(1);
    const [lead] = await cluster.query<{ n: number }>(
      'select count(*)::int as n from institutions where is_lead_agency',
    );
    expect(lead!.n).toBe(1);
  });

  // Needs the job runner and migration 0030 (scheduled_jobs) from branch i16-jobs.
  it('runs each periodic job once per interval, not once per instance', async () => {
    const read = () =>
      cluster.query<{ name: string; runs: number }>(
        'select name, runs::int as runs from scheduled_jobs order by name',
      );
    const before = new Map((await read()).map((row) => [row.name, row.runs]));
    const seconds = 7;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const after = await read();
    expect(after.map((row) => row.name).sort()).toEqual([...SCHEDULED].sort());
    const most = Math.ceil(seconds / JOB_SECONDS) + 1;
    for (const row of after) {
      const runs = row.runs - (before.get(row.name) ?? 0);
      // Three instances each running it would make about 3 × 7 / 2 ≈ 10.
      expect([row.name, runs > 0 && runs <= most]).toEqual([row.name, true]);
    }
  });
});
