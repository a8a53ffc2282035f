import type { Covers } from '../../api/covers';
import type { components } from '../../api/schema';
import type { BudgetKind, BudgetVoidReason, MeasureKind } from './target-types';

type InstitutionSector = components['schemas']['InstitutionSector'];

/**
 * The closed lists targets and budget are defined with, in the server's
 * order (each proven complete against the API's types below).
 */
export const MEASURE_KINDS = [
  'people_trained',
  'people_certified',
  'training_hours_delivered',
  'campaign_activities_held',
  'people_reached',
  'referrals_completed',
  'cases_attended',
  'manual',
] as const satisfies readonly MeasureKind[];

export const BUDGET_KINDS = ['codificado', 'devengado'] as const satisfies readonly BudgetKind[];

export const VOID_REASONS = [
  'recorded_in_error',
  'duplicate_record',
] as const satisfies readonly BudgetVoidReason[];

/** The participants' sectors of trainings (the API's TrainingSector). */
export const TRAINING_SECTORS = [
  'security',
  'justice',
  'health',
  'social_protection',
  'education',
  'labour',
  'migration',
  'other',
] as const;

/** Institutions' sectors (a referral's receiving institution: the API's InstitutionSector). */
export const INSTITUTION_SECTORS = [
  'justice',
  'health',
  'social_protection',
  'education',
  'labour',
  'migration',
  'shelter',
  'legal_aid',
  'other',
] as const satisfies readonly InstitutionSector[];

export type FilterName =
  'programmeIds' | 'sectors' | 'provinces' | 'campaignIds' | 'channels' | 'groups';

/** The filters each measure takes, in the order the editor shows them. */
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

export const QUARTERS = [1, 2, 3, 4] as const;
export type QuarterNumber = (typeof QUARTERS)[number];

export const LISTS_ARE_COMPLETE: [
  Covers<MeasureKind, typeof MEASURE_KINDS>,
  Covers<BudgetKind, typeof BUDGET_KINDS>,
  Covers<BudgetVoidReason, typeof VOID_REASONS>,
  Covers<InstitutionSector, typeof INSTITUTION_SECTORS>,
] = [true, true, true, true];

/** The server's limits (target-fields.ts), checked here before sending. */
export const MAX_EXECUTING_UNITS = 10;
/** At most 12 integer digits and 2 decimals. */
export const MAX_DECIMAL = 999_999_999_999.99;
