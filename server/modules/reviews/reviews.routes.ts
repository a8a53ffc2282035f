import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { createRouter } from '../../http/router';
import { record } from '../audit';
import { actorOf, type AccessControl } from '../auth';
import { breakGlassReviews, caseKeysWithin, findActorTeam, type CasesDeps } from '../cases';
import { overrideReviews } from '../referrals';

type Deps = CasesDeps & { clock: () => Date };

/**
 * The supervisor's review queue, newest first: break-glass grants on the
 * team's cases and referrals sent as vital-interest overrides, with their
 * justifications decrypted. One audited read.
 */
export function reviewQueue(deps: Deps, actor: StaffActor) {
  if (actor.role !== 'supervisor') throw problems.forbidden();
  return inActorTransaction(deps.store, actor, async (trx) => {
    const team = await findActorTeam(trx, actor.id);
    record(trx, { action: 'review.read', outcome: 'success', purpose: 'view' });
    if (!team?.team_id) return [];
    const keys = caseKeysWithin(deps, trx);
    const items = [
      ...(await breakGlassReviews(trx, team.team_id, keys, deps.clock())),
      ...(await overrideReviews(trx, team.team_id, keys)),
    ];
    return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  });
}

/** `GET /api/v1/reviews`. */
export function reviewsRoutes(deps: Deps & { access: AccessControl }) {
  const router = createRouter();
  router.get('/', ...deps.access.requireRole('supervisor'), async (req, res) => {
    res.json({ items: await reviewQueue(deps, actorOf(req)) });
  });
  return router;
}
