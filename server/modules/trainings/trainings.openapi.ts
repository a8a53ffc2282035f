import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import { AggregatesQuery, TrainingAggregates } from './aggregates.schemas';
import {
  AttendanceSheet,
  EnrolmentResult,
  NewEnrolments,
  RecordedAttendance,
  RecordedScores,
  Roster,
  ScoreSheet,
} from './enrolment.schemas';
import {
  NewParticipant,
  OwnTrainings,
  ParticipantAccountLink,
  ParticipantChange,
  ParticipantDetail,
  ParticipantErasure,
  ParticipantPage,
  ParticipantQuery,
} from './participant.schemas';
import {
  NewProgramme,
  NewSession,
  ProgrammeChange,
  ProgrammeDetail,
  ProgrammePage,
  ProgrammeQuery,
  Session,
  SessionChange,
} from './programme.schemas';

const BASE = '/api/v1/trainings';
const COORDINATOR = 'Coordinator only (every other role: 403, audited as access.denied)';
const WRITE = `${COORDINATOR}. Audited (one event naming the record)`;
const NOT_AUDITED = `${COORDINATOR}. Not audited: nothing personal is read`;
const DISCLOSES =
  `${COORDINATOR}. Discloses participants' identity (personal data of staff): audited, one ` +
  'event per response';
const CERTIFIED =
  'A change that would leave a holder of a valid certificate of the programme no longer ' +
  'completed is refused (409 certificate_depends_on_completion, naming the field and, in the ' +
  'detail, how many certificates): revoke them first';
const PER_PARTICIPANT = 'and one event per participant it changed (naming the participant)';
const PERSONAL =
  'A free text holding an e-mail address or a run of seven or more digits (a phone or ' +
  'identity number) is refused: 400 looks_personal naming the field';

