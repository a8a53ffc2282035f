import type { Transaction } from 'kysely';
import { inActorTransaction, type DbActor } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { asSystemWithin } from '../../db/rls-context';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { openCertificate, participantKey } from './certificate-crypto';
import * as repo from './training-certificates.repository';
import type { CertificateVerification } from './training-certificates.schemas';
import { certificateStatus, type TrainingCertificatesDeps } from './training-certificates.service';
import {
  formatVerificationCode,
  normaliseVerificationCode,
  verificationCodeDigest,
} from './verification-code';

/**
 * Anyone checks a code: valid or revoked (with the day, never the reason),
 * for whom (the name as issued, for a valid certificate only: a revoked one
 * does not say whose it was) and what (programme, hours, dates, issuing
 * institutions) — nothing else about the holder. A malformed code and an
 * unknown one answer the same 404, without asking the database for the
 * former. Once the holder's data has been erased (the participant's
 * retention ended) the certificate is still answered, without a name.
 *
 * The certificate is read as the anonymous actor, whose row-level security
 * shows only the row of this code's digest. Its holder's wrapped key is then
 * read as the system (the participants' policies admit no anonymous reader),
 * for that one participant. A lookup that finds a certificate is counted
 * (training_certificate_verifications, per certificate and day); the first
 * of a day is audited (anonymous, the certificate's id; the code and the
 * name are never logged), so a flood of lookups of one code adds no more
 * than one audit event a day.
 *
 * `admit` runs first in the lookup's transaction (the public route's limit
 * per client address); an unknown code commits it, and answers 404 after.
 */
export async function verifyCertificate(
  deps: TrainingCertificatesDeps,
  anonymous: DbActor,
  typed: string,
  admit: (trx: Transaction<DB>) => Promise<void> = () => Promise.resolve(),
): Promise<CertificateVerification> {
  const code = normaliseVerificationCode(typed);
  if (!code) throw problems.notFound();
  const found = await inActorTransaction(deps.store, anonymous, async (trx) => {
    await admit(trx);
    const row = await repo.lookUpByDigest(trx, verificationCodeDigest(code));
    if (!row) return undefined;
    const revoked = row.revoked_at !== null;
    let holderName: string | null = null;
    if (!revoked) {
      const keyRow = await asSystemWithin(trx, anonymous, () =>
        repo.participantKeyOf(trx, row.participant_id),
      );
      const key = keyRow ? participantKey(deps.keyring, keyRow) : null;
      holderName = key ? openCertificate(key, row.id, row).holderName : null;
    }
    if (await repo.countLookup(trx, row.id)) {
      record(trx, {
        action: 'training_certificate.verify',
        outcome: 'success',
        resourceType: 'training_certificate',
        resourceId: row.id,
      });
    }
    return {
      code: formatVerificationCode(code),
      holderName,
      programmeName: row.programme_name,
      totalHours: Number(row.total_hours),
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      issuingInstitutions: row.issuing_institutions,
      issuedOn: row.issued_on,
      status: certificateStatus(row.revoked_at),
      revokedOn: row.revoked_on,
    };
  });
  if (!found) throw problems.notFound();
  return found;
}
