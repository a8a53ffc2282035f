import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import {
  Certificate,
  IssueCertificate,
  IssuedCertificate,
  RevokeCertificate,
} from './certificates.schemas';

const idParams = z.object({ id: Id });

export function registerCertificatesOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/institutions/{id}/certificates',
    summary: "The institution's client certificates, newest first (admin)",
    request: { params: idParams },
    responses: {
      200: {
        description: 'Certificates',
        ...jsonContent(z.object({ items: z.array(Certificate) })),
      },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/institutions/{id}/certificates',
    summary:
      'Issue a client certificate from the internal CA (admin, step-up): from a CSR, or with a ' +
      'generated key returned once as a password-protected PKCS#12 bundle (base64)',
    request: { params: idParams, body: jsonContent(IssueCertificate) },
    responses: {
      201: { description: 'The certificate', ...jsonContent(IssuedCertificate) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/certificates/{id}/revoke',
    summary: 'Revoke a certificate: refused for mutual TLS and for packages from then on',
    request: { params: idParams, body: jsonContent(RevokeCertificate) },
    responses: {
      200: { description: 'The certificate, revoked', ...jsonContent(Certificate) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
}
