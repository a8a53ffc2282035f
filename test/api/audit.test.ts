import type { AuditEvent, AuditPage } from '../../server/modules/audit/audit.schemas';
import { startTestApp, type TestApp } from '../helpers/app';
import { engine } from '../helpers/engine';
import { SessionClient } from '../helpers/session-client';
import { asSuperuser } from '../helpers/superuser';
import { signedIn, type SeededUser } from '../helpers/users';

const LOG = '/api/v1/audit';
const VERIFY = '/api/v1/audit/verify';
const EVENT_KEYS = [
  'seq',
  'id',
  'occurredAt',
  'actorId',
  'actorRole',
  'institutionId',
  'action',
  'resourceType',
  'resourceId',
  'purpose',
  'outcome',
  'requestId',
  'uncatalogued',
].sort();

let t: TestApp;
let auditor: { user: SeededUser; client: SessionClient };
let admin: { user: SeededUser; client: SessionClient };
let caseworker: { user: SeededUser; client: SessionClient };

beforeAll(async () => {
  t = await startTestApp();
  auditor = await signedIn(t, 'auditor');
  admin = await signedIn(t, 'admin');
  caseworker = await signedIn(t, 'caseworker');
});
afterAll(() => t.close());

async function search(query: Record<string, string> = {}): Promise<AuditPage> {
  const res = await auditor.client.get(`${LOG}?${new URLSearchParams(query).toString()}`);
  expect(res.status).toBe(200);
  return res.body as AuditPage;
}

