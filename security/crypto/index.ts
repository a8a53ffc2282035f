export { decrypt, DecryptionError, deriveKey, encrypt, keyIdOf } from './aead';
export {
  blindIndex,
  normaliseDocumentNumber,
  normalisePhone,
  type BlindIndexedField,
} from './blind-index';
export {
  decryptField,
  decryptFieldBytes,
  encryptField,
  encryptFieldBytes,
  type FieldAddress,
} from './fields';
export {
  LocalKeyring,
  MAX_KEK_VERSION,
  UnknownKeyVersionError,
  type KeyEncryptionKeys,
  type WrappedKey,
} from './keyring';
