import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import { Activity, ActivityChange, NewActivity } from './activity.schemas';
import {
  CampaignChange,
  CampaignDetail,
  CampaignPage,
  CampaignQuery,
  NewCampaign,
} from './campaign.schemas';
import { CampaignResults } from './results.schemas';

const READ =
  "The lead agency's staff and the system's own roles: caseworker, supervisor, coordinator, " +
  'admin, auditor (not partners: 403, audited). Not audited: nothing personal is read';
const WRITE = 'Coordinator. Audited (one event naming the record)';
const PERSONAL =
  'A free text holding an e-mail address or a run of seven or more digits (a phone or ' +
  'identity number) is refused: 400 looks_personal naming the field';

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
      `release_not_found / release_not_published on body.releaseIds.N). ${PERSONAL}. ${WRITE}`,
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
      `campaign_has_activities_outside, naming the field. ${PERSONAL}. ${WRITE}`,
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
      'Reach against plan by territory and group, like with like: a row with a plan counts ' +
      'the reach in the cells its plan names against it, and reports the rest apart ' +
      '(reachedOutsidePlan). Once the campaign has ended, the trend of each linked ' +
      "release's table before and after it (the nearest periods each side), with the " +
      "releases' 95 % error bounds: a change within the bounds is not a change, and a total " +
      `leaving suppressed cells out is compared with nothing (changeWithinBounds null). ${READ}`,
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
      "Record an activity once it has happened: within the campaign's period and not after " +
      "today (Ecuador's date; 400 in_the_future), in one of its territories, by one of its " +
      `channels; reach as counts by group only. ${PERSONAL}. ${WRITE}`,
    request: { params: campaignParams, body: jsonContent(NewActivity) },
    responses: {
      201: { description: 'The activity', ...jsonContent(Activity) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/campaigns/{id}/activities/{activityId}',
    summary:
      'Change an activity from the version read (409 stale_version otherwise), by the rules ' +
      `of recording one. ${PERSONAL}. ${WRITE}`,
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
