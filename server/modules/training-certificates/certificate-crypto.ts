import { decryptField, encryptField, type KeyEncryptionKeys } from '../../../security/crypto';
import { decryptIdentity, openParticipantKey } from '../trainings';

/*
 * A certificate's holder name and code are sealed under the PARTICIPANT's
 * data key (trainings/participant-crypto.ts), each bound to the certificate
 * and the field: erasing the participant (destroying that key) erases them
 * from every certificate of theirs at once.
 */

/** Data keys never rotate (the KEK that wraps them does): their version is 1. */
const DATA_KEY_VERSION = 1;

type Field = 'holder_name' | 'code';
const address = (certificateId: string, field: Field) => ({
  table: 'training_certificates',
  field,
  recordId: certificateId,
});

/** A participant's wrapped key as the row holds it: null once erased. */
export interface ParticipantKeyColumns {
  participant_id: string;
  key_kek_version: number | null;
  key_wrapped: Buffer | null;
}

/** The participant's data key, or null when the participant has been erased. */
export function participantKey(
  keyring: KeyEncryptionKeys,
  row: ParticipantKeyColumns,
): Buffer | null {
  if (row.key_wrapped === null || row.key_kek_version === null) return null;
  return openParticipantKey(keyring, row.participant_id, {
    kekVersion: row.key_kek_version,
    wrapped: Buffer.from(row.key_wrapped),
  });
}

/** The participant's full name as their record holds it today (to freeze it on a certificate). */
export function participantName(
  dataKey: Buffer,
  participantId: string,
  fullNameEnc: Buffer | null,
): string {
  return decryptIdentity(dataKey, participantId, {
    full_name_enc: fullNameEnc && Buffer.from(fullNameEnc),
    work_email_enc: null,
    position_enc: null,
  }).fullName;
}

export function sealCertificate(
  dataKey: Buffer,
  certificateId: string,
  content: { holderName: string; code: string },
) {
  const seal = (field: Field, text: string) =>
    encryptField(dataKey, DATA_KEY_VERSION, address(certificateId, field), text);
  return {
    holder_name_enc: seal('holder_name', content.holderName),
    code_enc: seal('code', content.code),
  };
}

/** Throws DecryptionError when a ciphertext is not this certificate's own. */
export function openCertificate(
  dataKey: Buffer,
  certificateId: string,
  row: { holder_name_enc: Buffer; code_enc: Buffer },
): { holderName: string; code: string } {
  const open = (field: Field, sealed: Buffer) =>
    decryptField(dataKey, address(certificateId, field), Buffer.from(sealed));
  return {
    holderName: open('holder_name', row.holder_name_enc),
    code: open('code', row.code_enc),
  };
}
