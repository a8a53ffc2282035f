import { actorOf, type AccessControl } from '../auth';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import {
  CertificateIdParams,
  InstitutionIdParams,
  IssueCertificate,
  RevokeCertificate,
} from './certificates.schemas';
import {
  issueCertificate,
  listCertificates,
  revokeCertificate,
  type CertificatesDeps,
} from './certificates.service';

type Deps = CertificatesDeps & { access: AccessControl };

/** Mounted at `/institutions`, after the institutions router: `/institutions/:id/certificates`. */
export function institutionCertificatesRoutes(deps: Deps) {
  const router = createRouter();
  const admin = deps.access.requireRole('admin');

  router.get(
    '/:id/certificates',
    ...admin,
    validate({ params: InstitutionIdParams }),
    async (req, res) => {
      res.json({ items: await listCertificates(deps, actorOf(req), req.params.id as string) });
    },
  );

  // Issuing a credential for system-to-system access: a fresh second factor too.
  router.post(
    '/:id/certificates',
    ...admin,
    deps.access.requireStepUp,
    validate({ params: InstitutionIdParams, body: IssueCertificate }),
    async (req, res) => {
      const { id } = req.params as { id: string };
      res
        .status(201)
        .json(await issueCertificate(deps, actorOf(req), id, req.body as IssueCertificate));
    },
  );
  return router;
}

/** `/certificates/:id/revoke`. */
export function certificatesRoutes(deps: Deps) {
  const router = createRouter();
  router.post(
    '/:id/revoke',
    ...deps.access.requireRole('admin'),
    deps.access.requireStepUp,
    validate({ params: CertificateIdParams, body: RevokeCertificate }),
    async (req, res) => {
      const { id } = req.params as { id: string };
      res.json(await revokeCertificate(deps, actorOf(req), id, req.body as RevokeCertificate));
    },
  );
  return router;
}
