import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { listReports, readReport } from './report-read';
import { reportFile, type FileType } from './report-files';
import {
  approveReport,
  createReport,
  deleteReport,
  reviewReport,
  updateReport,
} from './report-write';
import {
  ManagementReportApproval,
  ManagementReportChange,
  ManagementReportParams,
  ManagementReportQuery,
  ManagementReportReview,
  NewManagementReport,
} from './management-reports.schemas';
import type { ManagementReportsDeps } from './management-reports.service';

/** `/management-reports`: the coordinators' (PRODUCT.md); nobody else reads or writes them. */
export function managementReportsRoutes(deps: ManagementReportsDeps & { access: AccessControl }) {
  const router = createRouter();
  const coordinator = deps.access.requireRole('coordinator');

  router.get('/', ...coordinator, validate({ query: ManagementReportQuery }), async (req, res) => {
    res.json(await listReports(deps, actorOf(req), req.query as unknown as ManagementReportQuery));
  });
  router.post('/', ...coordinator, validate({ body: NewManagementReport }), async (req, res) => {
    res.status(201).json(await createReport(deps, actorOf(req), req.body as NewManagementReport));
  });
  for (const type of ['pdf', 'xlsx'] as const satisfies readonly FileType[]) {
    router.get(
      `/:id.${type}`,
      ...coordinator,
      validate({ params: ManagementReportParams }),
      async (req, res) => {
        const { id } = req.params as unknown as ManagementReportParams;
        const file = await reportFile(deps, actorOf(req), id, type);
        res
          .set('Content-Disposition', `attachment; filename="${file.filename}"`)
          .type(file.contentType)
          .send(file.content);
      },
    );
  }
  router.get(
    '/:id',
    ...coordinator,
    validate({ params: ManagementReportParams }),
    async (req, res) => {
      const { id } = req.params as unknown as ManagementReportParams;
      res.json(await readReport(deps, actorOf(req), id));
    },
  );
  router.patch(
    '/:id',
    ...coordinator,
    validate({ params: ManagementReportParams, body: ManagementReportChange }),
    async (req, res) => {
      const { id } = req.params as unknown as ManagementReportParams;
      res.json(await updateReport(deps, actorOf(req), id, req.body as ManagementReportChange));
    },
  );
  router.delete(
    '/:id',
    ...coordinator,
    validate({ params: ManagementReportParams }),
    async (req, res) => {
      const { id } = req.params as unknown as ManagementReportParams;
      await deleteReport(deps, actorOf(req), id);
      res.status(204).end();
    },
  );
  router.post(
    '/:id/review',
    ...coordinator,
    validate({ params: ManagementReportParams, body: ManagementReportReview }),
    async (req, res) => {
      const { id } = req.params as unknown as ManagementReportParams;
      res.json(await reviewReport(deps, actorOf(req), id, req.body as ManagementReportReview));
    },
  );
  router.post(
    '/:id/approve',
    ...coordinator,
    validate({ params: ManagementReportParams, body: ManagementReportApproval }),
    async (req, res) => {
      const { id } = req.params as unknown as ManagementReportParams;
      res.json(await approveReport(deps, actorOf(req), id, req.body as ManagementReportApproval));
    },
  );
  return router;
}
