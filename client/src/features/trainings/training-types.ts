import type { components } from '../../api/schema';

/** The API's training types, apart from the hooks (the forms' pure code uses them). */
type Schemas = components['schemas'];
export type Programme = Schemas['TrainingProgramme'];
export type ProgrammeDetail = Schemas['TrainingProgrammeDetail'];
export type NewProgramme = Schemas['NewTrainingProgramme'];
export type ProgrammeChange = Schemas['TrainingProgrammeChange'];
export type Session = Schemas['TrainingSession'];
export type NewSession = Schemas['NewTrainingSession'];
export type SessionChange = Schemas['TrainingSessionChange'];
export type Enrolment = Schemas['TrainingEnrolment'];
export type Roster = Schemas['TrainingRoster'];
export type NewParticipant = Schemas['NewTrainingParticipant'];
export type Participant = Schemas['TrainingParticipant'];
export type RecordedAttendance = Schemas['TrainingRecordedAttendance'];
export type AttendanceSheet = Schemas['TrainingAttendanceSheet'];
export type ScoreSheet = Schemas['TrainingScoreSheet'];
export type Aggregates = Schemas['TrainingAggregates'];
