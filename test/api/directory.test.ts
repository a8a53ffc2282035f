import { sql } from 'kysely';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { startTestApp, type TestApp } from '../helpers/app';
import { newCase } from '../helpers/referrals';
import { SessionClient } from '../helpers/session-client';
import {
  auditEvents,
  createTeam,
  partnerInstitutionId,
  seedUser,
  signedIn,
  type SeededUser,
} from '../helpers/users';

/** GET /api/v1/directory: the lead agency's teams and its active caseworkers and supervisors. */
type Staff = {
  id: string;
  displayName: string;
  role: string;
  teamId: string | null;
  assignable: boolean;
};
type Directory = { teams: { id: string; name: string }[]; staff: Staff[] };

let t: TestApp;
let teamA: string;
let teamB: string;
let worker: Awaited<ReturnType<typeof signedIn>>;
let supervisor: Awaited<ReturnType<typeof signedIn>>;
let inTeamB: SeededUser;
let noTeam: SeededUser;
let inactive: SeededUser;
const excluded: SeededUser[] = [];

beforeAll(async () => {
  t = await startTestApp();
  teamA = await createTeam(t, 'Equipo Directorio A');
  teamB = await createTeam(t, 'Equipo Directorio B');
  worker = await signedIn(t, 'caseworker', { teamId: teamA });
  supervisor = await signedIn(t, 'supervisor', { teamId: teamA });
  inTeamB = await seedUser(t, 'caseworker', { teamId: teamB });
  noTeam = await seedUser(t, 'caseworker');
  inactive = await seedUser(t, 'caseworker', { teamId: teamA });
  await inActorTransaction(t.database.store, SYSTEM_ACTOR, (trx) =>
    trx.updateTable('users').set({ active: false }).where('id', '=', inactive.id).execute(),
  );
  const partners = await partnerInstitutionId(t);
  for (const role of ['admin', 'auditor', 'coordinator'] as const) {
    excluded.push(await seedUser(t, role));
  }
  excluded.push(await seedUser(t, 'partner', { institutionId: partners }));
  // A case role outside the lead agency is not the lead agency's staff.
  excluded.push(await seedUser(t, 'caseworker', { institutionId: partners, teamId: teamA }));
});
afterAll(() => t.close());

const directory = async (client: SessionClient) => {
  const res = await client.get('/api/v1/directory');
  expect(res.status).toBe(200);
  return res.body as Directory;
};

describe('GET /api/v1/directory', () => {
  it("lists the lead agency's teams and active caseworkers and supervisors, never an email", async () => {
    for (const who of [worker, supervisor]) {
      const res = await who.client.get('/api/v1/directory');
      expect(res.status).toBe(200);
      const body = res.body as Directory;
      expect(body.teams).toEqual(
        expect.arrayContaining([
          { id: teamA, name: 'Equipo Directorio A' },
          { id: teamB, name: 'Equipo Directorio B' },
        ]),
      );
      const byId = new Map(body.staff.map((s) => [s.id, s]));
      expect(byId.get(worker.user.id)).toEqual({
        id: worker.user.id,
        displayName: 'Test caseworker',
        role: 'caseworker',
        teamId: teamA,
        assignable: true,
      });
      expect(byId.get(supervisor.user.id)).toMatchObject({
        role: 'supervisor',
        teamId: teamA,
        assignable: false,
      });
      expect(byId.get(inTeamB.id)).toMatchObject({ teamId: teamB, assignable: true });
      expect(byId.get(noTeam.id)).toMatchObject({ teamId: null, assignable: false });
      for (const gone of [inactive, ...excluded]) expect(byId.has(gone.id)).toBe(false);
      expect(new Set(body.staff.map((s) => s.role))).toEqual(new Set(['caseworker', 'supervisor']));
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/@|email|password/i);
    }
  });

  it('says who may be assigned a case, as assigning does', async () => {
    const caseId = await newCase(worker.client);
    const { staff } = await directory(supervisor.client);
    const picked = staff
      .filter((s) => [inTeamB.id, noTeam.id, supervisor.user.id].includes(s.id))
      .sort((a, b) => Number(a.assignable) - Number(b.assignable));
    expect(picked.map((s) => s.assignable)).toEqual([false, false, true]);
    for (const member of picked) {
      const res = await supervisor.client.post(`/api/v1/cases/${caseId}/assign`, {
        assignedTo: member.id,
      });
      if (member.assignable) {
        expect(res.status).toBe(200);
        continue;
      }
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        errors: [expect.objectContaining({ code: 'not_an_assignable_caseworker' })],
      });
    }
  });

  it('is one transaction and writes no audit row', async () => {
    const before = (await auditEvents(t)).length;
    const { result, statements } = await t.database.recordStatements(() =>
      worker.client.get('/api/v1/directory'),
    );
    expect(result.status).toBe(200);
    expect(statements.filter((s) => /^begin\b/i.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /audit_events/.test(s))).toHaveLength(0);
    expect((await auditEvents(t)).length).toBe(before);
  });

  it('answers 401 without a session, 403 to other roles, 400 to a query', async () => {
    const anonymous = new SessionClient(t.app, t.clock);
    await anonymous.refreshCsrf();
    expect((await anonymous.get('/api/v1/directory')).status).toBe(401);
    for (const role of ['admin', 'partner', 'coordinator', 'auditor'] as const) {
      const { client } = await signedIn(t, role);
      const res = await client.get('/api/v1/directory');
      expect([role, res.status]).toEqual([role, 403]);
      expect(res.body).toMatchObject({ code: 'forbidden' });
    }
    const res = await worker.client.get('/api/v1/directory?teamId=x');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ errors: [expect.objectContaining({ path: 'query' })] });
  });

  it('refuses in SQL too: staff_directory() is for caseworkers and supervisors only', async () => {
    for (const actor of excluded.slice(0, 4)) {
      await expect(
        inActorTransaction(
          t.database.store,
          { id: actor.id, role: actor.role, institutionId: actor.institutionId },
          (trx) => sql`select * from staff_directory()`.execute(trx),
        ),
      ).rejects.toThrow(/staff directory/);
    }
  });
});
