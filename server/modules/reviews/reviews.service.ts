import { inActorTransaction, type StaffActor, type Store } from '../../db/actor-transaction';
import { withAuditedRefusals } from '../../db/audited-record';
import { violatedUniqueConstraint } from '../../db/errors';
import { asSystemWithin } from '../../db/rls-context';
import { toPage } from '../../http/pagination';
import { problems } from '../../http/problem';
import { record } from '../audit';
import {
  breakGlassReviews,
  caseKeysWithin,
  endGrant,
  findActorTeam,
  type CasesDeps,
} from '../cases';
import { overrideReviews } from '../referrals';
import {
  findReviewSubject,
  insertDecision,
  queuePage,
  type QueueEntry,
} from './reviews.repository';
import type {
  AcknowledgedReview,
  AcknowledgeReview,
  ReviewItem,
  ReviewParams,
  ReviewQuery,
} from './reviews.schemas';

export type ReviewsDeps = CasesDeps & { clock: () => Date };

/**
 * The supervisor's review queue, newest first: break-glass grants made on
 * the team's cases (wherever the case went since) and referrals the team
 * sent as vital-interest overrides, with their justifications decrypted;
 * pending entries or, apart, the reviewed ones; a page at a time. One audited
 * read.
 */
export function reviewQueue(
  deps: ReviewsDeps,
  actor: StaffActor,
  query: ReviewQuery,
): Promise<{ items: ReviewItem[]; nextCursor: string | null }> {
  if (actor.role !== 'supervisor') throw problems.forbidden();
  return inActorTransaction(deps.store, actor, async (trx) => {
    const team = await findActorTeam(trx, actor.id);
    if (!team?.team_id) {
      record(trx, { action: 'review.read', outcome: 'success', purpose: 'view' });
      return { items: [], nextCursor: null };
    }
    const teamId = team.team_id;
    // The team is the actor's own (read under their context); the entries and
    // the keys of cases that have since moved are read as the system.
    return asSystemWithin(trx, actor, async () => {
      const rows = await queuePage(trx, {
        teamId,
        state: query.state,
        after: query.cursor,
        limit: query.limit + 1,
      });
      const page = toPage(rows, query.limit, (last) => ({
        createdAt: last.created_at.toISOString(),
        id: last.id,
      }));
      const ids = (kind: string) => page.items.filter((e) => e.kind === kind).map((e) => e.id);
      const keys = caseKeysWithin(deps, trx);
      const entries = [
        ...(await breakGlassReviews(trx, ids('break_glass'), keys, deps.clock())),
        ...(await overrideReviews(trx, ids('consent_override'), keys)),
      ];
      const byId = new Map(entries.map((entry) => [subjectId(entry), entry]));
      const items = page.items.flatMap((e) => {
        const entry = byId.get(e.id);
        return entry ? [{ ...entry, review: decisionOf(e) }] : [];
      });
      recordQueueRead(trx, items);
      return { items, nextCursor: page.nextCursor };
    });
  });
}

/**
 * One review.read per case the page shows (its justifications are about that
 * case, so each belongs in the case's access report); one without a resource
 * when the page is empty, so that the read itself is never unrecorded.
 */
function recordQueueRead(trx: Parameters<typeof record>[0], items: readonly ReviewItem[]): void {
  const cases = new Set(items.map((item) => item.caseId));
  if (cases.size === 0) record(trx, { action: 'review.read', outcome: 'success', purpose: 'view' });
  for (const caseId of cases) {
    record(trx, {
      action: 'review.read',
      outcome: 'success',
      purpose: 'view',
      resourceType: 'case',
      resourceId: caseId,
    });
  }
}

/**
 * A supervisor of the team whose queue holds the entry records what they
 * concluded; never about their own break-glass or override, and once.
 */
export function acknowledgeReview(
  store: Store,
  actor: StaffActor,
  params: ReviewParams,
  input: AcknowledgeReview,
): Promise<AcknowledgedReview> {
  if (actor.role !== 'supervisor') throw problems.forbidden();
  const resourceType = params.kind === 'break_glass' ? 'case_access_grant' : 'referral';
  const resource = {
    type: resourceType,
    id: params.id,
    exists: async (trx: Parameters<typeof findReviewSubject>[0]) =>
      (await findReviewSubject(trx, params.kind, params.id)) !== undefined,
  };
  return withAuditedRefusals(store, actor, resource, () =>
    inActorTransaction(store, actor, async (trx) => {
      const team = await findActorTeam(trx, actor.id);
      const subject = await asSystemWithin(trx, actor, () =>
        findReviewSubject(trx, params.kind, params.id),
      );
      if (!subject || !team?.team_id || subject.teamId !== team.team_id) {
        throw problems.notFound();
      }
      if (subject.madeBy === actor.id) {
        throw problems.fourEyes(
          'Another supervisor must review this',
          'Nobody reviews their own break-glass access or override.',
        );
      }
      const reviewedAt = await insertDecisionOnce(trx, {
        kind: params.kind,
        subject_id: params.id,
        team_id: team.team_id,
        outcome: input.outcome,
        reviewed_by: actor.id,
      });
      // Found unjustified: the emergency access ends now, if it still runs.
      if (params.kind === 'break_glass' && input.outcome === 'not_justified') {
        await endGrant(trx, params.id);
      }
      record(trx, {
        action: 'review.acknowledge',
        outcome: 'success',
        resourceType,
        resourceId: params.id,
        purpose: input.outcome,
      });
      return {
        kind: params.kind,
        id: params.id,
        outcome: input.outcome,
        reviewedBy: actor.id,
        reviewedAt: reviewedAt.toISOString(),
      };
    }),
  );
}

async function insertDecisionOnce(...args: Parameters<typeof insertDecision>): Promise<Date> {
  try {
    return await insertDecision(...args);
  } catch (error) {
    if (violatedUniqueConstraint(error) === 'review_decisions_kind_subject_id_key') {
      throw problems.conflict('already_reviewed', 'This entry has already been reviewed');
    }
    throw error;
  }
}

function subjectId(entry: { kind: string; grantId?: string; referralId?: string }): string {
  return (entry.kind === 'break_glass' ? entry.grantId : entry.referralId) ?? '';
}

function decisionOf(entry: QueueEntry): ReviewItem['review'] {
  return entry.outcome && entry.reviewed_by && entry.reviewed_at
    ? {
        outcome: entry.outcome,
        reviewedBy: entry.reviewed_by,
        reviewedAt: entry.reviewed_at.toISOString(),
      }
    : null;
}
