import { isPlainText, NO_HIDDEN_CHARACTERS } from '../../http/plain-text';
import { Id, z } from '../../http/zod';

/** Most participants a programme may certify in one request (a large cohort). */
export const MAX_ISSUED_AT_ONCE = 500;

export const ProgrammeParams = z.object({ id: Id }).strict();
export type ProgrammeParams = z.infer<typeof ProgrammeParams>;
export const CertificateParams = z.object({ id: Id }).strict();
export type CertificateParams = z.infer<typeof CertificateParams>;

export const IssueCertificates = z
  .object({
    participantIds: z
      .array(Id)
      .min(1)
      .max(MAX_ISSUED_AT_ONCE)
      .superRefine((ids, ctx) => {
        ids.forEach((id, index) => {
          if (ids.indexOf(id) !== index) {
            ctx.addIssue({ code: 'custom', message: 'Listed twice', path: [index] });
          }
        });
      })
      .optional()
      .openapi({
        description:
          'These participants of the programme. Each must have completed it by its rule ' +
          '(409 not_completed, naming body.participantIds.N) and hold no valid certificate ' +
          'of it (409 already_certified). All are issued, or none',
      }),
    allCompleted: z
      .literal(true)
      .optional()
      .openapi({
        description:
          'Every participant who completed the programme and holds no valid certificate of it ' +
          '(409 nothing_to_issue when there is none)',
      }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.participantIds === undefined) === (body.allCompleted === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['participantIds'],
        message: 'Give either participantIds or allCompleted: true',
      });
    }
  })
  .openapi('IssueTrainingCertificates');
export type IssueCertificates = z.infer<typeof IssueCertificates>;

export const RevokeCertificate = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .refine((text) => isPlainText(text, { lineBreaks: true }), {
        message: `${NO_HIDDEN_CHARACTERS} other than line breaks`,
      })
      .openapi({
        description:
          'Why (plain text, kept with the certificate, shown to coordinators only: the holder ' +
          'sees the day of revocation, never publicly). An e-mail address or a run of seven or more digits is refused ' +
          '(400 looks_personal)',
      }),
  })
  .strict()
  .openapi('RevokeTrainingCertificate');
export type RevokeCertificate = z.infer<typeof RevokeCertificate>;

const Day = z.iso.date();
const Status = z.enum(['valid', 'revoked']).openapi('TrainingCertificateStatus');

const content = {
  programmeName: z.string(),
  totalHours: z.number().openapi({ description: "The programme's total hours (two decimals)" }),
  startsOn: Day,
  endsOn: Day,
  issuingInstitutions: z.array(z.string()).openapi({
    description: "The lead agency, then the programme's partner institution when it has one",
  }),
  issuedOn: Day.openapi({ description: "Ecuador's calendar day of issue" }),
  status: Status,
  revokedOn: Day.nullable(),
};

export const TrainingCertificate = z
  .object({
    id: Id,
    programmeId: Id,
    participantId: Id,
    holderName: z.string().nullable().openapi({
      description: 'The name as issued; null once the participant has been erased',
    }),
    code: z.string().nullable().openapi({
      description: 'The verification code, grouped (XXXX-XXXX-XXXX-XXXX); null once erased',
    }),
    verificationUrl: z.string().nullable(),
    ...content,
    issuedAt: z.iso.datetime({ offset: true }),
    issuedBy: Id,
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
    revokedBy: Id.nullable(),
    revocationReason: z.string().nullable(),
  })
  .openapi('TrainingCertificate');
export type TrainingCertificate = z.infer<typeof TrainingCertificate>;

export const TrainingCertificateList = z
  .object({ items: z.array(TrainingCertificate) })
  .openapi('TrainingCertificateList');
export type TrainingCertificateList = z.infer<typeof TrainingCertificateList>;

/**
 * A certificate as its holder sees it: whether and on which day it was
 * revoked, never why nor which staff member issued or revoked it.
 */
export const OwnTrainingCertificate = TrainingCertificate.omit({
  issuedBy: true,
  revokedAt: true,
  revokedBy: true,
  revocationReason: true,
}).openapi('OwnTrainingCertificate');
export type OwnTrainingCertificate = z.infer<typeof OwnTrainingCertificate>;

export const OwnTrainingCertificateList = z
  .object({ items: z.array(OwnTrainingCertificate) })
  .openapi('OwnTrainingCertificateList');
export type OwnTrainingCertificateList = z.infer<typeof OwnTrainingCertificateList>;

/** What the public verification answers: nothing more. */
export const CertificateVerification = z
  .object({
    code: z.string().openapi({ description: 'The code as checked, grouped' }),
    holderName: z
      .string()
      .nullable()
      .openapi({
        description:
          "The holder's name as issued, for a valid certificate; null for a revoked one (it " +
          "does not say whose it was) and once the participant's data has been erased: the " +
          'rest of the certificate is still answered',
      }),
    ...content,
  })
  .openapi('TrainingCertificateVerification');
export type CertificateVerification = z.infer<typeof CertificateVerification>;

export const CodeParams = z.object({
  code: z.string().openapi({
    description:
      'A verification code, any case, hyphens and spaces ignored. A malformed code and an ' +
      'unknown one answer the same 404',
  }),
});
