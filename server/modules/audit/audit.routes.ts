import type { Request, Response } from 'express';
import type { Store } from '../../db/actor-transaction';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { auditReports, type AccessExport } from './audit.reports';
import {
  AuditQuery,
  CaseExportQuery,
  CaseReportQuery,
  UserExportQuery,
  UserReportQuery,
} from './audit.schemas';
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

  const reports = auditReports(store);
  const auditor = access.requireRole('auditor');

  router.get('/staff', ...auditor, async (req, res) => {
    res.json(await reports.staff(actorOf(req)));
  });

  router.get(
    '/reports/case',
    ...auditor,
    validate({ query: CaseReportQuery }),
    async (req, res) => {
      res.json(await reports.caseReport(actorOf(req), parsed<CaseReportQuery>(req)));
    },
  );

  router.get(
    '/reports/case/export',
    ...auditor,
    validate({ query: CaseExportQuery }),
    async (req, res) => {
      sendCsv(res, await reports.caseExport(actorOf(req), parsed<CaseExportQuery>(req)));
    },
  );

  router.get(
    '/reports/user',
    ...auditor,
    validate({ query: UserReportQuery }),
    async (req, res) => {
      res.json(await reports.userReport(actorOf(req), parsed<UserReportQuery>(req)));
    },
  );

  router.get(
    '/reports/user/export',
    ...auditor,
    validate({ query: UserExportQuery }),
    async (req, res) => {
      sendCsv(res, await reports.userExport(actorOf(req), parsed<UserExportQuery>(req)));
    },
  );

  return router;
}

/** validate() has replaced req.query with the parsed value (limit is a number by then). */
const parsedQuery = (req: Request) => req.query as unknown as AuditQuery;
const parsed = <T>(req: Request) => req.query as unknown as T;

/**
 * An export is a download; `Amparo-Export-Truncated` says the row bound was
 * reached (older rows left out), `Amparo-Export-Rows` how many the file holds.
 */
function sendCsv(res: Response, file: AccessExport): void {
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${file.filename}"`)
    .set('Amparo-Export-Truncated', String(file.truncated))
    .set('Amparo-Export-Rows', String(file.rows))
    .send(file.csv);
}
