import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/app';

/**
 * The web client's types are generated from the API's OpenAPI document. The
 * committed document must be the one the server serves, and the committed
 * types what openapi-typescript makes of it: otherwise the client compiles
 * against an API that does not exist.
 */
const ROOT = path.resolve(__dirname, '../..');
const DOCUMENT = path.join(ROOT, 'client/src/api/openapi.json');
const TYPES = path.join(ROOT, 'client/src/api/schema.d.ts');
const CLI = path.join(ROOT, 'node_modules/.bin/openapi-typescript');
const FIX =
  'Run `npm run api:types` and commit client/src/api/openapi.json and client/src/api/schema.d.ts.';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Document = {
  paths?: Record<string, object>;
  components?: { schemas?: Record<string, object> };
};

/** What differs, by operation and schema name, so the message says where to look. */
function differences(served: Document, committed: Document): string[] {
  const changed = (a: Record<string, object> = {}, b: Record<string, object> = {}) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
      (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
    );
  const paths = changed(served.paths, committed.paths).map((p) => `path ${p}`);
  const schemas = changed(served.components?.schemas, committed.components?.schemas).map(
    (s) => `schema ${s}`,
  );
  const found = [...paths, ...schemas];
  return found.length > 0 ? found : ['(elsewhere in the document)'];
}

describe('the client API contract', () => {
  it('commits the OpenAPI document the server serves', async () => {
    const res = await request(t.app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const served = res.body as Document;
    const committed = JSON.parse(fs.readFileSync(DOCUMENT, 'utf8')) as Document;
    if (JSON.stringify(served) !== JSON.stringify(committed)) {
      throw new Error(
        `client/src/api/openapi.json differs from GET /api/v1/openapi.json: ` +
          `${differences(served, committed).slice(0, 20).join(', ')}. ${FIX}`,
      );
    }
  });

  it('commits the types openapi-typescript generates from that document', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-api-types-'));
    try {
      const generated = path.join(dir, 'schema.d.ts');
      // openapi-typescript is ESM: run its CLI rather than importing it into jest.
      execFileSync(CLI, [DOCUMENT, '-o', generated], { cwd: ROOT, stdio: 'pipe', timeout: 60_000 });
      if (fs.readFileSync(generated, 'utf8') !== fs.readFileSync(TYPES, 'utf8')) {
        throw new Error(
          'client/src/api/schema.d.ts is not what openapi-typescript generates from ' +
            `client/src/api/openapi.json. ${FIX}`,
        );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
