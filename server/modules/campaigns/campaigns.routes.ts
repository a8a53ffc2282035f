import { ACTOR_ROLES } from '../../db/actor-transaction';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import {
  ActivityChange,
  ActivityParams,
  CampaignChange,
  CampaignParams,
  CampaignQuery,
  NewActivity,
  NewCampaign,
} from './campaigns.schemas';
import {
  campaignResults,
  createActivity,
  createCampaign,
  deleteActivity,
  listCampaigns,
  readCampaign,
  updateActivity,
  updateCampaign,
  type CampaignsDeps,
} from './campaigns.service';

/** `/campaigns`: every staff role reads (nothing personal); coordinators write. */
export function campaignsRoutes(deps: CampaignsDeps & { access: AccessControl }) {
  const router = createRouter();
  const staff = deps.access.requireRole(...ACTOR_ROLES);
  const coordinator = deps.access.requireRole('coordinator');

  router.get('/', ...staff, validate({ query: CampaignQuery }), async (req, res) => {
    res.json(await listCampaigns(deps, actorOf(req), req.query as unknown as CampaignQuery));
  });
  router.post('/', ...coordinator, validate({ body: NewCampaign }), async (req, res) => {
    res.status(201).json(await createCampaign(deps, actorOf(req), req.body as NewCampaign));
  });
  router.get('/:id', ...staff, validate({ params: CampaignParams }), async (req, res) => {
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
  router.get('/:id/results', ...staff, validate({ params: CampaignParams }), async (req, res) => {
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
