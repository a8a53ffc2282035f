import { Id, z } from '../../http/zod';
import { distinct, Province, Score, Sector } from './trainings-fields';
import { MAX_ENROLMENT } from './trainings.vocabularies';

export const Enrolment = z
  .object({
    participantId: Id,
    fullName: z.string().nullable().openapi({ description: 'null once erased' }),
    position: z.string().nullable(),
    institutionName: z
      .string()
      .nullable()
      .openapi({ description: "null once erased on the person's own request" }),
    sector: Sector,
    province: Province.nullable(),
    erased: z.boolean(),
    preScore: z.number().nullable(),
    postScore: z.number().nullable(),
    attendedHours: z.number().openapi({ description: 'Hours of the sessions attended' }),
    attendancePercent: z
      .number()
      .openapi({ description: "attendedHours as a share of the programme's total hours" }),
    completed: z.boolean().openapi({ description: "By the programme's rule, never typed" }),
    completedOn: z.iso
      .date()
      .nullable()
      .openapi({ description: 'The day (Ecuador) of the last session attended, when completed' }),
    enrolledAt: z.iso.datetime(),
  })
  .openapi('TrainingEnrolment');
export type Enrolment = z.infer<typeof Enrolment>;

export const Roster = z
  .object({ programmeId: Id, items: z.array(Enrolment) })
  .openapi('TrainingRoster', { description: 'Every enrolment of the programme' });
export type Roster = z.infer<typeof Roster>;

export const NewEnrolments = z
  .object({
    participantIds: distinct(Id)
      .min(1)
      .max(MAX_ENROLMENT)
      .openapi({
        description:
          'Participants to enrol; those already enrolled are left as they are. Each must exist ' +
          'and not be erased (400 participant_not_found / participant_erased on ' +
          `body.participantIds.N). At most ${MAX_ENROLMENT} enrolled in all (409 enrolment_full)`,
      }),
  })
  .strict()
  .openapi('NewTrainingEnrolments');
export type NewEnrolments = z.infer<typeof NewEnrolments>;

export const EnrolmentResult = z
  .object({
    added: z.number().int(),
    enrolled: z.number().int().openapi({ description: 'Enrolled in the programme now' }),
  })
  .openapi('TrainingEnrolmentResult');
export type EnrolmentResult = z.infer<typeof EnrolmentResult>;

export const EnrolmentParams = z.object({ id: Id, participantId: Id }).strict();
export type EnrolmentParams = z.infer<typeof EnrolmentParams>;

const AttendanceEntry = z
  .object({ participantId: Id, present: z.boolean() })
  .strict()
  .openapi('TrainingAttendanceEntry');

export const AttendanceSheet = z
  .object({
    entries: distinct(AttendanceEntry, (e) => e.participantId)
      .max(MAX_ENROLMENT)
      .openapi({
        description:
          'The whole sheet: it replaces what was recorded for the session. Each participant ' +
          'enrolled in the programme (400 not_enrolled on body.entries.N.participantId), once',
      }),
  })
  .strict()
  .openapi('TrainingAttendanceSheet');
export type AttendanceSheet = z.infer<typeof AttendanceSheet>;

export const RecordedAttendance = z
  .object({
    sessionId: Id,
    entries: z
      .array(z.object({ participantId: Id, present: z.boolean() }))
      .openapi({ description: 'By participant id' }),
    present: z.number().int(),
    absent: z.number().int(),
    recordedAt: z.iso.datetime().nullable().openapi({ description: 'null: nothing recorded yet' }),
  })
  .openapi('TrainingRecordedAttendance');
export type RecordedAttendance = z.infer<typeof RecordedAttendance>;

const ScoreEntry = z
  .object({
    participantId: Id,
    preScore: Score.nullable().optional().openapi({ description: 'null clears it; absent: kept' }),
    postScore: Score.nullable().optional().openapi({ description: 'null clears it; absent: kept' }),
  })
  .strict()
  .refine((e) => e.preScore !== undefined || e.postScore !== undefined, {
    message: 'Give preScore, postScore or both',
  })
  .openapi('TrainingScoreEntry');

export const ScoreSheet = z
  .object({
    entries: distinct(ScoreEntry, (e) => e.participantId)
      .min(1)
      .max(MAX_ENROLMENT)
      .openapi({
        description:
          'Each participant enrolled in the programme (400 not_enrolled on ' +
          'body.entries.N.participantId), once',
      }),
  })
  .strict()
  .openapi('TrainingScoreSheet');
export type ScoreSheet = z.infer<typeof ScoreSheet>;

export const RecordedScores = z
  .object({
    items: z.array(
      z.object({
        participantId: Id,
        preScore: z.number().nullable(),
        postScore: z.number().nullable(),
        completed: z.boolean(),
      }),
    ),
  })
  .openapi('TrainingRecordedScores');
export type RecordedScores = z.infer<typeof RecordedScores>;
