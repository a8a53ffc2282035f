import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { Id, z } from '../../http/zod';
import type { CaseKeys } from '../cases';
import { overrideAddress, unseal } from './referral-crypto';

export const ConsentOverrideReview = z
  .object({
    kind: z.literal('consent_override'),
    referralId: Id,
    caseId: Id,
    caseNumber: z.string(),
    institutionId: Id,
    categories: z.array(z.string()),
    userId: Id,
    createdAt: z.iso.datetime(),
    /** Null once the case has been erased. */
    justification: z.string().nullable(),
  })
  .openapi('ConsentOverrideReview');
export type ConsentOverrideReview = z.infer<typeof ConsentOverrideReview>;

/** Referrals sent without covering consent (vital interest), by id, for the review queue. */
export async function overrideReviews(
  trx: Transaction<DB>,
  referralIds: string[],
  keys: CaseKeys,
): Promise<ConsentOverrideReview[]> {
  if (referralIds.length === 0) return [];
  const rows = await trx
    .selectFrom('referrals as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select([
      'r.id',
      'r.case_id',
      'c.case_number',
      'c.erased_at',
      'r.institution_id',
      'r.categories',
      'r.created_by',
      'r.created_at',
      'r.override_justification_enc',
    ])
    .where('r.id', 'in', referralIds)
    .where('r.vital_interest_override', '=', true)
    .execute();
  const reviews: ConsentOverrideReview[] = [];
  for (const r of rows) {
    const caseKey = await keys(r.case_id, r.erased_at);
    reviews.push({
      kind: 'consent_override',
      referralId: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      institutionId: r.institution_id,
      categories: r.categories,
      userId: r.created_by,
      createdAt: r.created_at.toISOString(),
      justification:
        caseKey && r.override_justification_enc
          ? unseal(caseKey, overrideAddress(r.id), r.override_justification_enc)
          : null,
    });
  }
  return reviews;
}
