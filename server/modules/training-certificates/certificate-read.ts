import {
  auditDenialIfExists,
  inActorTransaction,
  type StaffActor,
} from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { renderCertificatePdf } from './certificate-pdf';
import * as repo from './training-certificates.repository';
import type {
  OwnTrainingCertificateList,
  TrainingCertificateList,
} from './training-certificates.schemas';
import {
  openedRow,
  pdfContent,
  toCertificate,
  toOwnCertificate,
  type TrainingCertificatesDeps,
} from './training-certificates.service';
import { requireCoordinator } from '../auth';

/** A programme's certificates, valid and revoked (coordinators; audited: names are shown). */
export function programmeCertificates(
  deps: TrainingCertificatesDeps,
  actor: StaffActor,
  programmeId: string,
): Promise<TrainingCertificateList> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    if (!(await repo.programmeOf(trx, programmeId))) throw problems.notFound();
    const rows = await repo.certificatesOfProgramme(trx, programmeId);
    record(trx, {
      action: 'training_certificate.list',
      outcome: 'success',
      resourceType: 'training_programme',
      resourceId: programmeId,
    });
    return { items: rows.map((row) => toCertificate(deps, row)) };
  });
}

/**
 * The signed-in person's own certificates (any role: they are the holder);
 * audited. A revoked one says so and on which day, never why nor which
 * staff member issued or revoked it.
 */
export function ownCertificates(
  deps: TrainingCertificatesDeps,
  actor: StaffActor,
): Promise<OwnTrainingCertificateList> {
  return inActorTransaction(deps.store, actor, async (trx) => {
    const rows = await repo.certificatesOfUser(trx, actor.id);
    record(trx, {
      action: 'training_certificate.list',
      outcome: 'success',
      resourceType: 'user',
      resourceId: actor.id,
    });
    return { items: rows.map((row) => toOwnCertificate(deps, row)) };
  });
}

export interface CertificateFile {
  content: Buffer;
  filename: string;
}

/**
 * The certificate as a PDF, printed again from what was frozen when it was
 * issued: for coordinators and for the holder. Anyone else: 404 like a
 * missing one (the attempt audited when it exists). A revoked certificate
 * is not printed again (409 certificate_revoked), nor one whose holder has
 * been erased (409 holder_erased). Audited.
 */
export async function certificatePdf(
  deps: TrainingCertificatesDeps,
  actor: StaffActor,
  id: string,
): Promise<CertificateFile> {
  const row = await inActorTransaction(deps.store, actor, async (trx) => {
    const found = await repo.findCertificate(trx, id);
    if (!found) return undefined;
    if (actor.role !== 'coordinator' && !(await repo.isHolder(trx, id, actor.id))) return undefined;
    if (found.revoked_at !== null) {
      throw problems.conflict(
        'certificate_revoked',
        'The certificate was revoked',
        'A revoked certificate is not printed again; issue a new one if it is due.',
      );
    }
    const opened = openedRow(deps, found);
    if (!opened) {
      throw problems.conflict(
        'holder_erased',
        "The holder's data has been erased",
        'The certificate can still be verified by its code, but no longer printed.',
      );
    }
    record(trx, {
      action: 'training_certificate.download',
      outcome: 'success',
      resourceType: 'training_certificate',
      resourceId: id,
    });
    return pdfContent(deps, found, opened);
  });
  if (!row) {
    await auditDenialIfExists(deps.store, actor, { type: 'training_certificate', id }, (trx) =>
      repo.certificateExists(trx, id),
    );
    throw problems.notFound();
  }
  return { content: await renderCertificatePdf(row), filename: `certificado-${id}.pdf` };
}
