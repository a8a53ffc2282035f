import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { looksPersonal } from '../../http/plain-text';
import { problems } from '../../http/problem';
import { record } from '../audit';
import * as repo from './training-certificates.repository';
import type { RevokeCertificate, TrainingCertificate } from './training-certificates.schemas';
import { toCertificate, type TrainingCertificatesDeps } from './training-certificates.service';
import { requireCoordinator } from '../auth';

/**
 * Revokes a certificate, once, with the coordinator's reason (kept with it,
 * never shown publicly: the verification says "revoked" and the date).
 * Its code stays verifiable as revoked; a new certificate may then be issued
 * (with a new code). Audited.
 */
export function revokeCertificate(
  deps: TrainingCertificatesDeps,
  actor: StaffActor,
  id: string,
  input: RevokeCertificate,
): Promise<TrainingCertificate> {
  requireCoordinator(actor);
  if (looksPersonal(input.reason)) {
    throw problems.validation([
      {
        path: 'body.reason',
        code: 'looks_personal',
        message: 'Must not contain an e-mail address, a phone number or an identity number',
      },
    ]);
  }
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.findCertificate(trx, id, true);
    if (!row) throw problems.notFound();
    if (!(await repo.revoke(trx, id, actor.id, input.reason))) {
      throw problems.conflict('already_revoked', 'The certificate is already revoked');
    }
    record(trx, {
      action: 'training_certificate.revoke',
      outcome: 'success',
      resourceType: 'training_certificate',
      resourceId: id,
    });
    const revoked = await repo.findCertificate(trx, id);
    if (!revoked) throw problems.notFound();
    return toCertificate(deps, revoked);
  });
}
