import type { TLSSocket } from 'node:tls';
import type { Request } from 'express';
import passport from 'passport';
import { verifyIssuedBy } from '../../../security/pki';
import {
  auditAlone,
  inActorTransaction,
  SYSTEM_ACTOR,
  type InstitutionSystemActor,
  type Store,
} from '../../db/actor-transaction';
import { findCertificateByFingerprint } from '../certificates';
import { findInstitution } from '../institutions';

export const CERTIFICATE_STRATEGY = 'institution-certificate';

/**
 * Authenticates a partner institution's system by its TLS client
 * certificate. The TLS layer already refused certificates that do not chain
 * to our CA or are out of date; this checks again with Node's own X.509 code
 * (issuer, signature, validity, clientAuth, a UUID subject), then that the
 * certificate is one we issued to that institution, not revoked, and that the
 * institution is active. Refusals are audited.
 */
export class CertificateStrategy extends passport.Strategy {
  override name = CERTIFICATE_STRATEGY;

  constructor(
    private readonly store: Store,
    private readonly caCertificatePem: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super();
  }

  override authenticate(req: Request): void {
    this.identify(req).then(
      // Passport types every user as the session user; on the mutual-TLS
      // listener the user is an institution system, read back by systemActorOf.
      (actor) => (actor ? this.success(actor as unknown as Express.User) : this.fail(401)),
      (error: unknown) => this.error(error instanceof Error ? error : new Error(String(error))),
    );
  }

  private async identify(req: Request): Promise<InstitutionSystemActor | undefined> {
    const socket = req.socket as Partial<TLSSocket>;
    const peer = socket.authorized ? socket.getPeerCertificate?.() : undefined;
    if (!peer?.raw) return undefined;
    const checked = verifyIssuedBy(peer.raw, this.caCertificatePem, this.clock());
    if (!checked.ok) return undefined;
    const known = await inActorTransaction(this.store, SYSTEM_ACTOR, async (trx) => {
      const row = await findCertificateByFingerprint(trx, checked.fingerprintSha256);
      const institution = row && (await findInstitution(trx, row.institution_id));
      return { row, active: institution !== undefined && institution.disabledAt === null };
    });
    const { row } = known;
    if (!row || row.institution_id !== checked.institutionId) return undefined;
    const actor: InstitutionSystemActor = {
      id: row.id,
      role: 'institution_system',
      institutionId: row.institution_id,
      requestId: typeof req.id === 'string' ? req.id : undefined,
    };
    if (row.revoked_at || !known.active) {
      await auditAlone(this.store, actor, {
        action: 'access.denied',
        outcome: 'denied',
        resourceType: 'certificate',
        resourceId: row.id,
        purpose: row.revoked_at ? 'certificate_revoked' : 'institution_disabled',
      });
      return undefined;
    }
    return actor;
  }
}

/** The institution system a request on the mutual-TLS listener was authenticated as. */
export function systemActorOf(req: Request): InstitutionSystemActor {
  const user = req.user as unknown as Partial<InstitutionSystemActor> | undefined;
  if (user?.role !== 'institution_system' || !user.id || !user.institutionId) {
    throw new Error('no institution system on this request');
  }
  return {
    id: user.id,
    role: user.role,
    institutionId: user.institutionId,
    requestId: user.requestId,
  };
}
