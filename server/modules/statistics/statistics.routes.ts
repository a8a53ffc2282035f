import type { Request, Response } from 'express';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { anonymousActor } from '../auth/auth.context';
import { releaseCsv } from './release-csv';
import {
  BudgetQuery,
  NoBody,
  PublicReleaseQuery,
  ReleaseListQuery,
  ReleaseParams,
  ReleaseRequest,
} from './statistics.schemas';
import {
  computeRelease,
  decideRelease,
  listReleases,
  previewRelease,
  publishedRelease,
  publishedReleases,
  readBudget,
  readCatalogue,
  readRelease,
  type StatisticsDeps,
} from './statistics.service';

/** `/statistics`: the coordinator's release builder. */
export function statisticsRoutes(deps: StatisticsDeps & { access: AccessControl }) {
  const router = createRouter();
  const coordinator = deps.access.requireRole('coordinator');

  router.get('/catalogue', ...coordinator, (req, res) => {
    res.json(readCatalogue(actorOf(req)));
  });
  router.get('/budget', ...coordinator, validate({ query: BudgetQuery }), async (req, res) => {
    const { year } = req.query as unknown as BudgetQuery;
    res.json(await readBudget(deps, actorOf(req), year));
  });
  router.post(
    '/releases/preview',
    ...coordinator,
    validate({ body: ReleaseRequest }),
    async (req, res) => {
      res.json(await previewRelease(deps, actorOf(req), req.body as ReleaseRequest));
    },
  );
  router.post('/releases', ...coordinator, validate({ body: ReleaseRequest }), async (req, res) => {
    res.status(201).json(await computeRelease(deps, actorOf(req), req.body as ReleaseRequest));
  });
  router.get(
    '/releases',
    ...coordinator,
    validate({ query: ReleaseListQuery }),
    async (req, res) => {
      res.json(await listReleases(deps, actorOf(req), req.query as unknown as ReleaseListQuery));
    },
  );
  router.get(
    '/releases/:id',
    ...coordinator,
    validate({ params: ReleaseParams }),
    async (req, res) => {
      const { id } = req.params as unknown as ReleaseParams;
      res.json(await readRelease(deps, actorOf(req), id));
    },
  );
  for (const decision of ['publish', 'discard'] as const) {
    router.post(
      `/releases/:id/${decision}`,
      ...coordinator,
      validate({ params: ReleaseParams, body: NoBody }),
      async (req, res) => {
        const { id } = req.params as unknown as ReleaseParams;
        res.json(await decideRelease(deps, actorOf(req), id, decision));
      },
    );
  }
  return router;
}

/**
 * `/public/statistics`: the observatory's data, for anyone, without a session.
 * Only published releases exist here; they never change, so they may be cached.
 */
export function publicStatisticsRoutes(deps: StatisticsDeps) {
  const router = createRouter();
  const anonymous = (req: Request) =>
    anonymousActor(typeof req.id === 'string' ? req.id : undefined);
  const cacheable = (res: Response, seconds: number) => {
    res.set('Cache-Control', `public, max-age=${seconds}`);
    // Open data: other sites may read it (no credentials are involved).
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Cross-Origin-Resource-Policy', 'cross-origin');
  };

  router.get('/releases', validate({ query: PublicReleaseQuery }), async (req, res) => {
    const { tableId } = req.query as { tableId?: string };
    const items = await publishedReleases(deps, anonymous(req), tableId);
    cacheable(res, 300);
    res.json({ items });
  });
  router.get('/releases/:id', validate({ params: ReleaseParams }), async (req, res) => {
    const { id } = req.params as unknown as ReleaseParams;
    const release = await publishedRelease(deps, anonymous(req), id);
    cacheable(res, 3600);
    res.json(release);
  });
  router.get('/releases/:id/csv', validate({ params: ReleaseParams }), async (req, res) => {
    const { id } = req.params as unknown as ReleaseParams;
    const release = await publishedRelease(deps, anonymous(req), id);
    cacheable(res, 3600);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set(
      'Content-Disposition',
      `attachment; filename="amparo-${release.table.id}-${release.id}.csv"`,
    );
    res.send(releaseCsv(release));
  });
  return router;
}
