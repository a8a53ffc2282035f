import request from 'supertest';
import { canary, leaks } from '../helpers/canary';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('request log', () => {
  it('writes one allow-listed line per request: no URL, query, headers, cookies or body', async () => {
    const secret = canary();
    const res = await request(t.app)
      .get(`/readyz?nombre=${encodeURIComponent(secret)}`)
      .set('Cookie', `sid=${encodeURIComponent(secret)}`)
      .set('Authorization', `Bearer ${encodeURIComponent(secret)}`);
    expect(res.status).toBe(200);

    const lines = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const line = lines.find((l) => l.reqId === res.headers['x-request-id']);
    expect(line).toBeDefined();
    expect(Object.keys(line!).sort()).toEqual(
      ['level', 'msg', 'req', 'reqId', 'res', 'responseTime', 'route', 'service', 'time'].sort(),
    );
    expect(line).toMatchObject({
      req: { method: 'GET' },
      res: { statusCode: 200 },
      route: '/readyz',
      msg: 'request completed',
    });
    expect(typeof line!.responseTime).toBe('number');
    const all = t.logs.join('\n');
    expect(leaks(all, secret)).toBe(false);
    expect(all).not.toContain(encodeURIComponent(secret));
  });

  it('names the route template, not the path, for API routes', async () => {
    const res = await request(t.app).get('/api/v1/openapi.json');
    const line = t.logs
      .map((l) => JSON.parse(l) as { reqId?: string; route?: string })
      .find((l) => l.reqId === res.headers['x-request-id']);
    expect(line?.route).toBe('/api/v1/openapi.json');
  });
});
