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
