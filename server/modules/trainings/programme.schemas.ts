import { Cursor, Page } from '../../http/pagination';
import { Id, z } from '../../http/zod';
import {
  atLeastOneChange,
  Day,
  distinct,
  FreeText,
  Modality,
  Province,
  Sector,
  TwoDecimals,
  Version,
  Score,
} from './trainings-fields';
import {
  MAX_SESSION_HOURS,
  MAX_TOTAL_HOURS,
  MAX_TRAINERS,
  TRAINING_SECTORS,
} from './trainings.vocabularies';

const programmeFields = {
  name: FreeText(200, false),
  topic: FreeText(2000, true),
  targetSectors: distinct(Sector).min(1).max(TRAINING_SECTORS.length),
  partnerInstitution: FreeText(200, false)
    .nullable()
    .openapi({ description: 'The partner that co-delivers it (e.g. the university)' }),
  modality: Modality,
  totalHours: TwoDecimals(0, MAX_TOTAL_HOURS, true).openapi({
    description:
      "The programme's hours: the denominator of attendance. Not below the hours of its " +
      'sessions (409 sessions_exceed_total_hours)',
  }),
  minAttendancePercent: TwoDecimals(0, 100, true).openapi({
    description: 'Minimum share of totalHours attended to complete (default 80)',
  }),
  minFinalScore: Score.nullable().openapi({
    description: 'Minimum post-evaluation score to complete; null: no final evaluation required',
  }),
  startsOn: Day,
  endsOn: Day.openapi({ description: 'On or after startsOn (400 ends_before_start)' }),
  // Where it is delivered, if in one province.
  province: Province.nullable(),
};

export const NewProgramme = z
  .object({
    ...programmeFields,
    partnerInstitution: programmeFields.partnerInstitution.default(null),
    minAttendancePercent: programmeFields.minAttendancePercent.default(80),
    minFinalScore: programmeFields.minFinalScore.default(null),
    province: programmeFields.province.default(null),
  })
  .strict()
  .openapi('NewTrainingProgramme');
export type NewProgramme = z.infer<typeof NewProgramme>;

export const ProgrammeChange = z
  .object({
    version: Version,
    name: programmeFields.name.optional(),
    topic: programmeFields.topic.optional(),
    targetSectors: programmeFields.targetSectors.optional(),
    partnerInstitution: programmeFields.partnerInstitution.optional(),
    modality: programmeFields.modality.optional(),
    totalHours: programmeFields.totalHours.optional(),
    minAttendancePercent: programmeFields.minAttendancePercent.optional(),
    minFinalScore: programmeFields.minFinalScore.optional(),
    startsOn: programmeFields.startsOn.optional(),
    endsOn: programmeFields.endsOn.optional(),
    province: programmeFields.province.optional(),
  })
  .strict()
  .refine(...atLeastOneChange)
  .openapi('TrainingProgrammeChange', {
    description:
      'A change from the version read: only the fields sent change. Completion is recomputed ' +
      'by the new rule at once',
  });
export type ProgrammeChange = z.infer<typeof ProgrammeChange>;

export const Session = z
  .object({
    id: Id,
    programmeId: Id,
    startsAt: z.iso.datetime(),
    date: z.iso.date().openapi({ description: "The session's day in Ecuador" }),
    hours: z.number(),
    place: z.string().nullable(),
    link: z.string().nullable(),
    trainers: z.array(z.string()),
    attendanceRecorded: z
      .boolean()
      .openapi({ description: 'An attendance sheet was saved (the session cannot be deleted)' }),
    presentCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('TrainingSession');
export type Session = z.infer<typeof Session>;

export const Programme = z
  .object({
    id: Id,
    name: z.string(),
    topic: z.string(),
    targetSectors: z.array(Sector),
    partnerInstitution: z.string().nullable(),
    modality: Modality,
    totalHours: z.number(),
    minAttendancePercent: z.number(),
    minFinalScore: z.number().nullable(),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    province: Province.nullable(),
    sessionCount: z.number().int(),
    scheduledHours: z.number().openapi({ description: 'The hours of its sessions' }),
    enrolled: z.number().int(),
    completed: z.number().int().openapi({ description: 'Enrolments completed by the rule' }),
    createdBy: Id,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('TrainingProgramme');
export type Programme = z.infer<typeof Programme>;

export const ProgrammeDetail = Programme.extend({
  sessions: z.array(Session).openapi({ description: 'By start time' }),
}).openapi('TrainingProgrammeDetail');
export type ProgrammeDetail = z.infer<typeof ProgrammeDetail>;

const ProgrammePosition = z.object({ startsOn: Day, id: Id }).strict();
export type ProgrammePosition = z.infer<typeof ProgrammePosition>;

export const ProgrammeQuery = Cursor(ProgrammePosition)
  .extend({
    year: z.coerce
      .number()
      .int()
      .min(2000)
      .max(2100)
      .optional()
      .openapi({ description: 'Programmes whose period overlaps this year' }),
    // Programmes targeting this sector.
    sector: Sector.optional(),
  })
  .strict();
export type ProgrammeQuery = z.infer<typeof ProgrammeQuery>;

export const ProgrammePage = Page(Programme).openapi('TrainingProgrammePage');
export type ProgrammePage = z.infer<typeof ProgrammePage>;

export const ProgrammeParams = z.object({ id: Id }).strict();
export type ProgrammeParams = z.infer<typeof ProgrammeParams>;

export const SessionParams = z.object({ id: Id, sessionId: Id }).strict();
export type SessionParams = z.infer<typeof SessionParams>;

/** https only: a link to an online session is opened by every participant. */
const SessionLink = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain })
  .max(500)
  .openapi({ description: 'https:// link of an online session' });

const sessionFields = {
  startsAt: z.iso
    .datetime({ offset: true })
    .openapi({ description: "With its offset; its day in Ecuador falls within the programme's" }),
  hours: TwoDecimals(0, MAX_SESSION_HOURS, true),
  place: FreeText(300, false).nullable(),
  link: SessionLink.nullable(),
  trainers: distinct(FreeText(200, false))
    .max(MAX_TRAINERS)
    .openapi({ description: 'Names of the trainers, as on a certificate' }),
};

export const NewSession = z
  .object({
    ...sessionFields,
    place: sessionFields.place.default(null),
    link: sessionFields.link.default(null),
    trainers: sessionFields.trainers.default([]),
  })
  .strict()
  .openapi('NewTrainingSession', {
    description: 'A place, a link, or both (400 place_or_link)',
  });
export type NewSession = z.infer<typeof NewSession>;

export const SessionChange = z
  .object({
    version: Version,
    startsAt: sessionFields.startsAt.optional(),
    hours: sessionFields.hours.optional(),
    place: sessionFields.place.optional(),
    link: sessionFields.link.optional(),
    trainers: sessionFields.trainers.optional(),
  })
  .strict()
  .refine(...atLeastOneChange)
  .openapi('TrainingSessionChange');
export type SessionChange = z.infer<typeof SessionChange>;
