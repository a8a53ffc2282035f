import type { Request } from 'express';
import type { Store } from '../../db/actor-transaction';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { AuditQuery } from './audit.schemas';
import { auditService } from './audit.service';

/**
 * The auditors' view of the log (mounted at /api/v1/audit). Imported by
 * app.ts directly, not through audit/index.ts: the database layer imports that
 * index, and it must not pull in HTTP or auth code.
 */
export function auditRoutes({ store, access }: { store: Store; access: AccessControl }) {
  const router = createRouter();
  const audit = auditService(store);

  router.get(
    '/',
    ...access.requireRole('auditor'),
    validate({ query: AuditQuery }),
    async (req, res) => {
      res.json(await audit.search(actorOf(req), parsedQuery(req)));
    },
  );

  router.get('/verify', ...access.requireRole('auditor'), async (req, res) => {
    res.json(await audit.verify(actorOf(req)));
  });

  return router;
}

/** validate() has replaced req.query with the parsed value (limit is a number by then). */
const parsedQuery = (req: Request) => req.query as unknown as AuditQuery;
