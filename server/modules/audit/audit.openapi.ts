import { problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import {
  AuditEvent,
  AuditOutcome,
  AuditPage,
  AuditQuery,
  AuditVerification,
} from './audit.schemas';

const AUDITOR_ONLY =
  'Role auditor only. Each call is itself recorded in the audit log ' +
  '(a denial as access.denied).';

export function registerAuditOpenApi(registry: OpenAPIRegistry): void {
  registry.register('AuditOutcome', AuditOutcome);
  registry.register('AuditEvent', AuditEvent);
  registry.register('AuditPage', AuditPage);
  registry.register('AuditVerification', AuditVerification);

  registry.registerPath({
    method: 'get',
    path: '/api/v1/audit',
    summary: 'Search the audit log, newest first, a page at a time',
    description:
      `${AUDITOR_ONLY} Filters combine with AND. \`action\` is an exact code or a prefix ` +
      'ending in `.*` (`auth.*`). `from` is inclusive and `to` exclusive, both on occurredAt. ' +
      'Follow `nextCursor` (pass it as `cursor` with the same filters) until it is null. ' +
      'The chain hashes are not exposed; use /api/v1/audit/verify.',
    request: { query: AuditQuery },
    responses: {
      200: { description: 'One page', content: { 'application/json': { schema: AuditPage } } },
      ...problemResponses(400, 401, 403),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/audit/verify',
    summary: 'Recompute the audit chain and name the first event that is not what Amparo wrote',
    description:
      `${AUDITOR_ONLY} Checks one consistent snapshot of the whole log. Answers 200 both when ` +
      'the log is intact (`ok: true`) and when it is not (`ok: false` with the first bad seq).',
    responses: {
      200: {
        description: 'The verification result',
        content: { 'application/json': { schema: AuditVerification } },
      },
      ...problemResponses(401, 403),
    },
  });
}
