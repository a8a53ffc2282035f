import type { Covers } from '../../api/covers';
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
export type Territory = Schemas['CampaignTerritory'];
export type TargetGroup = Schemas['CampaignTargetGroup'];
export type ReachGroup = Schemas['CampaignReachGroup'];
export type Channel = Schemas['CampaignChannel'];
export type CampaignStatus = Schemas['CampaignStatus'];

/**
 * The closed lists a campaign is planned with, in the server's order (each
 * proven complete against the API's types below). Territories are Ecuador's
 * provinces as the statistics releases name them.
 */
export const TERRITORIES = [
  'Azuay',
  'Bolívar',
  'Cañar',
  'Carchi',
  'Cotopaxi',
  'Chimborazo',
  'El Oro',
  'Esmeraldas',
  'Guayas',
  'Imbabura',
  'Loja',
  'Los Ríos',
  'Manabí',
  'Morona Santiago',
  'Napo',
  'Pastaza',
  'Pichincha',
  'Tungurahua',
  'Zamora Chinchipe',
  'Galápagos',
  'Sucumbíos',
  'Orellana',
  'Santo Domingo de los Tsáchilas',
  'Santa Elena',
] as const satisfies readonly Territory[];

export const TARGET_GROUPS = [
  'migrant',
  'woman',
  'child_adolescent',
  'lgbti',
  'indigenous',
  'disability',
] as const satisfies readonly TargetGroup[];

/** Reach is counted by group: each person once, `general_public` when not reached as a member of one. */
export const REACH_GROUPS = [
  ...TARGET_GROUPS,
  'general_public',
] as const satisfies readonly ReachGroup[];

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
] as const satisfies readonly Channel[];

export const CAMPAIGN_STATUSES = [
  'planned',
  'running',
  'ended',
] as const satisfies readonly CampaignStatus[];

export const LISTS_ARE_COMPLETE: [
  Covers<Territory, typeof TERRITORIES>,
  Covers<TargetGroup, typeof TARGET_GROUPS>,
  Covers<ReachGroup, typeof REACH_GROUPS>,
  Covers<Channel, typeof CHANNELS>,
  Covers<CampaignStatus, typeof CAMPAIGN_STATUSES>,
] = [true, true, true, true, true];

/** The server's limits (campaigns.vocabularies.ts), checked here before sending. */
export const MAX_LINKED_RELEASES = 20;
export const MAX_PLANNED_REACH = 100_000_000;
export const MAX_ACTIVITY_REACH = 1_000_000;
export const MAX_BUDGET_USD = 999_999_999_999.99;
