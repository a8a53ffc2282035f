import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import {
  AssignCase,
  CaseAttachment,
  BreakGlassGrant,
  BreakGlassRequest,
  CaseDetail,
  CaseListQuery,
  CaseRecord,
  DecideAgeCorrection,
  CaseNote,
  CaseNoteListQuery,
  CaseNotePage,
  CasePage,
  CaseSummary,
  EraseCase,
  IntakeCase,
  IntakeResult,
  NewCaseNote,
  RequestAgeCorrection,
  UpdateCase,
} from './cases.schemas';

const idParams = z.object({ id: Id });

export function registerCasesOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cases/{id}/attachments',
    summary:
      'Attach a PDF, PNG or JPEG (≤ 5 MiB) as the raw request body; the file name goes ' +
      'percent-encoded in X-Attachment-Name. Content and name are encrypted with the case key',
    request: {
      params: idParams,
      headers: z.object({ 'x-attachment-name': z.string() }),
      body: {
        content: {
          'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
          'image/png': { schema: z.string().openapi({ format: 'binary' }) },
          'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
    },
    responses: {
      201: { description: 'The attachment', ...jsonContent(CaseAttachment) },
      ...problemResponses(400, 401, 403, 404, 409, 413),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cases/{id}/attachments',
    summary: "The case's attachments with their names (an audited read)",
    request: { params: idParams },
    responses: {
      200: {
        description: 'Oldest first',
        ...jsonContent(z.object({ items: z.array(CaseAttachment) })),
      },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cases/{id}/attachments/{attachmentId}',
    summary: 'One attachment, decrypted (an audited read)',
    request: { params: z.object({ id: Id, attachmentId: Id }) },
    responses: {
      200: { description: 'The file, as an attachment' },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cases/{id}/break-glass',
    summary:
      'Open a case outside your team for 60 minutes (caseworker, supervisor; step-up and a ' +
      'written justification; audited and queued for the team supervisor)',
    request: { params: idParams, body: jsonContent(BreakGlassRequest) },
    responses: {
      201: { description: 'The grant', ...jsonContent(BreakGlassGrant) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cases/{id}/notes',
    summary: "A page of the case's notes, newest first, decrypted (one audited read per page)",
    request: { params: idParams, query: CaseNoteListQuery },
    responses: {
      200: { description: 'Notes, newest first', ...jsonContent(CaseNotePage) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cases/{id}/notes',
    summary: 'Append a note (encrypted with the case key; notes are never edited)',
    request: { params: idParams, body: jsonContent(NewCaseNote) },
    responses: {
      201: { description: 'The note', ...jsonContent(CaseNote) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/cases/{id}',
    summary:
      'Change a case from the version you read (409 stale_version otherwise); status ' +
      'changes need a legal transition and a reason code. Needs the case as its own ' +
      '(403 break_glass_read_only otherwise); an age that makes a minor an adult is ' +
      'refused (409 age_correction_needs_approval): request an age correction instead',
    request: { params: idParams, body: jsonContent(UpdateCase) },
    responses: {
      200: { description: 'The case', ...jsonContent(IntakeResult) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cases/{id}/age-correction',
    summary:
      'Request an age correction that makes a minor an adult; another supervisor of the ' +
      "case's team decides (four eyes). Audited (case.age_correction.request)",
    request: { params: idParams, body: jsonContent(RequestAgeCorrection) },
    responses: {
      200: { description: 'The case, the correction pending', ...jsonContent(CaseRecord) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cases/{id}/age-correction/decision',
    summary:
      "Approve or reject a pending age correction (a supervisor of the case's team who did " +
      'not request it). Approval is audited as case.minor_status_lifted',
    request: { params: idParams, body: jsonContent(DecideAgeCorrection) },
    responses: {
      200: { description: 'The case', ...jsonContent(CaseRecord) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cases/{id}/assign',
    summary: "Assign a case to a caseworker (supervisor); it moves to that caseworker's team",
    request: { params: idParams, body: jsonContent(AssignCase) },
    responses: {
      200: { description: 'The case summary', ...jsonContent(CaseSummary) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cases/{id}/erase',
    summary:
      'Erase a case by destroying its data key (supervisor, step-up, reason code); ' +
      'attributes and audit trail remain',
    request: { params: idParams, body: jsonContent(EraseCase) },
    responses: {
      200: { description: 'The case summary', ...jsonContent(CaseSummary) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cases',
    summary: 'Cases I may see, newest first: no identifying data (nothing is decrypted)',
    request: { query: CaseListQuery },
    responses: {
      200: { description: 'A page of case summaries', ...jsonContent(CasePage) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/cases',
    summary:
      'Register a case (caseworker, supervisor): identifying fields are encrypted with the ' +
      "case's own key; possible duplicates are named by team, not by content",
    request: { body: jsonContent(IntakeCase) },
    responses: {
      201: { description: 'Created', ...jsonContent(IntakeResult) },
      ...problemResponses(400, 401, 403, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/cases/{id}',
    summary: 'One case with its identifying data (audited as a read with purpose "view")',
    request: { params: idParams },
    responses: {
      200: { description: 'The case', ...jsonContent(CaseDetail) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
}
