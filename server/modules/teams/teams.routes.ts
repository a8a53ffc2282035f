import type { Store } from '../../db/actor-transaction';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { CreateTeam } from './teams.schemas';
import { createTeam, findTeams } from './teams.service';

/** Teams are administered by admins, who put caseworkers and supervisors in them (users PATCH). */
export function teamsRoutes(deps: { store: Store; access: AccessControl }) {
  const router = createRouter();
  const adminOnly = deps.access.requireRole('admin');
  router.get('/', ...adminOnly, async (req, res) => {
    res.json({ items: await findTeams(deps.store, actorOf(req)) });
  });
  router.post('/', ...adminOnly, validate({ body: CreateTeam }), async (req, res) => {
    res.status(201).json(await createTeam(deps.store, actorOf(req), req.body as CreateTeam));
  });
  return router;
}
