import { randomBytes } from 'node:crypto';
import {
  decryptField,
  encryptField,
  type KeyEncryptionKeys,
  type WrappedKey,
} from '../../../security/crypto';
import type { CasesTable } from '../../db/schema';
import type { CaseIdentity } from './cases.schemas';

/** Data keys never rotate (the KEK that wraps them does): their version is 1. */
const DATA_KEY_VERSION = 1;

/** Each identifying field and the column that holds its ciphertext. */
const COLUMNS = {
  fullName: 'full_name_enc',
  aliases: 'aliases_enc',
  dateOfBirth: 'date_of_birth_enc',
  documentType: 'document_type_enc',
  documentNumber: 'document_number_enc',
  phone: 'phone_enc',
  email: 'email_enc',
  address: 'address_enc',
  emergencyContact: 'emergency_contact_enc',
  narrative: 'narrative_enc',
  healthNotes: 'health_notes_enc',
  legalNotes: 'legal_notes_enc',
  educationNotes: 'education_notes_enc',
} as const satisfies Record<keyof CaseIdentity, keyof CasesTable>;

type IdentityColumns = {
  -readonly [K in keyof typeof COLUMNS as (typeof COLUMNS)[K]]: Buffer | null;
};

const keyContext = (caseId: string) => `cases|${caseId}`;
const address = (caseId: string, column: string) => ({
  table: 'cases',
  field: column.replace(/_enc$/, ''),
  recordId: caseId,
});

/** A new data key for a new case, and the same key wrapped for storage. */
export function newCaseKey(keyring: KeyEncryptionKeys, caseId: string) {
  const dataKey = randomBytes(32);
  return { dataKey, wrapped: keyring.wrap(dataKey, keyContext(caseId)) };
}

export function openCaseKey(keyring: KeyEncryptionKeys, caseId: string, wrapped: WrappedKey) {
  return keyring.unwrap(wrapped, keyContext(caseId));
}

/** The same data key, wrapped again under the keyring's current version. */
export function rewrapCaseKey(keyring: KeyEncryptionKeys, caseId: string, wrapped: WrappedKey) {
  return keyring.wrap(openCaseKey(keyring, caseId, wrapped), keyContext(caseId));
}

export function encryptIdentity(
  dataKey: Buffer,
  caseId: string,
  identity: Partial<CaseIdentity>,
): Partial<IdentityColumns> {
  const columns: Partial<IdentityColumns> = {};
  for (const [field, column] of Object.entries(COLUMNS) as [
    keyof CaseIdentity,
    keyof IdentityColumns,
  ][]) {
    const value = identity[field];
    if (value === undefined) continue;
    columns[column] = encryptField(dataKey, DATA_KEY_VERSION, address(caseId, column), value);
  }
  return columns;
}

/** Throws DecryptionError if any ciphertext is not this case's own. */
export function decryptIdentity(
  dataKey: Buffer,
  caseId: string,
  row: IdentityColumns,
): CaseIdentity {
  const identity: Partial<Record<keyof CaseIdentity, string>> = {};
  for (const [field, column] of Object.entries(COLUMNS) as [
    keyof CaseIdentity,
    keyof IdentityColumns,
  ][]) {
    const sealed = row[column];
    if (sealed) identity[field] = decryptField(dataKey, address(caseId, column), sealed);
  }
  if (identity.fullName === undefined) throw new Error('a case without its name ciphertext');
  return identity as CaseIdentity;
}

export const IDENTITY_COLUMNS = Object.values(COLUMNS);
export type { IdentityColumns };
