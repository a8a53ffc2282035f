import { sql, type Transaction } from 'kysely';
import type { KeyEncryptionKeys } from '../../../security/crypto';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import { record } from '../audit';
import { totpKeyContext } from '../auth';
import { participantKeyContext } from '../trainings/participant-crypto';

const BATCH = 100;

/**
 * Every table that holds keys wrapped by a KEK, and the context each key was
 * wrapped under (the same strings as the modules that wrap them use).
 */
const KEY_COLUMNS = { version: 'kek_version', wrapped: 'wrapped_key', stamp: 'rewrapped_at' };
const WRAPPED_KEYS = [
  {
    name: 'case',
    table: 'case_keys',
    id: 'case_id',
    columns: KEY_COLUMNS,
    context: (id: string) => `cases|${id}`,
  },
  {
    name: 'referral',
    table: 'referral_keys',
    id: 'referral_id',
    columns: KEY_COLUMNS,
    context: (id: string) => `referrals|${id}`,
  },
  {
    name: 'ca',
    table: 'certificate_authority',
    id: 'id',
    columns: KEY_COLUMNS,
    context: () => 'pki|ca',
  },
  // Second-factor secrets (auth/totp-secret.ts); rows of the earlier format
  // (no version) are converted first by upgradeLegacyTotpSecrets.
  {
    name: 'totp',
    table: 'users',
    id: 'id',
    columns: { version: 'totp_kek_version', wrapped: 'totp_secret_enc', stamp: 'updated_at' },
    context: totpKeyContext,
  },
  // Training participants' data keys (trainings/participant-crypto.ts); an
  // erased participant has none (null version: never selected).
  {
    name: 'training_participant',
    table: 'training_participants',
    id: 'id',
    columns: { version: 'key_kek_version', wrapped: 'key_wrapped', stamp: 'key_rewrapped_at' },
    context: participantKeyContext,
  },
] as const;
type KeyStore = (typeof WRAPPED_KEYS)[number];

export interface RotationReport {
  toVersion: number;
  /** Keys rewrapped, by kind (case, referral, ca, totp, training_participant). */
  rewrapped: Record<KeyStore['name'], number>;
  /** Wrapped keys per KEK version after the run: a version absent here may be retired. */
  versionsInUse: Record<string, number>;
}

/**
 * Rewraps every data key (cases, referrals, training participants), the CA
 * key and the second-factor secrets that are not under
 * the current KEK version, in short batches (each one transaction, rows
 * locked with SKIP LOCKED so the API keeps serving and two runs do not
 * collide). Resumable and idempotent. Readers see either the old or the new
 * wrapping, both of which the keyring opens.
 */
export async function rewrapKeys(
  store: Store,
  keyring: KeyEncryptionKeys,
): Promise<RotationReport> {
  const toVersion = keyring.currentVersion();
  const rewrapped = { case: 0, referral: 0, ca: 0, totp: 0, training_participant: 0 };
  for (const keys of WRAPPED_KEYS) {
    for (;;) {
      const done = await inActorTransaction(store, SYSTEM_ACTOR, (trx) =>
        rewrapBatch(trx, keyring, keys, toVersion),
      );
      rewrapped[keys.name] += done;
      if (done < BATCH) break;
    }
  }
  return { toVersion, rewrapped, versionsInUse: await versionsInUse(store) };
}

async function rewrapBatch(
  trx: Transaction<DB>,
  keyring: KeyEncryptionKeys,
  keys: KeyStore,
  toVersion: number,
): Promise<number> {
  const { version, wrapped: wrappedColumn, stamp } = keys.columns;
  const { rows } = await sql<{ id: string; kek_version: number; wrapped_key: Buffer }>`
    select ${sql.ref(keys.id)}::text as id, ${sql.ref(version)} as kek_version,
           ${sql.ref(wrappedColumn)} as wrapped_key
    from ${sql.table(keys.table)}
    where ${sql.ref(version)} <> ${toVersion}
    limit ${BATCH} for update skip locked`.execute(trx);
  for (const row of rows) {
    const context = keys.context(row.id);
    const dataKey = keyring.unwrap(
      { kekVersion: row.kek_version, wrapped: Buffer.from(row.wrapped_key) },
      context,
    );
    const wrapped = keyring.wrap(dataKey, context);
    await sql`
      update ${sql.table(keys.table)}
      set ${sql.ref(version)} = ${wrapped.kekVersion}, ${sql.ref(wrappedColumn)} = ${wrapped.wrapped},
          ${sql.ref(stamp)} = now()
      where ${sql.ref(keys.id)}::text = ${row.id}`.execute(trx);
  }
  if (rows.length > 0) {
    record(trx, {
      action: 'key.rewrap',
      outcome: 'success',
      resourceType: 'kek',
      resourceId: `v${toVersion}`,
      purpose: keys.name,
    });
  }
  return rows.length;
}

/**
 * Refuses to go on when a key-encryption key version that still wraps keys is
 * not configured (retired too early, or a key file lost): every key under it
 * would fail to open, one request at a time. Run at start-up and by rotate-keys.
 */
export async function assertKekVersionsAvailable(
  store: Store,
  keyring: KeyEncryptionKeys,
): Promise<void> {
  const loaded = new Set(keyring.versions());
  const missing = Object.keys(await versionsInUse(store)).filter(
    (version) => !loaded.has(Number(version.slice(1))),
  );
  if (missing.length > 0) {
    throw new Error(
      `key-encryption key versions ${missing.join(', ')} still wrap keys but are not ` +
        'configured: set them again (DATA_KEK for v1, DATA_KEK_V<N>) before starting',
    );
  }
}

async function versionsInUse(store: Store): Promise<Record<string, number>> {
  const { rows } = await inActorTransaction(store, SYSTEM_ACTOR, (trx) =>
    sql<{ kek_version: number; n: string }>`
      select kek_version, count(*)::text as n from (
        select kek_version from case_keys
        union all select kek_version from referral_keys
        union all select kek_version from certificate_authority
        union all select totp_kek_version from users where totp_kek_version is not null
        union all select key_kek_version from training_participants
          where key_kek_version is not null) k
      group by kek_version`.execute(trx),
  );
  return Object.fromEntries(rows.map((r) => [`v${r.kek_version}`, Number(r.n)]));
}
