import { accountChangeNeedsStepUp } from '../../../security/policy';
import { actorOf, type AccessControl } from '../auth';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { changeUser, createUser, findUsers, getUser, type UsersDeps } from './users.service';
import { CreateUser, UpdateUser, UserIdParams, UserListQuery, UserSearch } from './users.schemas';

export function usersRoutes(deps: UsersDeps & { access: AccessControl }) {
  const router = createRouter();
  const adminOnly = deps.access.requireRole('admin');

  router.get('/', ...adminOnly, validate({ query: UserListQuery }), async (req, res) => {
    const query = req.query as unknown as UserListQuery;
    res.json(await findUsers(deps, actorOf(req), query));
  });

  // The email searched for travels in the body: no personal data in a URL.
  router.post('/search', ...adminOnly, validate({ body: UserSearch }), async (req, res) => {
    res.json(await findUsers(deps, actorOf(req), req.body as UserSearch));
  });

  // A new account is new access (an admin's, even): a fresh second factor.
  router.post(
    '/',
    ...adminOnly,
    deps.access.requireStepUp,
    validate({ body: CreateUser }),
    async (req, res) => {
      res.status(201).json(await createUser(deps, actorOf(req), req.body as CreateUser));
    },
  );

  router.get('/:id', ...adminOnly, validate({ params: UserIdParams }), async (req, res) => {
    res.json(await getUser(deps, actorOf(req), req.params.id as string));
  });

  router.patch(
    '/:id',
    ...adminOnly,
    validate({ params: UserIdParams, body: UpdateUser }),
    async (req, res) => {
      const change = req.body as UpdateUser;
      if (accountChangeNeedsStepUp(change)) await deps.access.ensureStepUp(req, res);
      res.json(await changeUser(deps, actorOf(req), req.params.id as string, change));
    },
  );

  return router;
}
