import type { Request } from 'express';
import { ACTOR_ROLES } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { actorOf, type AccessControl } from '../auth';
import { anonymousActor } from '../auth/auth.context';
import { issueCertificates } from './certificate-issue';
import { certificatePdf, ownCertificates, programmeCertificates } from './certificate-read';
import { revokeCertificate } from './certificate-revoke';
import { CertificateLookupLimit } from './lookup-limit';
import { verifyCertificate } from './public-verification';
import {
  CertificateParams,
  IssueCertificates,
  ProgrammeParams,
  RevokeCertificate,
} from './training-certificates.schemas';
import type { TrainingCertificatesDeps } from './training-certificates.service';

/**
 * Under `/trainings`: a programme's certificates (coordinators list and
 * issue), one certificate's PDF (coordinators and its holder) and its
 * revocation (coordinators), and the signed-in person's own certificates.
 */
export function trainingCertificatesRoutes(
  deps: TrainingCertificatesDeps & { access: AccessControl },
) {
  const router = createRouter();
  const coordinator = deps.access.requireRole('coordinator');
  const anyone = deps.access.requireRole(...ACTOR_ROLES);

  router.get(
    '/programmes/:id/certificates',
    ...coordinator,
    validate({ params: ProgrammeParams }),
    async (req, res) => {
      const { id } = req.params as unknown as ProgrammeParams;
      res.json(await programmeCertificates(deps, actorOf(req), id));
    },
  );
  router.post(
    '/programmes/:id/certificates',
    ...coordinator,
    validate({ params: ProgrammeParams, body: IssueCertificates }),
    async (req, res) => {
      const { id } = req.params as unknown as ProgrammeParams;
      const issued = await issueCertificates(deps, actorOf(req), id, req.body as IssueCertificates);
      res.status(201).json(issued);
    },
  );
  router.get('/certificates/mine', ...anyone, async (req, res) => {
    res.json(await ownCertificates(deps, actorOf(req)));
  });
  router.get(
    '/certificates/:id/pdf',
    ...anyone,
    validate({ params: CertificateParams }),
    async (req, res) => {
      const { id } = req.params as unknown as CertificateParams;
      const file = await certificatePdf(deps, actorOf(req), id);
      res
        .type('application/pdf')
        .set('Content-Disposition', `attachment; filename="${file.filename}"`)
        .send(file.content);
    },
  );
  router.post(
    '/certificates/:id/revoke',
    ...coordinator,
    validate({ params: CertificateParams, body: RevokeCertificate }),
    async (req, res) => {
      const { id } = req.params as unknown as CertificateParams;
      res.json(await revokeCertificate(deps, actorOf(req), id, req.body as RevokeCertificate));
    },
  );
  return router;
}

/** Lookups one client address may make per minute on the public verification. */
export const DEFAULT_LOOKUPS_PER_MINUTE = 30;

/**
 * `/public/certificates`: anyone checks a verification code, without a
 * session or a cookie. Never cached by a shared cache (the answer carries a
 * name: the API's `no-store` stays), and not opened to other sites' scripts
 * (no CORS: the verification page is this origin's; other systems call it
 * server to server). Each client address gets DEFAULT_LOOKUPS_PER_MINUTE
 * lookups a minute (counted in the database: shared by every instance),
 * grouped as the sign-in throttle groups them (an IPv6 address by its /64, so rotating addresses
 * within one's own network buys nothing): codes are unguessable anyway (75
 * random bits); this keeps the log and the database quiet. A refusal (429)
 * is not audited (it names no certificate; the request log has it).
 */
export function publicCertificatesRoutes(
  deps: TrainingCertificatesDeps & { lookupKey: Buffer; lookupsPerMinute?: number },
) {
  const router = createRouter();
  const limit = new CertificateLookupLimit(
    deps.store,
    deps.lookupKey,
    deps.lookupsPerMinute ?? DEFAULT_LOOKUPS_PER_MINUTE,
  );
  const anonymous = (req: Request) =>
    anonymousActor(typeof req.id === 'string' ? req.id : undefined);

  router.get('/:code', async (req, res) => {
    const verdict = await limit.consume(req.ip ?? 'unknown');
    if (!verdict.allowed) throw problems.tooManyAttempts(verdict.retryAfterSeconds);
    res.json(await verifyCertificate(deps, anonymous(req), String(req.params.code)));
  });
  return router;
}
