export { trainingsRoutes } from './trainings.routes';
export { registerTrainingsOpenApi } from './trainings.openapi';
export type { TrainingsDeps } from './trainings.service';
export { eraseExpiredParticipants, eraseParticipant } from './retention';
export { trainingAggregatesIn } from './aggregates';
// The trainings' figures, defined once for the aggregates, the targets and the report.
export {
  peopleByIn,
  trainingTotalsIn,
  TRAINING_MEASURES,
  type FiguresPeriod,
  type PeopleGroup,
  type TrainingFilters,
  type TrainingTotals,
} from './training-figures';
export { participantKeyContext } from './participant-crypto';
export { identityOf } from './participant-identity';
export {
  DEFAULT_RETENTION_YEARS,
  MODALITIES,
  PARTICIPANT_ERASURE_REASONS,
  TRAINING_SECTORS,
} from './trainings.vocabularies';
// The certificates module seals a certificate's name and code under the participant's key.
export { decryptIdentity, openParticipantKey } from './participant-crypto';
// Use cases and their inputs, for the demo data (server/modules/demo) to write through.
export { createProgramme } from './programme-write';
export { createSession } from './sessions';
export { createParticipant } from './participant-write';
export { enrolParticipants, recordAttendance, recordScores } from './enrolments';
export { NewProgramme, NewSession } from './programme.schemas';
export { NewParticipant } from './participant.schemas';
export { AttendanceSheet, NewEnrolments, ScoreSheet } from './enrolment.schemas';
