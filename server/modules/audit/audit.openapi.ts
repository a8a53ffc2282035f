import { problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { z } from '../../http/zod';
import {
  AccessReportRow,
  AUDIT_EXPORT_MAX_ROWS,
  AuditAction,
  AuditEvent,
  AuditOutcome,
  AuditPage,
  AuditPurpose,
  AuditQuery,
  AuditStaffList,
  AuditStaffMember,
  AuditVerification,
  CaseAccessReport,
  CaseExportQuery,
  CaseReportQuery,
  UserAccessReport,
  UserExportQuery,
  UserReportQuery,
} from './audit.schemas';

const AUDITOR_ONLY =
  'Role auditor only. Each call is itself recorded in the audit log ' +
  '(a denial as access.denied).';

export function registerAuditOpenApi(registry: OpenAPIRegistry): void {
  registry.register('AuditOutcome', AuditOutcome);
  registry.register('AuditAction', AuditAction);
  registry.register('AuditPurpose', AuditPurpose);
  registry.register('AccessReportRow', AccessReportRow);
  registry.register('CaseAccessReport', CaseAccessReport);
  registry.register('UserAccessReport', UserAccessReport);
  registry.register('AuditStaffMember', AuditStaffMember);
  registry.register('AuditStaffList', AuditStaffList);
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

  const CASE_REPORT =
    'The case is named by `caseNumber` (TRT-…) or `caseId`, exactly one. The report holds ' +
    'every event on the case, its consents and its referrals — reads of its data, ' +
    'disclosures, package reads and CMS exports by partners, break-glass grants and reads, ' +
    "changes and refused attempts — with the actor's name, role and institution. Nothing of " +
    "the case's content. Erased cases keep their report. 404 when no case has that number or id.";
  const USER_REPORT =
    'Every event of one user (staff or partner) on a case, consent or referral: what they ' +
    'opened, disclosed, exported or attempted.';
  const CSV = {
    200: {
      description:
        `A CSV file (UTF-8, header row, at most ${AUDIT_EXPORT_MAX_ROWS} rows, newest first). ` +
        'The header `Amparo-Export-Truncated: true` says that older rows were left out. ' +
        'Cells a spreadsheet would read as formulas are prefixed with an apostrophe.',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...problemResponses(400, 401, 403, 404),
  };

  registry.registerPath({
    method: 'get',
    path: '/api/v1/audit/staff',
    summary: 'Every account, by name, role and institution, to choose whose access to report',
    description: `${AUDITOR_ONLY} Never an email or a credential.`,
    responses: {
      200: {
        description: 'The accounts',
        content: { 'application/json': { schema: AuditStaffList } },
      },
      ...problemResponses(401, 403),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/audit/reports/case',
    summary: 'Who accessed one case, when and for what purpose (newest first, a page at a time)',
    description: `${AUDITOR_ONLY} Recorded as audit.report on the case. ${CASE_REPORT}`,
    request: { query: CaseReportQuery },
    responses: {
      200: {
        description: 'One page',
        content: { 'application/json': { schema: CaseAccessReport } },
      },
      ...problemResponses(400, 401, 403, 404),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/audit/reports/case/export',
    summary: "A case's access report as CSV",
    description: `${AUDITOR_ONLY} Recorded as audit.export on the case. ${CASE_REPORT}`,
    request: { query: CaseExportQuery },
    responses: CSV,
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/audit/reports/user',
    summary: 'What one user accessed (newest first, a page at a time)',
    description: `${AUDITOR_ONLY} Recorded as audit.report on the user. ${USER_REPORT}`,
    request: { query: UserReportQuery },
    responses: {
      200: {
        description: 'One page',
        content: { 'application/json': { schema: UserAccessReport } },
      },
      ...problemResponses(400, 401, 403, 404),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/audit/reports/user/export',
    summary: "A user's access report as CSV",
    description: `${AUDITOR_ONLY} Recorded as audit.export on the user. ${USER_REPORT}`,
    request: { query: UserExportQuery },
    responses: CSV,
  });
}
