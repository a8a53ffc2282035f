import type { Transaction } from 'kysely';
import type { KeyEncryptionKeys } from '../../../security/crypto';
import { createCertificateAuthority, type IssuingAuthority } from '../../../security/pki';
import type { DB } from '../../db/schema';
import { findAuthority, insertAuthorityIfAbsent } from './certificates.repository';

const KEY_CONTEXT = 'pki|ca';
export const CA_COMMON_NAME = 'Amparo Internal CA';
const BACKDATE_MS = 60 * 60 * 1000;

/**
 * The installation's certificate authority, created on first use: its key
 * is generated natively, stored wrapped by the current KEK, and unwrapped
 * only for the moment of signing. Needs an admin or system context.
 */
export async function certificateAuthority(
  trx: Transaction<DB>,
  keyring: KeyEncryptionKeys,
  now: Date,
): Promise<IssuingAuthority> {
  let row = await findAuthority(trx);
  if (!row) {
    const created = createCertificateAuthority({
      commonName: CA_COMMON_NAME,
      organization: 'Amparo',
      // Valid from an hour back: the hosts that check it may run a little behind.
      now: new Date(now.getTime() - BACKDATE_MS),
    });
    const wrapped = keyring.wrap(created.privateKeyPkcs8Der, KEY_CONTEXT);
    await insertAuthorityIfAbsent(trx, {
      certificate_pem: created.certificatePem,
      serial_number: created.serialNumber,
      not_after: created.notAfter,
      kek_version: wrapped.kekVersion,
      wrapped_key: wrapped.wrapped,
    });
    row = await findAuthority(trx);
    if (!row) throw new Error('the certificate authority could not be stored');
  }
  return {
    certificatePem: row.certificate_pem,
    privateKeyPkcs8Der: keyring.unwrap(
      { kekVersion: row.kek_version, wrapped: Buffer.from(row.wrapped_key) },
      KEY_CONTEXT,
    ),
  };
}

/** Only the public certificate: what a TLS listener trusts for client certificates. */
export async function authorityCertificate(
  trx: Transaction<DB>,
  keyring: KeyEncryptionKeys,
  now: Date,
): Promise<string> {
  const existing = await findAuthority(trx);
  if (existing) return existing.certificate_pem; // the private key stays wrapped
  return (await certificateAuthority(trx, keyring, now)).certificatePem;
}
