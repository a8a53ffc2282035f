import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('GET /api/v1/openapi.json', () => {
  it('publishes an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const res = await request(t.app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/api/v1/openapi.json']),
    );
    expect(res.body.paths['/readyz'].get.responses['503'].content).toHaveProperty(
      'application/problem+json',
    );
    const schemas = res.body.components.schemas;
    expect(schemas.Problem.required).toEqual(['type', 'title', 'status', 'code']);
    expect(schemas.InstitutionSector.enum).toContain('social_protection');
    expect(schemas.CreateInstitution.additionalProperties).toBe(false);
  });

  it('documents the consent, referral and certificate contract', async () => {
    const res = await request(t.app).get('/api/v1/openapi.json');
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented).toEqual(
      expect.arrayContaining([
        'GET /api/v1/cases/{id}/consents',
        'POST /api/v1/cases/{id}/consents',
        'POST /api/v1/consents/{id}/revoke',
        'POST /api/v1/consents/{id}/approve',
        'GET /api/v1/referrals',
        'POST /api/v1/referrals',
        'GET /api/v1/referrals/{id}',
        'POST /api/v1/referrals/{id}/transitions',
        'GET /api/v1/referrals/{id}/package',
        'GET /api/v1/referrals/{id}/package.p7m',
        'POST /api/v1/institutions/{id}/certificates',
        'GET /api/v1/institutions/{id}/certificates',
        'POST /api/v1/certificates/{id}/revoke',
        'GET /api/v1/reviews',
      ]),
    );
  });
});
