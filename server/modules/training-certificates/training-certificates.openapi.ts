import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import {
  CertificateVerification,
  CodeParams,
  IssueCertificates,
  OwnTrainingCertificateList,
  RevokeCertificate,
  TrainingCertificate,
  TrainingCertificateList,
} from './training-certificates.schemas';

const COORDINATOR = 'Coordinator (others: 403, audited)';

export function registerTrainingCertificatesOpenApi(registry: OpenAPIRegistry): void {
  const programmeParams = z.object({ id: Id });
  const certificateParams = z.object({ id: Id });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/trainings/programmes/{id}/certificates',
    summary:
      "A programme's certificates, valid and revoked, in the order issued, each with the " +
      `holder's name as issued and its verification code. ${COORDINATOR}. Audited`,
    request: { params: programmeParams },
    responses: {
      200: { description: 'The certificates', ...jsonContent(TrainingCertificateList) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/trainings/programmes/{id}/certificates',
    summary:
      'Issue certificates: to the participants named or to all who completed the programme ' +
      'and hold none. Only participants the completion view says completed (409 not_completed ' +
      'naming body.participantIds.N); one valid certificate per participant and programme ' +
      '(409 already_certified); all or nothing. The content is frozen at issue. ' +
      `${COORDINATOR}. One audit event per certificate`,
    request: { params: programmeParams, body: jsonContent(IssueCertificates) },
    responses: {
      201: { description: 'The certificates issued', ...jsonContent(TrainingCertificateList) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/trainings/certificates/mine',
    summary:
      "The signed-in person's own certificates (their account linked to a participant " +
      'record); an empty list otherwise. Any role. A revoked one says so and on which day, ' +
      'never why nor who issued or revoked it. Audited',
    responses: {
      200: { description: 'The certificates', ...jsonContent(OwnTrainingCertificateList) },
      ...problemResponses(401),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/trainings/certificates/{id}/pdf',
    summary:
      'The certificate as a PDF (A4 landscape, Spanish), printed from its frozen content. ' +
      'Coordinators and the holder; anyone else 404 (audited). Revoked: 409 ' +
      "certificate_revoked; the holder's data erased: 409 holder_erased. Audited",
    request: { params: certificateParams },
    responses: {
      200: {
        description: 'The PDF',
        content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...problemResponses(400, 401, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/trainings/certificates/{id}/revoke',
    summary:
      'Revoke a certificate, with a reason (never shown publicly). It stays verifiable as ' +
      "revoked, without the holder's name; a new one may then be issued, with a new code. " +
      'Already revoked: 409 ' +
      `already_revoked. ${COORDINATOR}. Audited`,
    request: { params: certificateParams, body: jsonContent(RevokeCertificate) },
    responses: {
      200: { description: 'The certificate, revoked', ...jsonContent(TrainingCertificate) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/public/certificates/{code}',
    summary:
      'Anyone, no session: checks a verification code. Answers only valid or revoked (with ' +
      "the day), the holder's name as issued (valid certificates only; null once erased), the " +
      'programme, hours, dates and issuing institutions. Unknown and malformed codes: the same ' +
      '404. Not cacheable; rate-limited per client address, an IPv6 address by its /64 (429 ' +
      'with Retry-After). Lookups that find a certificate are counted per certificate and ' +
      'day; the first of each day is audited',
    request: { params: CodeParams },
    responses: {
      200: { description: 'The certificate', ...jsonContent(CertificateVerification) },
      ...problemResponses(404, 429),
    },
  });
}
