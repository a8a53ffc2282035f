import { deriveKey, type KeyEncryptionKeys } from '../../../security/crypto';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import { openLegacyTotpSecret, sealTotpSecret } from '../auth';
import { record } from '../audit';

/**
 * Second-factor secrets written before migration 0017 were encrypted under a
 * key derived from the first DATA_KEK, outside the keyring (so that version
 * could never be retired). This wraps each of them with the keyring instead,
 * in one transaction, as the system; run at start-up and by rotate-keys.
 * Returns how many were converted.
 */
export async function upgradeLegacyTotpSecrets(
  store: Store,
  keyring: KeyEncryptionKeys,
  firstKek: Buffer | undefined,
): Promise<number> {
  return inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    const rows = await trx
      .selectFrom('users')
      .select(['id', 'totp_secret_enc'])
      .where('totp_secret_enc', 'is not', null)
      .where('totp_kek_version', 'is', null)
      .forUpdate()
      .execute();
    if (rows.length === 0) return 0;
    if (!firstKek) {
      throw new Error(
        `${rows.length} second-factor secrets are in the earlier format: ` +
          'DATA_KEK (key-encryption key version 1) is needed once to convert them',
      );
    }
    const legacyKey = deriveKey(firstKek, 'totp-secret');
    for (const row of rows) {
      const secret = openLegacyTotpSecret(legacyKey, row.id, Buffer.from(row.totp_secret_enc!));
      const sealed = sealTotpSecret(keyring, row.id, secret);
      await trx
        .updateTable('users')
        .set({ totp_secret_enc: sealed.wrapped, totp_kek_version: sealed.kekVersion })
        .where('id', '=', row.id)
        .execute();
    }
    record(trx, {
      action: 'key.rewrap',
      outcome: 'success',
      resourceType: 'kek',
      resourceId: `v${keyring.currentVersion()}`,
      purpose: 'totp_upgrade',
    });
    return rows.length;
  });
}
