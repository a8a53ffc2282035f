export { campaignsRoutes } from './campaigns.routes';
export { registerCampaignsOpenApi } from './campaigns.openapi';
export type { CampaignsDeps } from './campaigns.service';
export {
  CAMPAIGN_READERS,
  CAMPAIGN_STATUSES,
  CHANNELS,
  REACH_GROUPS,
  TARGET_GROUPS,
  TERRITORIES,
} from './campaigns.vocabularies';
// Use cases and their inputs, for the demo data (server/modules/demo) to write through.
export { createCampaign } from './campaign-write';
export { createActivity } from './activities';
export { NewCampaign } from './campaign.schemas';
export { NewActivity } from './activity.schemas';