export function registerTrainingsOpenApi(registry: OpenAPIRegistry): void {
  const programmeParams = z.object({ id: Id });
  const sessionParams = z.object({ id: Id, sessionId: Id });
  const enrolmentParams = z.object({ id: Id, participantId: Id });
  const participantParams = z.object({ participantId: Id });

  registry.registerPath({
    method: 'get',
    path: `${BASE}/me`,
    summary:
      "The signed-in person's own participant record and participations, when a coordinator " +
      'linked a participant to their account; participant null otherwise. Any ' +
      'signed-in staff member. Audited (training.participant.read, purpose own_record) when ' +
      'there is a record',
    responses: {
      200: { description: 'Their own record', ...jsonContent(OwnTrainings) },
      ...problemResponses(401),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${BASE}/aggregates`,
    summary:
      'Counts for a year or a date range: people trained (distinct participants who completed ' +
      'a programme ending in the period) by sector, institution, province and programme; ' +
      'completion rate; mean knowledge gain (post − pre, over enrolments with both scores, ' +
      `with n); hours of the sessions held. Erased participants still count. ${NOT_AUDITED}`,
    request: { query: AggregatesQuery },
    responses: {
      200: { description: 'The aggregates', ...jsonContent(TrainingAggregates) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${BASE}/programmes`,
    summary: `Training programmes, latest start first. ${NOT_AUDITED}`,
    request: { query: ProgrammeQuery },
    responses: {
      200: { description: 'A page of programmes', ...jsonContent(ProgrammePage) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${BASE}/programmes`,
    summary: `Create a programme. ${PERSONAL}. ${WRITE}`,
    request: { body: jsonContent(NewProgramme) },
    responses: {
      201: { description: 'The programme', ...jsonContent(ProgrammeDetail) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${BASE}/programmes/{id}`,
    summary: `A programme with its sessions and counts. ${NOT_AUDITED}`,
    request: { params: programmeParams },
    responses: {
      200: { description: 'The programme', ...jsonContent(ProgrammeDetail) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: `${BASE}/programmes/{id}`,
    summary:
      'Change a programme from the version read (409 stale_version otherwise). A change that ' +
      'would leave sessions outside the period or above the total hours is 409 ' +
      `programme_sessions_outside, naming the field. ${CERTIFIED}. ${PERSONAL}. ${WRITE}`,
    request: { params: programmeParams, body: jsonContent(ProgrammeChange) },
    responses: {
      200: { description: 'The programme as changed', ...jsonContent(ProgrammeDetail) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${BASE}/programmes/{id}`,
    summary:
      'Delete a programme recorded in error, with its sessions and enrolments: refused once ' +
      'attendance is recorded (409 has_attendance) or another record refers to it (409 ' +
      `programme_in_use). ${WRITE}`,
    request: { params: programmeParams },
    responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: 'post',
    path: `${BASE}/programmes/{id}/sessions`,
    summary:
      "Add a session: its day in Ecuador within the programme's period (400 " +
      'outside_programme_period), a place or a link (400 place_or_link), the sessions adding ' +
      `up to no more than the total hours (400 exceeds_total_hours). ${PERSONAL}. ${WRITE}`,
    request: { params: programmeParams, body: jsonContent(NewSession) },
    responses: {
      201: { description: 'The session', ...jsonContent(Session) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: `${BASE}/programmes/{id}/sessions/{sessionId}`,
    summary:
      'Change a session from the version read (409 stale_version otherwise), by the rules of ' +
      `adding one. ${CERTIFIED}. ${PERSONAL}. ${WRITE}`,
    request: { params: sessionParams, body: jsonContent(SessionChange) },
    responses: {
      200: { description: 'The session as changed', ...jsonContent(Session) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${BASE}/programmes/{id}/sessions/{sessionId}`,
    summary:
      'Delete a session: refused once its attendance is recorded (409 has_attendance). ' +
      `${CERTIFIED}. ${WRITE}`,
    request: { params: sessionParams },
    responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: 'get',
    path: `${BASE}/programmes/{id}/sessions/{sessionId}/attendance`,
    summary: `The session's attendance sheet as recorded (participant ids only). ${NOT_AUDITED}`,
    request: { params: sessionParams },
    responses: {
      200: { description: 'The sheet', ...jsonContent(RecordedAttendance) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'put',
    path: `${BASE}/programmes/{id}/sessions/{sessionId}/attendance`,
    summary:
      "Record the session's whole attendance sheet in one request: it replaces what was " +
      'recorded (idempotent), in one transaction, audited once (training.attendance.record, ' +
      `naming the session) ${PER_PARTICIPANT}. Once the session's day has come (409 ` +
      "session_not_held). An empty sheet clears it. An erased participant's entry no longer " +
      `changes (409 participant_erased, naming it). ${CERTIFIED}. ${COORDINATOR}`,
    request: { params: sessionParams, body: jsonContent(AttendanceSheet) },
    responses: {
      200: { description: 'The sheet as recorded', ...jsonContent(RecordedAttendance) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${BASE}/programmes/{id}/enrolments`,
    summary:
      'Every enrolment of the programme with the participant, scores and completion by the ' +
      `programme's rule (attendance hours and final score). ${DISCLOSES} ` +
      '(training.enrolment.list, naming the programme)',
    request: { params: programmeParams },
    responses: {
      200: { description: 'The roster', ...jsonContent(Roster) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${BASE}/programmes/{id}/enrolments`,
    summary:
      'Enrol participants in bulk; those enrolled already are left as they are. Audited once ' +
      `(training.enrolment.add, naming the programme) ${PER_PARTICIPANT}. ${COORDINATOR}`,
    request: { params: programmeParams, body: jsonContent(NewEnrolments) },
    responses: {
      200: { description: 'How many were added', ...jsonContent(EnrolmentResult) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${BASE}/programmes/{id}/enrolments/{participantId}`,
    summary:
      'Remove an enrolment made in error: refused while its participant holds a valid ' +
      'certificate of the programme (409 certificate_depends_on_completion), once attendance ' +
      'is recorded for it (409 has_attendance) or while a revoked certificate refers to it ' +
      '(409 enrolment_in_use). Audited (training.enrolment.remove, naming the programme, and ' +
      `naming the participant). ${COORDINATOR}`,
    request: { params: enrolmentParams },
    responses: { 204: { description: 'Removed' }, ...problemResponses(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: 'put',
    path: `${BASE}/programmes/{id}/scores`,
    summary:
      'Record pre- and post-evaluation scores of several enrolments at once (a score not sent ' +
      'is kept, null clears it), in one transaction, audited once (training.scores.record, ' +
      `naming the programme) ${PER_PARTICIPANT}. An erased participant's scores no longer ` +
      `change (409 participant_erased, naming the entry). ${CERTIFIED}. ${COORDINATOR}`,
    request: { params: programmeParams, body: jsonContent(ScoreSheet) },
    responses: {
      200: { description: 'The scores and completion', ...jsonContent(RecordedScores) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${BASE}/participants`,
    summary:
      'Participants, latest recorded first (the client sorts by name: names are encrypted ' +
      `at rest). ${DISCLOSES} (training.participant.list)`,
    request: { query: ParticipantQuery },
    responses: {
      200: { description: 'A page of participants', ...jsonContent(ParticipantPage) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${BASE}/participants`,
    summary:
      'Record a participant (staff of an institution, never a victim). Name, work e-mail and ' +
      'position are encrypted under their own key. The work e-mail links them to no staff ' +
      'account (see PUT …/participants/{participantId}/account). Institution name and ' +
      `position: ${PERSONAL}. ${WRITE}`,
    request: { body: jsonContent(NewParticipant) },
    responses: {
      201: { description: 'The participant', ...jsonContent(ParticipantDetail) },
      ...problemResponses(400, 401, 403, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${BASE}/participants/{participantId}`,
    summary: `A participant and their participations. ${DISCLOSES} (training.participant.read)`,
    request: { params: participantParams },
    responses: {
      200: { description: 'The participant', ...jsonContent(ParticipantDetail) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: `${BASE}/participants/{participantId}`,
    summary:
      'Change a participant from the version read (409 stale_version otherwise; 409 ' +
      'participant_erased once erased). A linked participant whose work e-mail changes to ' +
      "one that is not the account's login is unlinked (audited training.participant.unlink). " +
      `${WRITE}`,
    request: { params: participantParams, body: jsonContent(ParticipantChange) },
    responses: {
      200: { description: 'The participant as changed', ...jsonContent(ParticipantDetail) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'put',
    path: `${BASE}/participants/{participantId}/account`,
    summary:
      "Link the participant to the person's own staff account, chosen by its id, so they read " +
      "their own record (GET /trainings/me) and certificates. Only when that account's login " +
      "e-mail is the participant's work e-mail, compared ignoring case (409 " +
      'account_email_mismatch otherwise, and for an unknown account: the answer never says ' +
      'what either address is); 409 account_already_linked when another participant is ' +
      'linked to it; 409 participant_erased. Replaces a previous link. Audited ' +
      '(training.participant.link, one event naming the participant and one the account). ' +
      COORDINATOR,
    request: { params: participantParams, body: jsonContent(ParticipantAccountLink) },
    responses: {
      200: { description: 'The participant, linked', ...jsonContent(ParticipantDetail) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${BASE}/participants/{participantId}/account`,
    summary:
      'Unlink the participant from its staff account (204 also when it was not linked). ' +
      'Audited (training.participant.unlink, naming the participant and the account) when ' +
      `there was a link. ${COORDINATOR}`,
    request: { params: participantParams },
    responses: { 204: { description: 'Unlinked' }, ...problemResponses(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: `${BASE}/participants/{participantId}/erase`,
    summary:
      'Erase a participant on request, after a step-up (401 step_up_required): their identity ' +
      'is crypto-shredded for good; enrolments, attendance and scores stay and keep counting. ' +
      "On the person's request (person_request) their institution name is blanked too. For " +
      'created_in_error and duplicate_record their valid certificates are revoked, the reason ' +
      'being that code (each audited training_certificate.revoke with it as purpose). Audited ' +
      `(training.participant.erase, with the reason). ${COORDINATOR}`,
    request: { params: participantParams, body: jsonContent(ParticipantErasure) },
    responses: {
      200: { description: 'The participant, erased', ...jsonContent(ParticipantDetail) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
}
