import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { ACTOR_ROLES } from '../../db/actor-transaction';
import { NoBody, NotificationParams, NotificationQuery } from './notifications.schemas';
import {
  listNotifications,
  readAllNotifications,
  readNotification,
  type NotificationsDeps,
} from './notifications.service';

/** `/notifications`: every signed-in user's own. */
export function notificationsRoutes(deps: NotificationsDeps & { access: AccessControl }) {
  const router = createRouter();
  const anyone = deps.access.requireRole(...ACTOR_ROLES);

  router.get('/', ...anyone, validate({ query: NotificationQuery }), async (req, res) => {
    const query = req.query as unknown as NotificationQuery;
    res.json(await listNotifications(deps, actorOf(req), query));
  });

  router.post('/read-all', ...anyone, validate({ body: NoBody }), async (req, res) => {
    res.json(await readAllNotifications(deps, actorOf(req)));
  });

  router.post(
    '/:id/read',
    ...anyone,
    validate({ params: NotificationParams, body: NoBody }),
    async (req, res) => {
      const { id } = req.params as unknown as NotificationParams;
      res.json(await readNotification(deps, actorOf(req), id));
    },
  );
  return router;
}
