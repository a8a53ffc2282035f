import type { ActorRole } from '../../db/actor-transaction';
import { TRAINING_SECTORS } from '../trainings';
import { MEASURE_KINDS, type MeasureFilters, type MeasureKind } from './management-figures';

/**
 * Who uses targets and budget, and the closed lists a target's measure is
 * defined with. Migration 0027 checks the measure kinds (target_measure_kinds());
 * the filters' codes are the vocabularies of the records each measure reads.
 */

/** Targets and budget are the coordinator's (PRODUCT.md); nobody else reads them. */
export const TARGET_ROLES = ['coordinator'] as const satisfies readonly ActorRole[];

export { MEASURE_KINDS, type MeasureKind };

export { TRAINING_SECTORS };

export const BUDGET_KINDS = ['codificado', 'devengado'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

/** Why a budget entry is voided (audit purposes too). */
export const VOID_REASONS = ['recorded_in_error', 'duplicate_record'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

type FilterName = keyof MeasureFilters;

/** The filters each measure takes (docs/TARGETS.md says what each filters on). */
export const MEASURE_FILTERS: Record<MeasureKind, readonly FilterName[]> = {
  people_trained: ['programmeIds', 'sectors', 'provinces'],
  people_certified: ['programmeIds', 'sectors', 'provinces'],
  training_hours_delivered: ['programmeIds', 'sectors', 'provinces'],
  campaign_activities_held: ['campaignIds', 'channels', 'provinces'],
  people_reached: ['campaignIds', 'channels', 'provinces', 'groups'],
  referrals_completed: ['sectors'],
  cases_attended: [],
  manual: [],
};

/**
 * The case-work measures: counted only over quarters that have ended in
 * Ecuador (a running quarter is pending), so that reading them again and
 * again cannot tell when one referral was completed (docs/TARGETS.md).
 * Training and campaign measures hold no victim data and are live.
 */
export const ENDED_QUARTERS_MEASURES: readonly MeasureKind[] = [
  'referrals_completed',
  'cases_attended',
];
