import request from 'supertest';
import { buildApp } from '../../server/app';
import { loadMigrationFiles } from '../../server/db/migrator';
import { createLogger } from '../../server/http/logger';
import { startTestApp, TEST_CONFIG, testKeyring, testSecrets, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const appExpecting = (migrations: ReturnType<typeof loadMigrationFiles>) =>
  buildApp({
    database: t.database,
    logger: createLogger('silent'),
    config: TEST_CONFIG,
    secrets: testSecrets(t.database),
    keyring: testKeyring(),
    migrations,
  });

describe('health', () => {
  it('GET /healthz answers 200 while the process is up', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 when the database answers and migrations are current', async () => {
    const res = await request(t.app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
  });

  it('GET /readyz answers 503 when the code expects a migration the database lacks', async () => {
    const files = loadMigrationFiles();
    const next = String(files.length + 1).padStart(4, '0');
    const withPending = [...files, { version: next, name: 'future', checksum: 'x', sql: '' }];
    const res = await request(appExpecting(withPending)).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'not_ready' });
    expect(res.body.detail).toContain('pending');
  });

  it('GET /readyz answers 503 when an applied migration was edited afterwards', async () => {
    const edited = loadMigrationFiles().map((file) => ({ ...file, checksum: 'edited' }));
    const res = await request(appExpecting(edited)).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.detail).toContain('changed');
  });
});

describe('health without a database', () => {
  it('GET /readyz answers 503 and /healthz 200 once the database is gone', async () => {
    const gone = await startTestApp();
    await gone.database.close();
    const ready = await request(gone.app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      code: 'not_ready',
      detail: 'The database does not answer.',
    });
    expect((await request(gone.app).get('/healthz')).status).toBe(200);
  });
});
