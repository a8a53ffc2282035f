import type { Store } from '../../db/actor-transaction';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { DirectoryQuery } from './directory.schemas';
import { readDirectory } from './directory.service';

/** `/directory`: names for ids and assignable caseworkers, for caseworkers and supervisors. */
export function directoryRoutes(deps: { store: Store; access: AccessControl }) {
  const router = createRouter();
  router.get(
    '/',
    ...deps.access.requireRole('caseworker', 'supervisor'),
    validate({ query: DirectoryQuery }),
    async (req, res) => {
      res.json(await readDirectory(deps.store, actorOf(req)));
    },
  );
  return router;
}
