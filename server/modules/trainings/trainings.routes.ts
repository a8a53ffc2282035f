import { ACTOR_ROLES } from '../../db/actor-transaction';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { AggregatesQuery } from './aggregates.schemas';
import { readAggregates } from './aggregates';
import { AttendanceSheet, EnrolmentParams, NewEnrolments, ScoreSheet } from './enrolment.schemas';
import {
  enrolParticipants,
  readAttendance,
  readRoster,
  recordAttendance,
  recordScores,
  removeEnrolment,
} from './enrolments';
import { linkAccount, unlinkAccount } from './participant-account';
import {
  NewParticipant,
  ParticipantAccountLink,
  ParticipantChange,
  ParticipantErasure,
  ParticipantParams,
  ParticipantQuery,
} from './participant.schemas';
import { listParticipants, readOwnTrainings, readParticipant } from './participant-read';
import {
  createParticipant,
  eraseParticipantOnRequest,
  updateParticipant,
} from './participant-write';
import {
  NewProgramme,
  NewSession,
  ProgrammeChange,
  ProgrammeParams,
  ProgrammeQuery,
  SessionChange,
  SessionParams,
} from './programme.schemas';
import { listProgrammes, readProgramme } from './programme-read';
import { createProgramme, deleteProgramme, updateProgramme } from './programme-write';
import { createSession, deleteSession, updateSession } from './sessions';
import type { TrainingsDeps } from './trainings.service';

/**
 * `/trainings`: coordinators only (every other role 403, audited), except
 * `/trainings/me`, where any signed-in staff member reads their own record.
 */
