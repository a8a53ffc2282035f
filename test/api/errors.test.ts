import request from 'supertest';
import { canary, leaks } from '../helpers/canary';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: `urn:amparo:problem:${code}` });
  expect(typeof res.body.title).toBe('string');
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
  expect(res.text).not.toMatch(/\bat .+:\d+:\d+\)?/); // no stack frames
}

describe('problem+json errors on the real app', () => {
  it('answers malformed JSON with 400 malformed_json and does not echo the body', async () => {
    const secret = canary();
    const res = await request(t.app)
      .post('/api/v1/openapi.json')
      .set('Content-Type', 'application/json')
      .send(`{"name": "${secret}", `);
    expectProblem(res, 400, 'malformed_json');
    expect(leaks(res.text, secret)).toBe(false);
    expect(leaks(t.logs.join('\n'), secret)).toBe(false);
  });

  it('answers an unknown API route with 404 not_found, without echoing the path', async () => {
    const secret = canary().replace(/ /g, '-');
    const res = await request(t.app).get(`/api/v1/${encodeURIComponent(secret)}?q=${secret}`);
    expectProblem(res, 404, 'not_found');
    expect(res.text).not.toContain(encodeURIComponent(secret));
    expect(leaks(t.logs.join('\n'), secret)).toBe(false);
    expect(leaks(t.logs.join('\n'), encodeURIComponent(secret))).toBe(false);
  });

  it('answers an unknown route outside the API with 404 problem+json', async () => {
    const res = await request(t.app).get('/no-such-page').set('Accept', 'application/json');
    expectProblem(res, 404, 'not_found');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await request(t.app)
      .post('/api/v1/openapi.json')
      .set('Content-Type', 'text/plain')
      .send('nombre=Ñandú');
    expectProblem(res, 415, 'unsupported_media_type');
  });

  // Found by the fuzzer (test/fuzz): both answered 500 internal_error.
  it.each([
    ['gzip', Buffer.from('{"a":1}')],
    ['deflate', Buffer.from('{"a":1}')],
    ['br', Buffer.from('{"a":1}')],
    ['gzip', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff])],
  ])('answers a body that is not the %s it claims with 400 bad_request', async (encoding, body) => {
    const res = await request(t.app)
      .post('/api/v1/openapi.json')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', encoding)
      .send(body);
    expectProblem(res, 400, 'bad_request');
    expect((await request(t.app).get('/healthz')).status).toBe(200);
  });

  it.each(['%zz', '%E0%A4%A', 'a%'])(
    'answers a path parameter that is not valid percent-encoding (%s) with 400 bad_request, unechoed',
    async (segment) => {
      const res = await request(t.app).get(`/api/v1/cases/${segment}`);
      expectProblem(res, 400, 'bad_request');
      expect(res.body.detail).toBe('The path is not valid percent-encoding.');
      expect(res.text).not.toContain(segment);
      expect(t.logs.join('\n')).not.toContain(segment);
    },
  );

  it('refuses a body over the limit with 413 and keeps serving', async () => {
    const res = await request(t.app)
      .post('/api/v1/openapi.json')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ narrative: 'x'.repeat(150 * 1024) }));
    expectProblem(res, 413, 'payload_too_large');
    expect((await request(t.app).get('/healthz')).status).toBe(200);
  });
});
