import type { Store } from '../../db/actor-transaction';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import {
  changeInstitution,
  createInstitution,
  findInstitutions,
  getInstitution,
} from './institutions.service';
import {
  CreateInstitution,
  InstitutionIdParams,
  InstitutionListQuery,
  UpdateInstitution,
} from './institutions.schemas';

/**
 * Administration of the lead agency and its partner institutions: admins
 * only. Caseworkers and supervisors may read the directory (public
 * institutional data) to choose where to refer a person.
 */
export function institutionsRoutes({ store, access }: { store: Store; access: AccessControl }) {
  const router = createRouter();
  const adminOnly = access.requireRole('admin');
  const readers = access.requireRole('admin', 'caseworker', 'supervisor');

  router.get('/', ...readers, validate({ query: InstitutionListQuery }), async (req, res) => {
    const query = req.query as unknown as InstitutionListQuery;
    res.json(await findInstitutions(store, actorOf(req), query));
  });

  router.post('/', ...adminOnly, validate({ body: CreateInstitution }), async (req, res) => {
    res
      .status(201)
      .json(await createInstitution(store, actorOf(req), req.body as CreateInstitution));
  });

  router.get('/:id', ...readers, validate({ params: InstitutionIdParams }), async (req, res) => {
    res.json(await getInstitution(store, actorOf(req), req.params.id as string));
  });

  router.patch(
    '/:id',
    ...adminOnly,
    validate({ params: InstitutionIdParams, body: UpdateInstitution }),
    async (req, res) => {
      const change = req.body as UpdateInstitution;
      // Both grant access: enabling an institution gives its staff and systems
      // their access back; its sector decides what sector-wide consents let it receive.
      if (change.active === true || change.sector !== undefined) {
        await access.ensureStepUp(req, res);
      }
      res.json(await changeInstitution(store, actorOf(req), req.params.id as string, change));
    },
  );

  return router;
}
