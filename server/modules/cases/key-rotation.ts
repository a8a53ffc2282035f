import { sql } from 'kysely';
import type { KeyEncryptionKeys } from '../../../security/crypto';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import { record } from '../audit';
import { rewrapCaseKey } from './case-crypto';

const BATCH = 100;

export interface RotationReport {
  toVersion: number;
  rewrapped: number;
  /** Data keys per KEK version after the run: a version absent here may be retired. */
  versionsInUse: Record<string, number>;
}

/**
 * Rewraps every case data key that is not under the current KEK version, in
 * short batches (each one transaction, rows locked with SKIP LOCKED so the
 * API keeps serving and two runs do not collide). Resumable and idempotent:
 * a key already at the current version is left alone. Readers see either the
 * old or the new wrapping, both of which the keyring opens.
 */
export async function rewrapCaseKeys(
  store: Store,
  keyring: KeyEncryptionKeys,
): Promise<RotationReport> {
  const toVersion = keyring.currentVersion();
  let rewrapped = 0;
  for (;;) {
    const done = await inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
      const rows = await trx
        .selectFrom('case_keys')
        .select(['case_id', 'kek_version', 'wrapped_key'])
        .where('kek_version', '<>', toVersion)
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const row of rows) {
        const wrapped = rewrapCaseKey(keyring, row.case_id, {
          kekVersion: row.kek_version,
          wrapped: Buffer.from(row.wrapped_key),
        });
        await trx
          .updateTable('case_keys')
          .set({
            kek_version: wrapped.kekVersion,
            wrapped_key: wrapped.wrapped,
            rewrapped_at: new Date(),
          })
          .where('case_id', '=', row.case_id)
          .execute();
      }
      if (rows.length > 0) {
        record(trx, {
          action: 'key.rewrap',
          outcome: 'success',
          resourceType: 'kek',
          resourceId: `v${toVersion}`,
        });
      }
      return rows.length;
    });
    rewrapped += done;
    if (done < BATCH) break;
  }
  return { toVersion, rewrapped, versionsInUse: await versionsInUse(store) };
}

async function versionsInUse(store: Store): Promise<Record<string, number>> {
  const rows = await inActorTransaction(store, SYSTEM_ACTOR, (trx) =>
    trx
      .selectFrom('case_keys')
      .select(['kek_version', sql<string>`count(*)::text`.as('n')])
      .groupBy('kek_version')
      .execute(),
  );
  return Object.fromEntries(rows.map((r) => [`v${r.kek_version}`, Number(r.n)]));
}
