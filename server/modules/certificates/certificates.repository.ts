import { sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type {
  CertificateAuthorityTable,
  InstitutionCertificatesTable,
} from '../../db/schema.partners';

type Trx = Transaction<DB>;
export type CertificateRow = Selectable<InstitutionCertificatesTable>;

export function findAuthority(trx: Trx) {
  return trx.selectFrom('certificate_authority').selectAll().executeTakeFirst();
}

/** Two instances starting at once: the first row wins, the other is discarded. */
export async function insertAuthorityIfAbsent(
  trx: Trx,
  row: Insertable<CertificateAuthorityTable>,
): Promise<void> {
  await trx
    .insertInto('certificate_authority')
    .values(row)
    .onConflict((c) => c.column('id').doNothing())
    .execute();
}

export async function insertCertificate(
  trx: Trx,
  row: Insertable<InstitutionCertificatesTable>,
): Promise<void> {
  await trx.insertInto('institution_certificates').values(row).execute();
}

export function findCertificate(trx: Trx, id: string) {
  return trx
    .selectFrom('institution_certificates')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findCertificateByFingerprint(trx: Trx, fingerprint: string) {
  return trx
    .selectFrom('institution_certificates')
    .selectAll()
    .where('fingerprint_sha256', '=', fingerprint)
    .executeTakeFirst();
}

export function certificatesOf(trx: Trx, institutionId: string) {
  return trx
    .selectFrom('institution_certificates')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * The current certificate of the institution: of those neither revoked nor
 * out of date, the last issued (issue time, then serial number). Validity
 * dates have whole seconds, so two issued within one second tie on them.
 */
export function activeCertificateOf(trx: Trx, institutionId: string, now: Date) {
  return trx
    .selectFrom('institution_certificates')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('revoked_at', 'is', null)
    .where('not_before', '<=', now)
    .where('not_after', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy(sql`length(serial_number)`, 'desc')
    .orderBy('serial_number', 'desc')
    .executeTakeFirst();
}

/** Revokes once: false when it was already revoked. */
export async function revokeCertificateRow(
  trx: Trx,
  id: string,
  change: { revoked_at: Date; revoked_by: string; revocation_reason: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('institution_certificates')
    .set(change)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
