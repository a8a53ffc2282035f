import { Cursor, Page, PositionTime } from '../../http/pagination';
import { Id, z } from '../../http/zod';
import {
  FreeText,
  PersonName,
  Province,
  Sector,
  Version,
  atLeastOneChange,
} from './trainings-fields';
import { PARTICIPANT_ERASURE_REASONS } from './trainings.vocabularies';

/*
 * Participants are staff of institutions (never victims). Their name, work
 * e-mail and position identify them: encrypted at rest, shown to
 * coordinators only (and to the person), each disclosure audited. Their
 * institution, sector and province are clear: the aggregates count by them.
 */

const WorkEmail = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase())
  .openapi({
    description:
      'Their work e-mail. Several participants may share one (an institutional mailbox). It ' +
      'links them to no account by itself: a coordinator links a participant to a staff ' +
      'account explicitly (PUT …/participants/{participantId}/account)',
  });

const participantFields = {
  fullName: PersonName.openapi({ description: 'Encrypted at rest' }),
  workEmail: WorkEmail.nullable(),
  position: FreeText(200, false).nullable().openapi({ description: 'Encrypted at rest' }),
  institutionName: FreeText(200, false).openapi({
    description: 'The institution they work for (clear: aggregates count by it)',
  }),
  sector: Sector,
  province: Province.nullable(),
};

export const NewParticipant = z
  .object({
    ...participantFields,
    workEmail: participantFields.workEmail.default(null),
    position: participantFields.position.default(null),
    province: participantFields.province.default(null),
  })
  .strict()
  .openapi('NewTrainingParticipant');
export type NewParticipant = z.infer<typeof NewParticipant>;

export const ParticipantChange = z
  .object({
    version: Version,
    fullName: participantFields.fullName.optional(),
    workEmail: participantFields.workEmail.optional(),
    position: participantFields.position.optional(),
    institutionName: participantFields.institutionName.optional(),
    sector: participantFields.sector.optional(),
    province: participantFields.province.optional(),
  })
  .strict()
  .refine(...atLeastOneChange)
  .openapi('TrainingParticipantChange');
export type ParticipantChange = z.infer<typeof ParticipantChange>;

export const Participant = z
  .object({
    id: Id,
    fullName: z.string().nullable().openapi({ description: 'null once erased' }),
    workEmail: z.string().nullable(),
    position: z.string().nullable(),
    institutionName: z
      .string()
      .nullable()
      .openapi({ description: "null once erased on the person's own request" }),
    sector: Sector,
    province: Province.nullable(),
    linkedUserId: Id.nullable().openapi({
      description:
        'The staff account a coordinator linked the participant to (the person then reads ' +
        'their own record and certificates); null when none',
    }),
    keepUntil: z.iso.date().openapi({
      description:
        'Their identity is erased after this day: the end of their latest programme plus the ' +
        'retention period',
    }),
    erasedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('TrainingParticipant');
export type Participant = z.infer<typeof Participant>;

export const Participation = z
  .object({
    programmeId: Id,
    programmeName: z.string(),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    totalHours: z.number(),
    attendedHours: z.number(),
    attendancePercent: z.number(),
    preScore: z.number().nullable(),
    postScore: z.number().nullable(),
    completed: z.boolean().openapi({ description: "By the programme's rule, never typed" }),
    completedOn: z.iso.date().nullable(),
  })
  .openapi('TrainingParticipation');
export type Participation = z.infer<typeof Participation>;

export const ParticipantDetail = Participant.extend({
  participations: z.array(Participation).openapi({ description: 'Latest programme first' }),
}).openapi('TrainingParticipantDetail');
export type ParticipantDetail = z.infer<typeof ParticipantDetail>;

const ParticipantPosition = z.object({ createdAt: PositionTime, id: Id }).strict();
export type ParticipantPosition = z.infer<typeof ParticipantPosition>;

export const ParticipantQuery = Cursor(ParticipantPosition)
  .extend({
    sector: Sector.optional(),
    province: Province.optional(),
    includeErased: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true')
      .openapi({ type: 'string', description: 'Also erased participants (identity null)' }),
  })
  .strict();
export type ParticipantQuery = z.infer<typeof ParticipantQuery>;

export const ParticipantPage = Page(Participant).openapi('TrainingParticipantPage');
export type ParticipantPage = z.infer<typeof ParticipantPage>;

export const ParticipantParams = z.object({ participantId: Id }).strict();
export type ParticipantParams = z.infer<typeof ParticipantParams>;

export const ParticipantErasure = z
  .object({
    reason: z.enum(PARTICIPANT_ERASURE_REASONS).openapi({
      description:
        'person_request (their right to erasure), created_in_error, duplicate_record. Erasure ' +
        'at the end of retention is done by the system',
    }),
  })
  .strict()
  .openapi('TrainingParticipantErasure');
export type ParticipantErasure = z.infer<typeof ParticipantErasure>;

export const ParticipantAccountLink = z
  .object({
    userId: Id.openapi({
      description:
        "The staff account's id. Its login e-mail must be the participant's work e-mail " +
        '(compared ignoring case), or 409 account_email_mismatch',
    }),
  })
  .strict()
  .openapi('TrainingParticipantAccountLink');
export type ParticipantAccountLink = z.infer<typeof ParticipantAccountLink>;

/** The person's own record (GET /trainings/me): null when no participant is linked to them. */
export const OwnTrainings = z
  .object({
    participant: ParticipantDetail.nullable(),
  })
  .openapi('OwnTrainings');
export type OwnTrainings = z.infer<typeof OwnTrainings>;