/** Follows nextCursor to the end; returns every page. */
async function allPages(query: Record<string, string>): Promise<AuditEvent[][]> {
  const pages: AuditEvent[][] = [];
  let cursor: string | null = null;
  do {
    const page: AuditPage = await search(cursor === null ? query : { ...query, cursor });
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}

const seqs = (items: AuditEvent[]) => items.map((e) => BigInt(e.seq));
const isDescending = (values: bigint[]) => values.every((v, i) => i === 0 || values[i - 1]! > v);

describe(`GET ${LOG} and ${VERIFY} (${engine})`, () => {
  describe('access', () => {
    it.each([LOG, VERIFY])('%s answers 401 without a session', async (path) => {
      const res = await new SessionClient(t.app, t.clock).get(path);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('unauthenticated');
    });

    it.each([
      ['admin', LOG],
      ['admin', VERIFY],
      ['caseworker', LOG],
      ['caseworker', VERIFY],
    ] as const)('%s on %s: 403, and the denial is audited', async (role, path) => {
      const who = role === 'admin' ? admin : caseworker;
      const res = await who.client.get(`${path}?action=auth.login`);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
      const denials = await search({ actorId: who.user.id, action: 'access.denied' });
      expect(denials.items[0]).toMatchObject({
        actorId: who.user.id,
        actorRole: role,
        outcome: 'denied',
        resourceType: 'endpoint',
        // The separator between method and route is the access module's choice.
        resourceId: expect.stringMatching(new RegExp(`^GET[ :]${path}/?$`)),
        requestId: res.headers['x-request-id'],
      });
    });
  });

  describe('validation', () => {
    const garbage = Buffer.from('12a', 'utf8').toString('base64url');
    it.each([
      ['actorId', { actorId: 'not-a-uuid' }],
      ['action', { action: 'auth.%' }],
      ['action', { action: 'Auth.Login' }],
      ['outcome', { outcome: 'maybe' }],
      ['from', { from: 'yesterday' }],
      ['to', { to: '2026-01-01' }],
      ['to', { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }],
      ['limit', { limit: '0' }],
      ['limit', { limit: '1000' }],
      ['limit', { limit: 'ten' }],
      ['cursor', { cursor: '!!!' }],
      ['cursor', { cursor: garbage }],
      ['cursor', { cursor: Buffer.from('0').toString('base64url') }],
      ['resourceType', { resourceType: 'Case Files' }],
    ])('400 naming query.%s', async (field, query) => {
      const res = await auditor.client.get(`${LOG}?${new URLSearchParams(query).toString()}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: `query.${field}` })]);
    });

    it('400 on an unknown filter or a repeated one', async () => {
      const unknown = await auditor.client.get(`${LOG}?actor=x`);
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'query' })]);
      const repeated = await auditor.client.get(`${LOG}?outcome=success&outcome=denied`);
      expect(repeated.status).toBe(400);
      expect(repeated.body.errors).toEqual([expect.objectContaining({ path: 'query.outcome' })]);
    });
  });

  describe('search', () => {
    it('finds the auth.login event of each signed-in user, without the chain hashes', async () => {
      for (const { user } of [auditor, admin, caseworker]) {
        const page = await search({ actorId: user.id, action: 'auth.login' });
        expect(page.nextCursor).toBeNull();
        expect(page.items).toHaveLength(1);
        expect(page.items[0]).toMatchObject({
          actorId: user.id,
          actorRole: user.role,
          institutionId: user.institutionId,
          action: 'auth.login',
          resourceType: 'user',
          resourceId: user.id,
          outcome: 'success',
        });
      }
      const res = await auditor.client.get(`${LOG}?limit=500`);
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/hash/i);
      for (const item of (res.body as AuditPage).items) {
        expect(Object.keys(item).sort()).toEqual(EVENT_KEYS);
      }
    });

    it('filters by action prefix, outcome and resource, as the whole log filtered by hand', async () => {
      const log = (await search({ limit: '500' })).items;
      expect(log.length).toBeLessThan(500);
      const where = (keep: (e: AuditEvent) => boolean) => log.filter(keep);

      const auth = await search({ action: 'auth.*', limit: '500' });
      expect(auth.items).toEqual(where((e) => e.action?.startsWith('auth.') === true));
      expect(auth.items.map((e) => e.action)).toEqual(
        expect.arrayContaining(['auth.password', 'auth.mfa.enrol', 'auth.login']),
      );
      const mfa = await search({ action: 'auth.mfa.*', limit: '500' });
      expect(mfa.items).toEqual(where((e) => e.action?.startsWith('auth.mfa.') === true));
      expect(mfa.items.length).toBeGreaterThan(0);
      // A prefix covers the codes under it, not the code itself.
      expect((await search({ action: 'auth.login.*' })).items).toEqual([]);

      const denied = await search({ outcome: 'denied', limit: '500' });
      expect(denied.items).toEqual(where((e) => e.outcome === 'denied'));
      expect(denied.items.length).toBeGreaterThan(0);

      const aboutAdmin = await search({ resourceType: 'user', resourceId: admin.user.id });
      expect(aboutAdmin.items).toEqual(
        where((e) => e.resourceType === 'user' && e.resourceId === admin.user.id),
      );
      expect(aboutAdmin.items.length).toBeGreaterThan(1);
    });

    it('filters by time: from inclusive, to exclusive', async () => {
      const [login] = (await search({ actorId: admin.user.id, action: 'auth.login' })).items;
      const at = new Date(login!.occurredAt);
      const justAfter = new Date(at.getTime() + 1).toISOString();
      const within = await search({
        actorId: admin.user.id,
        from: at.toISOString(),
        to: justAfter,
      });
      expect(within.items.map((e) => e.id)).toContain(login!.id);
      const before = await search({ actorId: admin.user.id, to: at.toISOString() });
      expect(before.items.map((e) => e.id)).not.toContain(login!.id);
      const after = await search({ actorId: admin.user.id, from: justAfter });
      expect(after.items.map((e) => e.id)).not.toContain(login!.id);
      // An offset is the same instant.
      const offset = new Date(at.getTime() + 5 * 3600_000 + 1).toISOString().replace('Z', '+05:00');
      const sameInstant = await search({
        actorId: admin.user.id,
        from: at.toISOString(),
        to: offset,
      });
      expect(sameInstant.items.map((e) => e.id)).toContain(login!.id);
    });

    it('pages through every event once, newest first', async () => {
      const whole = await search({ action: 'auth.*', limit: '500' });
      expect(whole.nextCursor).toBeNull();
      expect(whole.items.length).toBeGreaterThan(7);
      expect(isDescending(seqs(whole.items))).toBe(true);

      const pages = await allPages({ action: 'auth.*', limit: '3' });
      expect(pages.length).toBe(Math.ceil(whole.items.length / 3));
      expect(pages.every((p) => p.length > 0 && p.length <= 3)).toBe(true);
      expect(pages.flat()).toEqual(whole.items);
    });

    it('records each search as audit.read, in the same request', async () => {
      const res = await auditor.client.get(`${LOG}?action=auth.login`);
      expect(res.status).toBe(200);
      const reads = await search({ actorId: auditor.user.id, action: 'audit.read', limit: '500' });
      expect(reads.items).toContainEqual(
        expect.objectContaining({
          actorRole: 'auditor',
          outcome: 'success',
          requestId: res.headers['x-request-id'],
        }),
      );
      // Every successful search of this file so far wrote one (this one's own is not in it yet).
      expect(reads.items.length).toBeGreaterThan(10);
    });
  });

  describe('verify', () => {
    it('reports an untouched log as intact, and records audit.verify', async () => {
      const res = await auditor.client.get(VERIFY);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ok: true,
        events: expect.any(Number),
        lastSeq: expect.any(String),
        unsealed: 0,
      });
      expect(res.body.events).toBe(Number(res.body.lastSeq));
      const [verified] = (await search({ action: 'audit.verify' })).items;
      expect(verified).toMatchObject({
        actorId: auditor.user.id,
        outcome: 'success',
        requestId: res.headers['x-request-id'],
      });
    });

    it('succeeds while other audited use cases commit and are sealed', async () => {
      const writers = Array.from({ length: 10 }, () => admin.client.get('/api/v1/audit'));
      const [res, ...denied] = await Promise.all([auditor.client.get(VERIFY), ...writers]);
      expect(denied.every((d) => d.status === 403)).toBe(true); // each wrote an audit event
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true });
    });

    describe('after tampering through a privileged connection', () => {
      let victim: AuditEvent;
      beforeAll(async () => {
        const auth = await search({ action: 'auth.*', limit: '500' });
        victim = auth.items[Math.floor(auth.items.length / 2)]!;
      });

      it('names a modified event', async () => {
        await asSuperuser(
          t.database,
          `update audit_events set action = 'auth.logout' where seq = ${victim.seq}`,
        );
        const res = await auditor.client.get(VERIFY);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          ok: false,
          problem: 'modified',
          firstBadSeq: victim.seq,
          firstBadId: victim.id,
          events: Number(victim.seq) - 1,
        });
        await asSuperuser(
          t.database,
          `update audit_events set action = '${victim.action}' where seq = ${victim.seq}`,
        );
        expect((await auditor.client.get(VERIFY)).body.ok).toBe(true);
      });

      it('names a deleted event', async () => {
        await asSuperuser(t.database, `delete from audit_events where seq = ${victim.seq}`);
        const res = await auditor.client.get(VERIFY);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          ok: false,
          problem: 'deleted',
          firstBadSeq: victim.seq,
          firstBadId: null,
        });
        // The search still works, and shows the gap.
        const around = await search({ action: 'auth.*', limit: '500' });
        expect(around.items.map((e) => e.seq)).not.toContain(victim.seq);
      });
    });
  });
});

/** Until a session waits for a lock on audit_events (the verify request, held by the test). */
