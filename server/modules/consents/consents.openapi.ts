import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import {
  ApproveConsent,
  Consent,
  ConsentListQuery,
  NewConsent,
  PendingConsentPage,
  Revocation,
  RevokeConsent,
} from './consents.schemas';

const idParams = z.object({ id: Id });

export function registerConsentsOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cases/{id}/consents',
    summary: "The case's consents, every version, with their status now (an audited read)",
    request: { params: idParams },
    responses: {
      200: { description: 'Oldest first', ...jsonContent(z.object({ items: z.array(Consent) })) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cases/{id}/consents',
    summary:
      'Record a consent, or a new version of one (`supersedes`). A guardian consent or a ' +
      "best-interest determination takes effect once another supervisor approves it; a minor's " +
      'own consent is refused',
    request: { params: idParams, body: jsonContent(NewConsent) },
    responses: {
      201: { description: 'The consent', ...jsonContent(Consent) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/consents',
    summary:
      "Supervisor: the guardian and best-interest consents awaiting approval on the team's " +
      'cases, oldest first, with the case number and whether you may approve each (not one ' +
      'you recorded). Audited as a read of each case’s consents',
    request: { query: ConsentListQuery },
    responses: {
      200: { description: 'A page, oldest first', ...jsonContent(PendingConsentPage) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/consents/{id}/approve',
    summary: "A supervisor of the case's team approves a guardian or best-interest consent",
    request: { params: idParams, body: jsonContent(ApproveConsent) },
    responses: {
      200: { description: 'The consent, approved', ...jsonContent(Consent) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/consents/{id}/revoke',
    summary:
      'Revoke: no new disclosure under it; referrals not yet opened are withdrawn; opened ' +
      'packages become unreadable to the partner — one transaction',
    request: { params: idParams, body: jsonContent(RevokeConsent) },
    responses: {
      200: { description: 'What the revocation did', ...jsonContent(Revocation) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
}
