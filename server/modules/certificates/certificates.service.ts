import { randomUUID } from 'node:crypto';
import type { KeyEncryptionKeys } from '../../../security/crypto';
import {
  CsrRejectedError,
  generateInstitutionBundle,
  issueInstitutionCertificate,
  parseCsr,
} from '../../../security/pki';
import { inActorTransaction, type StaffActor, type Store } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { findInstitution } from '../institutions';
import { certificateAuthority } from './certificate-authority';
import {
  certificatesOf,
  findCertificate,
  insertCertificate,
  revokeCertificateRow,
  type CertificateRow,
} from './certificates.repository';
import type {
  Certificate,
  IssueCertificate,
  IssuedCertificate,
  RevokeCertificate,
} from './certificates.schemas';

export interface CertificatesDeps {
  store: Store;
  keyring: KeyEncryptionKeys;
  clock: () => Date;
}

/**
 * An admin issues a client certificate to a partner institution: from the
 * institution's CSR (its key never leaves it), or with a generated key
 * returned once inside a password-protected PKCS#12 bundle. Audited.
 */
export async function issueCertificate(
  deps: CertificatesDeps,
  actor: StaffActor,
  institutionId: string,
  input: IssueCertificate,
): Promise<IssuedCertificate> {
  if (actor.role !== 'admin') throw problems.forbidden();
  const publicKeyPem = input.mode === 'csr' ? verifiedCsrKey(input.csr) : undefined;
  const now = deps.clock();
  return inActorTransaction(deps.store, actor, async (trx) => {
    const institution = await findInstitution(trx, institutionId);
    if (!institution) throw problems.notFound();
    if (institution.isLeadAgency || institution.disabledAt) {
      throw problems.conflict('not_a_partner', 'Only active partner institutions get certificates');
    }
    const ca = await certificateAuthority(trx, deps.keyring, now);
    const subject = { institutionId, institutionName: institution.name, now };
    const issued = publicKeyPem
      ? { certificate: issueInstitutionCertificate(ca, { ...subject, publicKeyPem }) }
      : generateInstitutionBundle(ca, { ...subject, password: passwordOf(input) });
    const id = randomUUID();
    const insertable = {
      id,
      institution_id: institutionId,
      serial_number: issued.certificate.serialNumber,
      fingerprint_sha256: issued.certificate.fingerprintSha256,
      certificate_pem: issued.certificate.certificatePem,
      origin: input.mode === 'csr' ? 'csr' : 'generated',
      not_before: issued.certificate.notBefore,
      not_after: issued.certificate.notAfter,
      issued_by: actor.id,
      revoked_at: null,
      revoked_by: null,
      revocation_reason: null,
    } as const;
    await insertCertificate(trx, insertable);
    const row: CertificateRow = { ...insertable, created_at: now };
    record(trx, {
      action: 'certificate.issue',
      outcome: 'success',
      resourceType: 'certificate',
      resourceId: id,
      purpose: row.origin,
    });
    return {
      certificate: toCertificate(row, now),
      ...('pkcs12Der' in issued ? { pkcs12: issued.pkcs12Der.toString('base64') } : {}),
      caCertificatePem: ca.certificatePem,
    };
  });
}

function verifiedCsrKey(csr: string): string {
  try {
    return parseCsr(csr).publicKeyPem;
  } catch (error) {
    if (!(error instanceof CsrRejectedError)) throw error;
    throw problems.validation([{ path: 'body.csr', code: error.reason, message: error.message }]);
  }
}

const passwordOf = (input: IssueCertificate) => (input.mode === 'generate' ? input.password : '');

export function listCertificates(deps: CertificatesDeps, actor: StaffActor, institutionId: string) {
  if (actor.role !== 'admin') throw problems.forbidden();
  const now = deps.clock();
  return inActorTransaction(deps.store, actor, async (trx) => {
    if (!(await findInstitution(trx, institutionId))) throw problems.notFound();
    return (await certificatesOf(trx, institutionId)).map((row) => toCertificate(row, now));
  });
}

/** From now on the certificate opens no TLS session and receives no package. */
export function revokeCertificate(
  deps: CertificatesDeps,
  actor: StaffActor,
  id: string,
  input: RevokeCertificate,
): Promise<Certificate> {
  if (actor.role !== 'admin') throw problems.forbidden();
  const now = deps.clock();
  return inActorTransaction(deps.store, actor, async (trx) => {
    if (!(await findCertificate(trx, id))) throw problems.notFound();
    const change = { revoked_at: now, revoked_by: actor.id, revocation_reason: input.reason };
    if (!(await revokeCertificateRow(trx, id, change))) {
      throw problems.conflict('already_revoked', 'This certificate is already revoked');
    }
    record(trx, {
      action: 'certificate.revoke',
      outcome: 'success',
      resourceType: 'certificate',
      resourceId: id,
      purpose: input.reason,
    });
    const row = await findCertificate(trx, id);
    if (!row) throw new Error('a certificate vanished inside its own transaction');
    return toCertificate(row, now);
  });
}

export function toCertificate(row: CertificateRow, now: Date): Certificate {
  const status = row.revoked_at
    ? 'revoked'
    : row.not_after.getTime() <= now.getTime()
      ? 'expired'
      : 'active';
  return {
    id: row.id,
    institutionId: row.institution_id,
    serialNumber: row.serial_number,
    fingerprintSha256: row.fingerprint_sha256,
    certificatePem: row.certificate_pem,
    origin: row.origin,
    notBefore: row.not_before.toISOString(),
    notAfter: row.not_after.toISOString(),
    issuedBy: row.issued_by,
    createdAt: row.created_at.toISOString(),
    status,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
    revocationReason: row.revocation_reason,
  };
}
