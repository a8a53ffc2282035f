import { isPlainText, NO_HIDDEN_CHARACTERS } from '../../http/plain-text';
import { Cursor, Page, PositionTime } from '../../http/pagination';
import { Id, z } from '../../http/zod';
import { ManagementReportSnapshot, ReportPeriod } from './report-snapshot';

/*
 * The management reports' API (docs/MANAGEMENT_REPORT.md). Texts are
 * written by coordinators about the programme and printed in a report that
 * leaves the institution: plain text with line breaks, at most MAX_TEXT
 * characters, and never what looks like a person's data (400
 * looks_personal: the service checks).
 */

export const MAX_TEXT = 6000;

const Text = z
  .string()
  .trim()
  .max(MAX_TEXT)
  .refine((text) => isPlainText(text, { lineBreaks: true }), {
    message: `${NO_HIDDEN_CHARACTERS} other than line breaks`,
  })
  .openapi({
    description:
      'Plain text (line breaks allowed; an empty line separates paragraphs). An e-mail address ' +
      'or a run of seven or more digits (a phone or identity number) is refused (400 ' +
      'looks_personal)',
  });

const Year = z.number().int().min(2000).max(2100);
const Quarter = z.number().int().min(1).max(4);

const Version = z.number().int().min(1).openapi({
  description: 'The version this change was made from: a stale one is refused (409 stale_version)',
});

export const NewManagementReport = z
  .object({
    year: Year,
    quarter: Quarter.nullable()
      .default(null)
      .openapi({ description: 'A quarterly report (accumulated from 1 January); null: the year' }),
    conclusions: Text.default(''),
    recommendations: Text.default(''),
    challenges: Text.default(''),
  })
  .strict()
  .openapi('NewManagementReport');
export type NewManagementReport = z.infer<typeof NewManagementReport>;

export const ManagementReportChange = z
  .object({
    version: Version,
    conclusions: Text.optional(),
    recommendations: Text.optional(),
    challenges: Text.optional(),
  })
  .strict()
  .refine((change) => Object.keys(change).some((key) => key !== 'version'), {
    message: 'Change at least one text besides version',
  })
  .openapi('ManagementReportChange', {
    description:
      "Changes a draft's texts (its preparer only). A change withdraws the draft's review",
  });
export type ManagementReportChange = z.infer<typeof ManagementReportChange>;

export const ManagementReportReview = z
  .object({ version: Version })
  .strict()
  .openapi('ManagementReportReview');
export type ManagementReportReview = z.infer<typeof ManagementReportReview>;

export const ManagementReportApproval = z
  .object({
    version: Version,
    figuresDigest: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .openapi({
        description:
          'The figuresDigest of the preview the approver read: if the records changed since, the ' +
          'approval is refused (409 figures_changed) and the preview must be read again',
      }),
  })
  .strict()
  .openapi('ManagementReportApproval');
export type ManagementReportApproval = z.infer<typeof ManagementReportApproval>;

const Signer = z
  .object({ id: Id, name: z.string(), at: z.iso.datetime() })
  .openapi('ManagementReportSigner');

export const ManagementReport = z
  .object({
    id: Id,
    period: ReportPeriod,
    status: z.enum(['draft', 'approved']),
    conclusions: z.string(),
    recommendations: z.string(),
    challenges: z.string(),
    preparedBy: Signer.openapi({ description: 'Who created it; the time of their last change' }),
    reviewedBy: Signer.nullable().openapi({
      description: 'Null until reviewed; a change of the texts withdraws the review',
    }),
    approvedBy: Signer.nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('ManagementReport');
export type ManagementReport = z.infer<typeof ManagementReport>;

export const ManagementReportDetail = ManagementReport.extend({
  snapshot: ManagementReportSnapshot.openapi({
    description:
      "A draft's: computed now from the records (the preview); an approved report's: as " +
      'frozen at its approval',
  }),
  figuresDigest: z.string().openapi({
    description: "A digest of the snapshot's figures, to name in the approval",
  }),
  approvableFrom: z.iso.date().openapi({
    description:
      'The first day (Ecuador) the report may be approved: the day after its period ends. ' +
      'Before it, an approval answers 409 period_not_ended',
  }),
  periodEnded: z.boolean().openapi({
    description: 'Whether its period had ended (Ecuador) when this was read',
  }),
}).openapi('ManagementReportDetail');
export type ManagementReportDetail = z.infer<typeof ManagementReportDetail>;

const ReportPosition = z.object({ createdAt: PositionTime, id: Id }).strict();
export type ReportPosition = z.infer<typeof ReportPosition>;

export const ManagementReportQuery = Cursor(ReportPosition)
  .extend({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    status: z.enum(['draft', 'approved']).optional(),
  })
  .strict();
export type ManagementReportQuery = z.infer<typeof ManagementReportQuery>;

export const ManagementReportPage = Page(ManagementReport).openapi('ManagementReportPage');
export type ManagementReportPage = z.infer<typeof ManagementReportPage>;

export const ManagementReportParams = z.object({ id: Id }).strict();
export type ManagementReportParams = z.infer<typeof ManagementReportParams>;
