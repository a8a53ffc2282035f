/**
 * npm run rotate-keys [-- --new-version]
 * Rewraps every data key (cases, referrals), the CA key and the second-factor
 * secrets under the newest key-encryption key version, beside a running API on
 * a PostgreSQL server (on the embedded engine the server must be stopped: the
 * data directory is locked), in short batches; resumable; idempotent. With
 * --new-version (development only) it first creates the next version as a
 * key file under DATA_DIR/secrets; in production add DATA_KEK_V<N> to the
 * environment of the API and of this command instead. It ends by listing the
 * versions still in use; the others may be retired.
 */
import { parseArgs } from 'node:util';
import { addDevelopmentKekVersion, loadKeyring } from '../server/config/keyring';
import {
  assertKekVersionsAvailable,
  rewrapKeys,
  upgradeLegacyTotpSecrets,
} from '../server/modules/keys';
import { runOperatorCommand } from './operator-command';

const { values } = parseArgs({ options: { 'new-version': { type: 'boolean', default: false } } });

runOperatorCommand('rotate-keys', async ({ config, secrets, store }) => {
  let keyring = loadKeyring(config, secrets);
  if (values['new-version']) {
    const version = addDevelopmentKekVersion(config, keyring);
    keyring = loadKeyring(config, secrets);
    console.log(`Created key-encryption key version ${version}.`);
  }
  await assertKekVersionsAvailable(store, keyring);
  const upgraded = await upgradeLegacyTotpSecrets(store, keyring, secrets.DATA_KEK);
  if (upgraded > 0) console.log(`Wrapped ${upgraded} second-factor secrets with the keyring.`);
  const report = await rewrapKeys(store, keyring);
  const { case: cases, referral, ca, totp } = report.rewrapped;
  console.log(
    `Rewrapped ${cases} case keys, ${referral} referral keys, ${ca} CA key and ` +
      `${totp} second-factor secrets under version ${report.toVersion}. ` +
      `Versions in use: ${JSON.stringify(report.versionsInUse)}.`,
  );
  return 0;
});
