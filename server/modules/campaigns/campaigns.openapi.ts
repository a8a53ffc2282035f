import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import {
  Activity,
  ActivityChange,
  CampaignChange,
  CampaignDetail,
  CampaignPage,
  CampaignQuery,
  CampaignResults,
  NewActivity,
  NewCampaign,
} from './campaigns.schemas';

const READ =
  'Any signed-in staff role (campaigns hold no personal data). Not audited: nothing personal is read';
const WRITE = 'Coordinator. Audited (one event naming the record)';

export function registerCampaignsOpenApi(registry: OpenAPIRegistry): void {
  const campaignParams = z.object({ id: Id });
  const activityParams = z.object({ id: Id, activityId: Id });

  registry.registerPath({
    method: 'get',
    path: '/api/v1/campaigns',
    summary:
      `Prevention campaigns, latest start first; filter by status (on Ecuador's date), a day ` +
      `they are active on, a target territory or group. ${READ}`,
    request: { query: CampaignQuery },
    responses: {
      200: { description: 'A page of campaigns', ...jsonContent(CampaignPage) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/campaigns',
    summary:
      'Create a campaign. The releases linked must be published statistics releases (400 ' +
      `release_not_found / release_not_published on body.releaseIds.N). ${WRITE}`,
    request: { body: jsonContent(NewCampaign) },
    responses: {
      201: { description: 'The campaign', ...jsonContent(CampaignDetail) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/campaigns/{id}',
    summary: `A campaign with its linked releases and its activities. ${READ}`,
    request: { params: campaignParams },
    responses: {
      200: { description: 'The campaign', ...jsonContent(CampaignDetail) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/campaigns/{id}',
    summary:
      'Change a campaign from the version read (409 stale_version otherwise). A change that ' +
      'would leave recorded activities outside the period, territories or channels is 409 ' +
      `campaign_has_activities_outside, naming the field. ${WRITE}`,
    request: { params: campaignParams, body: jsonContent(CampaignChange) },
    responses: {
      200: { description: 'The campaign as changed', ...jsonContent(CampaignDetail) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/campaigns/{id}/results',
    summary:
      'Reach against plan by territory and group; once the campaign has ended, the trend of ' +
      "each linked release's table before and after it, with the releases' 95 % error bounds " +
      `(a change within the bounds is not a change). ${READ}`,
    request: { params: campaignParams },
    responses: {
      200: { description: 'The results', ...jsonContent(CampaignResults) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/campaigns/{id}/activities',
    summary:
      "Record an activity: within the campaign's period, in one of its territories, by one of " +
      `its channels; reach as counts by group only. ${WRITE}`,
    request: { params: campaignParams, body: jsonContent(NewActivity) },
    responses: {
      201: { description: 'The activity', ...jsonContent(Activity) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/campaigns/{id}/activities/{activityId}',
    summary: `Change an activity from the version read (409 stale_version otherwise). ${WRITE}`,
    request: { params: activityParams, body: jsonContent(ActivityChange) },
    responses: {
      200: { description: 'The activity as changed', ...jsonContent(Activity) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/campaigns/{id}/activities/{activityId}',
    summary: `Delete an activity recorded in error, with its reach. ${WRITE}`,
    request: { params: activityParams },
    responses: {
      204: { description: 'Deleted' },
      ...problemResponses(400, 401, 403, 404),
    },
  });
}
