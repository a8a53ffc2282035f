import { Id, z } from '../../http/zod';
import { Day, Province, Sector } from './trainings-fields';

/*
 * Counts for the coordinator's reports: never a name, an e-mail or a
 * participant id. The figures are defined in docs/TRAININGS.md ("The
 * figures") and counted by training-figures.ts, as the targets and the
 * management report count them. Erased participants still count (their
 * enrolments, attendance and scores stay).
 */

export const AggregatesQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    from: Day.optional().openapi({ description: 'With to, instead of year' }),
    to: Day.optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    const range = query.from !== undefined || query.to !== undefined;
    if (query.year !== undefined && range) {
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'Give a year or a range, not both' });
    } else if (query.year === undefined && !range) {
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'Give a year, or from and to' });
    } else if (range && (query.from === undefined || query.to === undefined)) {
      const missing = query.from === undefined ? 'from' : 'to';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'Give both from and to' });
    } else if (range && query.to! < query.from!) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must be on or after from' });
    }
  });
export type AggregatesQuery = z.infer<typeof AggregatesQuery>;

const KnowledgeGain = z
  .object({
    mean: z
      .number()
      .nullable()
      .openapi({ description: 'Mean of post − pre, two decimals; null when n is 0' }),
    n: z.number().int().openapi({ description: 'Enrolments with both scores' }),
  })
  .openapi('TrainingKnowledgeGain');

const Rate = (description: string) => z.number().nullable().openapi({ description });

export const TrainingAggregates = z
  .object({
    period: z.object({ from: z.iso.date(), to: z.iso.date() }),
    programmes: z.number().int().openapi({ description: 'Programmes ending in the period' }),
    enrolments: z.number().int().openapi({ description: 'Enrolments in those programmes' }),
    completedEnrolments: z.number().int(),
    peopleEnrolled: z
      .number()
      .int()
      .openapi({ description: 'Distinct participants enrolled in those programmes' }),
    completionPercent: Rate(
      'peopleTrained / peopleEnrolled × 100, two decimals, half up; null when nobody enrolled',
    ),
    peopleTrained: z.number().int().openapi({
      description: 'Distinct participants who completed at least one of those programmes',
    }),
    peopleCertified: z.number().int().openapi({
      description: 'Distinct participants with a certificate issued in the period, not revoked',
    }),
    hoursDelivered: z.number().openapi({
      description: 'Hours of the sessions held in the period with at least one participant present',
    }),
    knowledgeGain: KnowledgeGain,
    bySector: z.array(z.object({ sector: Sector, peopleTrained: z.number().int() })),
    byInstitution: z.array(
      z.object({
        // null: erased on the person's own request (their institution no longer kept).
        institutionName: z.string().nullable(),
        peopleTrained: z.number().int(),
      }),
    ),
    byProvince: z.array(
      z.object({
        // null: not recorded.
        province: Province.nullable(),
        peopleTrained: z.number().int(),
      }),
    ),
    byProgramme: z.array(
      z.object({
        programmeId: Id,
        name: z.string(),
        startsOn: z.iso.date(),
        endsOn: z.iso.date(),
        totalHours: z.number(),
        enrolments: z.number().int(),
        completedEnrolments: z.number().int(),
        completionPercent: Rate('completedEnrolments / enrolments × 100; null when none'),
        knowledgeGain: KnowledgeGain,
      }),
    ),
  })
  .openapi('TrainingAggregates', {
    description:
      'Counts only. Lists are ordered by peopleTrained (most first), then by name; ' +
      'byProgramme by end date',
  });
export type TrainingAggregates = z.infer<typeof TrainingAggregates>;
