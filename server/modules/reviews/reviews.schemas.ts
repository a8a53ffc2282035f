import { Cursor, Page, PositionTime } from '../../http/pagination';
import { Id, z } from '../../http/zod';
import { BreakGlassReview } from '../cases';
import { ConsentOverrideReview } from '../referrals';

export const REVIEW_KINDS = ['break_glass', 'consent_override'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** What the reviewing supervisor concluded (a code: it goes into the audit event). */
export const REVIEW_OUTCOMES = ['justified', 'not_justified', 'needs_follow_up'] as const;

export const ReviewDecision = z
  .object({
    outcome: z.enum(REVIEW_OUTCOMES),
    reviewedBy: Id,
    reviewedAt: z.iso.datetime(),
  })
  .openapi('ReviewDecision');
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** A queue entry and, once a supervisor has looked at it, their decision. */
export const ReviewItem = z
  .discriminatedUnion('kind', [
    BreakGlassReview.extend({ review: ReviewDecision.nullable() }),
    ConsentOverrideReview.extend({ review: ReviewDecision.nullable() }),
  ])
  .openapi('ReviewItem');
export type ReviewItem = z.infer<typeof ReviewItem>;

const ReviewPosition = z.object({ createdAt: PositionTime, id: Id }).strict();

export const ReviewQuery = Cursor(ReviewPosition)
  .extend({
    /** `pending` (default): what still needs a decision; `reviewed`: the decided ones, apart. */
    state: z.enum(['pending', 'reviewed']).default('pending'),
  })
  .strict();
export type ReviewQuery = z.infer<typeof ReviewQuery>;

export const ReviewPage = Page(ReviewItem).openapi('ReviewPage');

export const ReviewParams = z.object({ kind: z.enum(REVIEW_KINDS), id: Id }).strict();
export type ReviewParams = z.infer<typeof ReviewParams>;

export const AcknowledgeReview = z
  .object({ outcome: z.enum(REVIEW_OUTCOMES) })
  .strict()
  .openapi('AcknowledgeReview');
export type AcknowledgeReview = z.infer<typeof AcknowledgeReview>;

export const AcknowledgedReview = ReviewDecision.extend({
  kind: z.enum(REVIEW_KINDS),
  id: Id,
}).openapi('AcknowledgedReview');
export type AcknowledgedReview = z.infer<typeof AcknowledgedReview>;
