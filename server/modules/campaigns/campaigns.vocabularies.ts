import type { ActorRole } from '../../db/actor-transaction';
import { VULNERABILITY_GROUPS } from '../cases/cases.vocabularies';
import { PROVINCES } from '../statistics';

/**
 * The closed lists a campaign is planned with. Migration 0024 checks the
 * same lists (campaign_territories(), campaign_target_groups(),
 * campaign_channels()); test/api/campaigns.test.ts compares them.
 */

export type Territory = Exclude<(typeof PROVINCES)[number], 'other' | 'not_recorded'>;
const isTerritory = (p: (typeof PROVINCES)[number]): p is Territory =>
  p !== 'other' && p !== 'not_recorded';
/** Ecuador's provinces, as the statistics releases name them (their `province` dimension). */
export const TERRITORIES = PROVINCES.filter(isTerritory) as [Territory, ...Territory[]];

/** The groups a campaign targets: the cases' vulnerability groups (PRODUCT.md). */
export const TARGET_GROUPS = VULNERABILITY_GROUPS;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/**
 * The groups reach is counted by: each person reached is counted once, in
 * one group, `general_public` for anyone the activity did not reach as a
 * member of one of the groups — so an activity's counts add up to its reach.
 */
export const REACH_GROUPS = [...VULNERABILITY_GROUPS, 'general_public'] as const;
export type ReachGroup = (typeof REACH_GROUPS)[number];

export const CHANNELS = [
  'schools',
  'community_workshops',
  'radio',
  'television',
  'social_media',
  'transport_terminals',
  'health_centres',
  'workplaces',
  'public_spaces',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Who reads campaigns: the lead agency's staff and the system's own roles.
 * Not partners: they see only the referrals addressed to their institution
 * (PRODUCT.md). Only coordinators write. Migration 0024's campaign_reader()
 * says the same.
 */
export const CAMPAIGN_READERS = [
  'caseworker',
  'supervisor',
  'coordinator',
  'admin',
  'auditor',
] as const satisfies readonly ActorRole[];

export const CAMPAIGN_STATUSES = ['planned', 'running', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** The dimensions of a statistics table a campaign's targets select cells of. */
export const TREND_DIMENSIONS = ['province', 'vulnerability_group'] as const;
export type TrendDimension = (typeof TREND_DIMENSIONS)[number];

/** Limits that keep one campaign's record and its results a bounded size. */
export const MAX_LINKED_RELEASES = 20;
export const MAX_ACTIVITIES = 1000;
export const MAX_PLANNED_REACH = 100_000_000;
export const MAX_ACTIVITY_REACH = 1_000_000;
/** numeric(14,2): twelve digits before the point. */
export const MAX_BUDGET_USD = 999_999_999_999.99;
/** A trend shows the nearest periods on each side of a campaign, so many at most… */
export const TREND_PERIODS_EACH_SIDE = 8;
/** …and of several releases of one period, the last published, so many at most. */
export const TREND_RELEASES_PER_PERIOD = 3;
