import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import {
  ManagementReportApproval,
  ManagementReportChange,
  ManagementReportDetail,
  ManagementReportPage,
  ManagementReportQuery,
  ManagementReportReview,
  NewManagementReport,
} from './management-reports.schemas';

const WHO = 'Coordinators only (anyone else: 403, audited)';
const AUDITED = 'Audited (one event naming the report)';
const PERSONAL =
  'A text holding an e-mail address or a run of seven or more digits (a phone or identity ' +
  'number) is refused: 400 looks_personal naming the field';

export function registerManagementReportsOpenApi(registry: OpenAPIRegistry): void {
  const params = z.object({ id: Id });
  const base = '/api/v1/management-reports';

  registry.registerPath({
    method: 'get',
    path: base,
    summary: `Management reports, latest created first; filter by year or status. ${WHO}. Not audited`,
    request: { query: ManagementReportQuery },
    responses: {
      200: { description: 'A page of reports', ...jsonContent(ManagementReportPage) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: base,
    summary:
      'Create a draft report for a year or a quarter (its figures accumulate from 1 January); ' +
      'the actor is its preparer. 409 period_already_approved when the period has an approved ' +
      `report. ${PERSONAL}. ${WHO}. ${AUDITED}`,
    request: { body: jsonContent(NewManagementReport) },
    responses: {
      201: { description: 'The draft and its preview', ...jsonContent(ManagementReportDetail) },
      ...problemResponses(400, 401, 403, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/{id}`,
    summary:
      "A report and its content: a draft's computed now from the records (the preview), an " +
      `approved report's as frozen at its approval. ${WHO}. Not audited`,
    request: { params },
    responses: {
      200: { description: 'The report', ...jsonContent(ManagementReportDetail) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/{id}`,
    summary:
      "Change a draft's texts: its preparer only (403 otherwise); withdraws its review. 409 " +
      `stale_version, 409 report_approved (an approved report never changes). ${PERSONAL}. ` +
      `${AUDITED}`,
    request: { params, body: jsonContent(ManagementReportChange) },
    responses: {
      200: { description: 'The draft', ...jsonContent(ManagementReportDetail) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{id}`,
    summary:
      'Delete a draft: its preparer only (403 otherwise); an approved report is never deleted ' +
      `(409 report_approved). ${AUDITED}`,
    request: { params },
    responses: {
      204: { description: 'Deleted' },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/{id}/review`,
    summary:
      'Record that the actor reviewed the draft at this version: a coordinator other than its ' +
      'preparer (409 four_eyes, audited). Allowed before the period ends (only the approval ' +
      `waits for it). ${AUDITED}`,
    request: { params, body: jsonContent(ManagementReportReview) },
    responses: {
      200: { description: 'The reviewed draft', ...jsonContent(ManagementReportDetail) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/{id}/approve`,
    summary:
      'Approve a reviewed draft: a third coordinator, neither its preparer nor its reviewer ' +
      '(409 four_eyes, audited); 409 not_reviewed; 409 period_not_ended before the day after ' +
      "its period (Ecuador; the detail's approvableFrom); 409 figures_changed when the " +
      'figures are no longer those of the figuresDigest named; 409 period_already_approved. ' +
      `Stores the snapshot: the report never changes again. ${AUDITED}`,
    request: { params, body: jsonContent(ManagementReportApproval) },
    responses: {
      200: { description: 'The approved report', ...jsonContent(ManagementReportDetail) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  for (const [type, contentType, what] of [
    ['pdf', 'application/pdf', 'A4 PDF in Spanish with charts of progress'],
    [
      'xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'XLSX workbook, one sheet per section, figures as numbers',
    ],
  ] as const) {
    registry.registerPath({
      method: 'get',
      path: `${base}/{id}.${type}`,
      summary:
        `The report as an ${what}: an approved report from its frozen snapshot; a draft ` +
        `from its figures now, marked BORRADOR. ${WHO}. Audited (a download)`,
      request: { params },
      responses: {
        200: {
          description: 'The file',
          content: { [contentType]: { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    });
  }
}
