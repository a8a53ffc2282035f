import type { KeyEncryptionKeys } from '../../../security/crypto';
import type { Participant } from './participant.schemas';
import {
  decryptIdentity,
  openParticipantKey,
  type ParticipantIdentity,
} from './participant-crypto';
import type { ParticipantRow } from './participants.repository';
import type { Province, TrainingSector } from './trainings.vocabularies';

/** A participant's identity, opened with their data key; null once erased. */
export function identityOf(
  keyring: KeyEncryptionKeys,
  row: Pick<
    ParticipantRow,
    'id' | 'key_kek_version' | 'key_wrapped' | 'full_name_enc' | 'work_email_enc' | 'position_enc'
  >,
): ParticipantIdentity | null {
  if (row.key_wrapped === null || row.key_kek_version === null) return null;
  const dataKey = openParticipantKey(keyring, row.id, {
    kekVersion: row.key_kek_version,
    wrapped: Buffer.from(row.key_wrapped),
  });
  return decryptIdentity(dataKey, row.id, {
    full_name_enc: row.full_name_enc && Buffer.from(row.full_name_enc),
    work_email_enc: row.work_email_enc && Buffer.from(row.work_email_enc),
    position_enc: row.position_enc && Buffer.from(row.position_enc),
  });
}

export function toParticipant(keyring: KeyEncryptionKeys, row: ParticipantRow): Participant {
  const identity = identityOf(keyring, row);
  return {
    id: row.id,
    fullName: identity?.fullName ?? null,
    workEmail: identity?.workEmail ?? null,
    position: identity?.position ?? null,
    institutionName: row.institution_name,
    sector: row.sector as TrainingSector,
    province: row.province as Province | null,
    linkedUserId: row.user_id,
    keepUntil: row.keep_until_text,
    erasedAt: row.erased_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
