export { assertKekVersionsAvailable, rewrapKeys, type RotationReport } from './key-rotation';
export { upgradeLegacyTotpSecrets } from './totp-upgrade';
