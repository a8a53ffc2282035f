import express from 'express';
import request from 'supertest';
import { canary, leaks } from '../../test/helpers/canary';
import { CreateInstitution } from '../modules/institutions';
import { errorHandler } from './error-handler';
import { httpLogger } from './http-logger';
import { createLogger } from './logger';
import { createRouter } from './router';
import { validate } from './validate';

/** The shared middleware chain (logger → JSON → validate → error handler) around a real schema. */
function appWith(logs: string[]) {
  const app = express();
  app.use(httpLogger(createLogger('info', { write: (line: string) => void logs.push(line) })));
  app.use(express.json());
  const router = createRouter();
  router.post('/institutions', validate({ body: CreateInstitution }), (req, res) => {
    res.status(201).json(req.body);
  });
  router.get('/boom', () => {
    throw new Error(`database said: duplicate key value (email)=(${secret})`);
  });
  app.use('/api/v1', router);
  app.use(errorHandler);
  return app;
}

const secret = canary();

interface LogLine {
  level: number;
  route?: string;
  res?: { statusCode: number };
  err: { type: string; stack: string };
}

describe('validate', () => {
  it('answers 400 validation_failed listing every invalid field path, echoing no value', async () => {
    const logs: string[] = [];
    const res = await request(appWith(logs))
      .post('/api/v1/institutions')
      .send({ name: 'x', sector: secret, contact: { email: secret }, [secret]: secret });

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['body', 'body.contact.email', 'body.name', 'body.sector']);
    expect(leaks(res.text, secret)).toBe(false);
    expect(leaks(logs.join('\n'), secret)).toBe(false);
  });

  it('reports a missing required field by its path', async () => {
    const res = await request(appWith([])).post('/api/v1/institutions').send({ name: 'Fiscalía' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'body.sector', code: 'invalid_value' }),
    ]);
  });

  it('passes the parsed value (defaults applied) to the handler', async () => {
    const res = await request(appWith([]))
      .post('/api/v1/institutions')
      .send({ name: '  Hospital General ', sector: 'health' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      name: 'Hospital General',
      sector: 'health',
      isLeadAgency: false,
      contact: {},
    });
  });
});

describe('unexpected errors', () => {
  it('answer 500 with a generic message and the request id; the log has no message or data', async () => {
    const logs: string[] = [];
    const res = await request(appWith(logs)).get('/api/v1/boom');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'internal_error', status: 500 });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(res.text).not.toContain('duplicate key');
    expect(res.text).not.toContain('validate.test');
    expect(leaks(res.text, secret)).toBe(false);

    const line = logs.map((l) => JSON.parse(l) as LogLine).find((l) => l.res?.statusCode === 500);
    expect(line).toMatchObject({ level: 50, route: '/api/v1/boom', err: { type: 'Error' } });
    expect(line?.err.stack).toContain('validate.test');
    expect(leaks(logs.join('\n'), secret)).toBe(false);
    expect(logs.join('\n')).not.toContain('duplicate key');
  });
});
