import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { ActivityChange, ActivityParams, NewActivity } from './activity.schemas';
import { createActivity, deleteActivity, updateActivity } from './activities';
import { campaignResults } from './campaign-results';
import { listCampaigns, readCampaign } from './campaign-read';
import { createCampaign, updateCampaign } from './campaign-write';
import { CampaignChange, CampaignParams, CampaignQuery, NewCampaign } from './campaign.schemas';
import type { CampaignsDeps } from './campaigns.service';
import { CAMPAIGN_READERS } from './campaigns.vocabularies';

/** `/campaigns`: the lead agency's staff read (CAMPAIGN_READERS; not partners); coordinators write. */
export function campaignsRoutes(deps: CampaignsDeps & { access: AccessControl }) {
  const router = createRouter();
  const readers = deps.access.requireRole(...CAMPAIGN_READERS);
  const coordinator = deps.access.requireRole('coordinator');

  router.get('/', ...readers, validate({ query: CampaignQuery }), async (req, res) => {
    res.json(await listCampaigns(deps, actorOf(req), req.query as unknown as CampaignQuery));
  });
  router.post('/', ...coordinator, validate({ body: NewCampaign }), async (req, res) => {
    res.status(201).json(await createCampaign(deps, actorOf(req), req.body as NewCampaign));
  });
  router.get('/:id', ...readers, validate({ params: CampaignParams }), async (req, res) => {
    const { id } = req.params as unknown as CampaignParams;
    res.json(await readCampaign(deps, actorOf(req), id));
  });
  router.patch(
    '/:id',
    ...coordinator,
    validate({ params: CampaignParams, body: CampaignChange }),
    async (req, res) => {
      const { id } = req.params as unknown as CampaignParams;
      res.json(await updateCampaign(deps, actorOf(req), id, req.body as CampaignChange));
    },
  );
  router.get('/:id/results', ...readers, validate({ params: CampaignParams }), async (req, res) => {
    const { id } = req.params as unknown as CampaignParams;
    res.json(await campaignResults(deps, actorOf(req), id));
  });
  router.post(
    '/:id/activities',
    ...coordinator,
    validate({ params: CampaignParams, body: NewActivity }),
    async (req, res) => {
      const { id } = req.params as unknown as CampaignParams;
      res.status(201).json(await createActivity(deps, actorOf(req), id, req.body as NewActivity));
    },
  );
  router.patch(
    '/:id/activities/:activityId',
    ...coordinator,
    validate({ params: ActivityParams, body: ActivityChange }),
    async (req, res) => {
      const { id, activityId } = req.params as unknown as ActivityParams;
      res.json(
        await updateActivity(deps, actorOf(req), id, activityId, req.body as ActivityChange),
      );
    },
  );
  router.delete(
    '/:id/activities/:activityId',
    ...coordinator,
    validate({ params: ActivityParams }),
    async (req, res) => {
      const { id, activityId } = req.params as unknown as ActivityParams;
      await deleteActivity(deps, actorOf(req), id, activityId);
      res.status(204).end();
    },
  );
  return router;
}
