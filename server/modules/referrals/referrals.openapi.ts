import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import {
  DisclosurePackage,
  NewReferral,
  Referral,
  ReferralListQuery,
  ReferralPage,
  ReferralTransition,
} from './referrals.schemas';

const idParams = z.object({ id: Id });

export function registerReferralsOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/referrals',
    summary:
      "The partner's inbox (referrals addressed to their institution) or the sender's sent box; " +
      '`overdue=true`: still unacknowledged after the due date; `overdue=false`: all the others ' +
      '(an inbox lists the overdue first by asking for both)',
    request: { query: ReferralListQuery },
    responses: {
      200: { description: 'Newest first', ...jsonContent(ReferralPage) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/referrals',
    summary:
      'Refer a case to a partner institution. 409 `consent_missing` (with `missingConsent`) ' +
      'when an active consent does not cover the recipient and every chosen category; a ' +
      'vital-interest override needs step-up and goes to the supervisor review queue',
    request: { body: jsonContent(NewReferral) },
    responses: {
      201: { description: 'The referral, sent', ...jsonContent(Referral) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/referrals/{id}',
    summary: 'One referral with its history (an audited read)',
    request: { params: idParams },
    responses: {
      200: { description: 'The referral', ...jsonContent(Referral) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/referrals/{id}/transitions',
    summary:
      'sent → acknowledged → accepted | declined (reason) → in_progress → completed ' +
      '(outcome, feedback: encrypted) by the receiving institution; withdrawn by the sender ' +
      '(never through break-glass: 403 break_glass_read_only). Withdrawal, decline and ' +
      'expiry destroy the package in the same transaction',
    request: { params: idParams, body: jsonContent(ReferralTransition) },
    responses: {
      200: { description: 'The referral, moved', ...jsonContent(Referral) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/referrals/{id}/package',
    summary:
      'The disclosure package, for the receiving institution (an audited disclosure). ' +
      'Gone once the referral is withdrawn, declined or expired, 30 days after completion, ' +
      'on consent revocation or case erasure: 409 package_closed with its `reason`',
    request: { params: idParams },
    responses: {
      200: { description: 'The package', ...jsonContent(DisclosurePackage) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/referrals/{id}/package',
    summary:
      "Close the package early (the sending case's own team): sent in error, or no longer " +
      'needed after completion. The referral keeps its status; audited',
    request: { params: idParams },
    responses: {
      200: { description: 'The referral, its package closed', ...jsonContent(Referral) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/referrals/{id}/package.p7m',
    summary:
      'The package as CMS EnvelopedData (DER, AES-256-CBC, RSA key transport) to the ' +
      "institution's current certificate: `openssl cms -decrypt -inform DER` (an audited export)",
    request: { params: idParams },
    responses: {
      200: {
        description: 'The envelope',
        content: {
          'application/pkcs7-mime': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
}
