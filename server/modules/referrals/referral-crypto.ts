import { randomBytes } from 'node:crypto';
import {
  decryptField,
  encryptField,
  type FieldAddress,
  type KeyEncryptionKeys,
  type WrappedKey,
} from '../../../security/crypto';

/** Each referral has its own data key: package, outcome and feedback are encrypted with it. */
const keyContext = (referralId: string) => `referrals|${referralId}`;

export function newReferralKey(keyring: KeyEncryptionKeys, referralId: string) {
  const dataKey = randomBytes(32);
  return { dataKey, wrapped: keyring.wrap(dataKey, keyContext(referralId)) };
}

export function openReferralKey(
  keyring: KeyEncryptionKeys,
  referralId: string,
  wrapped: WrappedKey,
): Buffer {
  return keyring.unwrap(wrapped, keyContext(referralId));
}

export function rewrapReferralKey(
  keyring: KeyEncryptionKeys,
  referralId: string,
  wrapped: WrappedKey,
): WrappedKey {
  return keyring.wrap(openReferralKey(keyring, referralId, wrapped), keyContext(referralId));
}

export const packageAddress = (referralId: string): FieldAddress => ({
  table: 'referral_packages',
  field: 'content',
  recordId: referralId,
});

export const eventAddress = (eventId: string, field: 'outcome' | 'feedback'): FieldAddress => ({
  table: 'referral_events',
  field,
  recordId: eventId,
});

/** The override justification is the case's: encrypted with the case key, erased with it. */
export const overrideAddress = (referralId: string): FieldAddress => ({
  table: 'referrals',
  field: 'override_justification',
  recordId: referralId,
});

export const seal = (key: Buffer, address: FieldAddress, text: string) =>
  encryptField(key, 1, address, text);
export const unseal = (key: Buffer, address: FieldAddress, sealed: Buffer | Uint8Array) =>
  decryptField(key, address, Buffer.from(sealed));
