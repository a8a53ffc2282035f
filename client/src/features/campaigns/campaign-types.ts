import type { components } from '../../api/schema';

/** The API's campaign types, apart from the hooks (the forms' pure code uses them). */
type Schemas = components['schemas'];
export type Campaign = Schemas['Campaign'];
export type CampaignDetail = Schemas['CampaignDetail'];
export type NewCampaign = Schemas['NewCampaign'];
export type CampaignChange = Schemas['CampaignChange'];
export type Activity = Schemas['CampaignActivity'];
export type NewActivity = Schemas['NewCampaignActivity'];
export type ActivityChange = Schemas['CampaignActivityChange'];
export type CampaignResults = Schemas['CampaignResults'];
export type Trend = Schemas['CampaignTrend'];
export type Release = Schemas['StatisticsRelease'];
