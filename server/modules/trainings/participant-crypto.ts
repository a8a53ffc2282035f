import { randomBytes } from 'node:crypto';
import {
  decryptField,
  encryptField,
  type KeyEncryptionKeys,
  type WrappedKey,
} from '../../../security/crypto';
import type { TrainingParticipantsTable } from '../../db/schema.trainings';

/**
 * A participant's identity (name, work e-mail, position) is sealed under the
 * participant's own data key, itself stored only wrapped by the KEK keyring
 * (the key_* columns). Each ciphertext is bound to its table, field and
 * participant, so a value moved to another row or column does not open.
 * Destroying the wrapped key is erasure (retention.ts).
 */

/** Data keys never rotate (the KEK that wraps them does): their version is 1. */
const DATA_KEY_VERSION = 1;

export interface ParticipantIdentity {
  fullName: string;
  workEmail: string | null;
  position: string | null;
}

const COLUMNS = {
  fullName: 'full_name_enc',
  workEmail: 'work_email_enc',
  position: 'position_enc',
} as const satisfies Record<keyof ParticipantIdentity, keyof TrainingParticipantsTable>;

export type IdentityColumns = {
  -readonly [K in keyof typeof COLUMNS as (typeof COLUMNS)[K]]: Buffer | null;
};

/** The context a participant's data key is wrapped under (key rotation uses it too). */
export const participantKeyContext = (participantId: string) =>
  `training_participants|${participantId}`;

const address = (participantId: string, column: string) => ({
  table: 'training_participants',
  field: column.replace(/_enc$/, ''),
  recordId: participantId,
});

/** A new data key for a new participant, and the same key wrapped for storage. */
export function newParticipantKey(keyring: KeyEncryptionKeys, participantId: string) {
  const dataKey = randomBytes(32);
  return { dataKey, wrapped: keyring.wrap(dataKey, participantKeyContext(participantId)) };
}

export function openParticipantKey(
  keyring: KeyEncryptionKeys,
  participantId: string,
  wrapped: WrappedKey,
): Buffer {
  return keyring.unwrap(wrapped, participantKeyContext(participantId));
}

/** The columns of the fields given (undefined: not given; null: cleared). */
export function encryptIdentity(
  dataKey: Buffer,
  participantId: string,
  identity: Partial<ParticipantIdentity>,
): Partial<IdentityColumns> {
  const columns: Partial<IdentityColumns> = {};
  for (const [field, column] of Object.entries(COLUMNS) as [
    keyof ParticipantIdentity,
    keyof IdentityColumns,
  ][]) {
    const value = identity[field];
    if (value === undefined) continue;
    columns[column] =
      value === null
        ? null
        : encryptField(dataKey, DATA_KEY_VERSION, address(participantId, column), value);
  }
  return columns;
}

/** Throws DecryptionError if any ciphertext is not this participant's own. */
export function decryptIdentity(
  dataKey: Buffer,
  participantId: string,
  row: IdentityColumns,
): ParticipantIdentity {
  const open = (column: keyof IdentityColumns) => {
    const sealed = row[column];
    return sealed ? decryptField(dataKey, address(participantId, column), sealed) : null;
  };
  const fullName = open('full_name_enc');
  if (fullName === null) throw new Error('a participant without its name ciphertext');
  return { fullName, workEmail: open('work_email_enc'), position: open('position_enc') };
}