export function trainingsRoutes(deps: TrainingsDeps & { access: AccessControl }) {
  const router = createRouter();
  const coordinator = deps.access.requireRole('coordinator');
  const anyone = deps.access.requireRole(...ACTOR_ROLES);

  router.get('/me', ...anyone, async (req, res) => {
    res.json(await readOwnTrainings(deps, actorOf(req)));
  });

  router.get(
    '/aggregates',
    ...coordinator,
    validate({ query: AggregatesQuery }),
    async (req, res) => {
      res.json(await readAggregates(deps, actorOf(req), req.query));
    },
  );

  // Programmes and their sessions.
  router.get(
    '/programmes',
    ...coordinator,
    validate({ query: ProgrammeQuery }),
    async (req, res) => {
      res.json(await listProgrammes(deps, actorOf(req), req.query as unknown as ProgrammeQuery));
    },
  );
  router.post('/programmes', ...coordinator, validate({ body: NewProgramme }), async (req, res) => {
    res.status(201).json(await createProgramme(deps, actorOf(req), req.body as NewProgramme));
  });
  router.get(
    '/programmes/:id',
    ...coordinator,
    validate({ params: ProgrammeParams }),
    async (req, res) => {
      const { id } = req.params as unknown as ProgrammeParams;
      res.json(await readProgramme(deps, actorOf(req), id));
    },
  );
  router.patch(
    '/programmes/:id',
    ...coordinator,
    validate({ params: ProgrammeParams, body: ProgrammeChange }),
    async (req, res) => {
      const { id } = req.params as unknown as ProgrammeParams;
      res.json(await updateProgramme(deps, actorOf(req), id, req.body as ProgrammeChange));
    },
  );
  router.delete(
    '/programmes/:id',
    ...coordinator,
    validate({ params: ProgrammeParams }),
    async (req, res) => {
      const { id } = req.params as unknown as ProgrammeParams;
      await deleteProgramme(deps, actorOf(req), id);
      res.status(204).end();
    },
  );
  router.post(
    '/programmes/:id/sessions',
    ...coordinator,
    validate({ params: ProgrammeParams, body: NewSession }),
    async (req, res) => {
      const { id } = req.params as unknown as ProgrammeParams;
      res.status(201).json(await createSession(deps, actorOf(req), id, req.body as NewSession));
    },
  );
  router.patch(
    '/programmes/:id/sessions/:sessionId',
    ...coordinator,
    validate({ params: SessionParams, body: SessionChange }),
    async (req, res) => {
      const { id, sessionId } = req.params as unknown as SessionParams;
      res.json(await updateSession(deps, actorOf(req), id, sessionId, req.body as SessionChange));
    },
  );
  router.delete(
    '/programmes/:id/sessions/:sessionId',
    ...coordinator,
    validate({ params: SessionParams }),
    async (req, res) => {
      const { id, sessionId } = req.params as unknown as SessionParams;
      await deleteSession(deps, actorOf(req), id, sessionId);
      res.status(204).end();
    },
  );
  router.get(
    '/programmes/:id/sessions/:sessionId/attendance',
    ...coordinator,
    validate({ params: SessionParams }),
    async (req, res) => {
      const { id, sessionId } = req.params as unknown as SessionParams;
      res.json(await readAttendance(deps, actorOf(req), id, sessionId));
    },
  );
  router.put(
    '/programmes/:id/sessions/:sessionId/attendance',
    ...coordinator,
    validate({ params: SessionParams, body: AttendanceSheet }),
    async (req, res) => {
      const { id, sessionId } = req.params as unknown as SessionParams;
      res.json(
        await recordAttendance(deps, actorOf(req), id, sessionId, req.body as AttendanceSheet),
      );
    },
  );

  // Enrolments and scores.
  router.get(
    '/programmes/:id/enrolments',
    ...coordinator,
    validate({ params: ProgrammeParams }),
    async (req, res) => {
      const { id } = req.params as unknown as ProgrammeParams;
      res.json(await readRoster(deps, actorOf(req), id));
    },
  );
  router.post(
    '/programmes/:id/enrolments',
    ...coordinator,
    validate({ params: ProgrammeParams, body: NewEnrolments }),
    async (req, res) => {
      const { id } = req.params as unknown as ProgrammeParams;
      res.json(await enrolParticipants(deps, actorOf(req), id, req.body as NewEnrolments));
    },
  );
  router.delete(
    '/programmes/:id/enrolments/:participantId',
    ...coordinator,
    validate({ params: EnrolmentParams }),
    async (req, res) => {
      const { id, participantId } = req.params as unknown as EnrolmentParams;
      await removeEnrolment(deps, actorOf(req), id, participantId);
      res.status(204).end();
    },
  );
  router.put(
    '/programmes/:id/scores',
    ...coordinator,
    validate({ params: ProgrammeParams, body: ScoreSheet }),
    async (req, res) => {
      const { id } = req.params as unknown as ProgrammeParams;
      res.json(await recordScores(deps, actorOf(req), id, req.body as ScoreSheet));
    },
  );

  // Participants.
  router.get(
    '/participants',
    ...coordinator,
    validate({ query: ParticipantQuery }),
    async (req, res) => {
      res.json(
        await listParticipants(deps, actorOf(req), req.query as unknown as ParticipantQuery),
      );
    },
  );
  router.post(
    '/participants',
    ...coordinator,
    validate({ body: NewParticipant }),
    async (req, res) => {
      res.status(201).json(await createParticipant(deps, actorOf(req), req.body as NewParticipant));
    },
  );
  router.get(
    '/participants/:participantId',
    ...coordinator,
    validate({ params: ParticipantParams }),
    async (req, res) => {
      const { participantId } = req.params as unknown as ParticipantParams;
      res.json(await readParticipant(deps, actorOf(req), participantId));
    },
  );
  router.patch(
    '/participants/:participantId',
    ...coordinator,
    validate({ params: ParticipantParams, body: ParticipantChange }),
    async (req, res) => {
      const { participantId } = req.params as unknown as ParticipantParams;
      res.json(
        await updateParticipant(deps, actorOf(req), participantId, req.body as ParticipantChange),
      );
    },
  );
  router.put(
    '/participants/:participantId/account',
    ...coordinator,
    validate({ params: ParticipantParams, body: ParticipantAccountLink }),
    async (req, res) => {
      const { participantId } = req.params as unknown as ParticipantParams;
      res.json(
        await linkAccount(deps, actorOf(req), participantId, req.body as ParticipantAccountLink),
      );
    },
  );
  router.delete(
    '/participants/:participantId/account',
    ...coordinator,
    validate({ params: ParticipantParams }),
    async (req, res) => {
      const { participantId } = req.params as unknown as ParticipantParams;
      await unlinkAccount(deps, actorOf(req), participantId);
      res.status(204).end();
    },
  );
  router.post(
    '/participants/:participantId/erase',
    ...coordinator,
    deps.access.requireStepUp,
    validate({ params: ParticipantParams, body: ParticipantErasure }),
    async (req, res) => {
      const { participantId } = req.params as unknown as ParticipantParams;
      res.json(
        await eraseParticipantOnRequest(
          deps,
          actorOf(req),
          participantId,
          req.body as ParticipantErasure,
        ),
      );
    },
  );
  return router;
}
