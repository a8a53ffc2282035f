import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/app';

const API_CSP = "default-src 'none';frame-ancestors 'none'";
const CLIENT_CSP =
  "default-src 'self';script-src 'self';" +
  "style-src 'self' 'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o=' " +
  "'sha256-gYiS/BvZvRcK27JIXTuwhZ3hs2+VJ1X+2gUlE+farlg=';img-src 'self' data:;" +
  "object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";

let t: TestApp;
let clientDir: string;
beforeAll(async () => {
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-client-'));
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Amparo</title>');
  t = await startTestApp({
    clientDir,
    config: { serveClient: true },
  });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

function expectCommonHeaders(res: request.Response) {
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
}

describe('security headers', () => {
  it.each(['/api/v1/openapi.json', '/api/v1/nothing-here', '/readyz', '/healthz'])(
    '%s: API CSP, no-store, no X-Powered-By',
    async (url) => {
      const res = await request(t.app).get(url);
      expectCommonHeaders(res);
      expect(res.headers['content-security-policy']).toBe(API_CSP);
      expect(res.headers['cache-control']).toBe('no-store');
    },
  );

  it('serves client pages with the client CSP and frame-ancestors none', async () => {
    const res = await request(t.app).get('/casos/nuevo').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expectCommonHeaders(res);
    expect(res.headers['content-security-policy']).toBe(CLIENT_CSP);
    // A page can show a one-time secret: not stored, not kept for the Back button.
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each([
    '/observatorio',
    '/observatorio/',
    '/observatorio/metodo',
    '/observatorio/0b8f6a9e-2f0c-4d7e-9a43-0f1f5d8c9b11',
  ])('%s: the public observatory page may be cached for five minutes, same CSP', async (url) => {
    const res = await request(t.app).get(url).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expectCommonHeaders(res);
    expect(res.headers['content-security-policy']).toBe(CLIENT_CSP);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });

  it.each(['/observatorios', '/statistics', '/x/observatorio', '/'])(
    '%s: every other page stays no-store',
    async (url) => {
      const res = await request(t.app).get(url).set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    },
  );

  it('keeps the no-store and API CSP on error responses', async () => {
    const res = await request(t.app)
      .post('/api/v1/openapi.json')
      .set('Content-Type', 'application/json')
      .send('{');
    expect(res.status).toBe(400);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBe(API_CSP);
  });

  it('reuses a caller request id only when it is a UUID', async () => {
    const id = '0b8f6a9e-2f0c-4d7e-9a43-0f1f5d8c9b11';
    expect(
      (await request(t.app).get('/healthz').set('X-Request-Id', id)).headers['x-request-id'],
    ).toBe(id);
    const forged = await request(t.app).get('/healthz').set('X-Request-Id', 'Ñandú Pérez');
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('security headers without the web client (SERVE_CLIENT=false)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ config: { serveClient: false } });
  });
  afterAll(() => api.close());

  // Found by wapiti (npm run scan): `/` answered its 404 with no CSP, nosniff, frame or HSTS header.
  it.each(['/', '/index.html', '/casos/nuevo'])(
    '%s: the 404 carries the API headers',
    async (url) => {
      const res = await request(api.app).get(url).set('Accept', 'text/html');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectCommonHeaders(res);
      expect(res.headers['content-security-policy']).toBe(API_CSP);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers['cache-control']).toBe('no-store');
    },
  );
});
