import { sql, type Selectable, type Transaction } from 'kysely';
import type { WrappedKey } from '../../../security/crypto';
import type { SessionData } from 'express-session';
import type { ActorRole } from '../../db/actor-transaction';
import type { DB, UsersTable } from '../../db/schema';
import type { InstitutionSector } from '../institutions';
import type { SessionUser } from './auth.types';
import type { OpenedSession } from './session-store';
import { SESSION_ABSOLUTE_MS, SESSION_EXTEND_EVERY_MS, SESSION_IDLE_MS } from './session-limits';

type Trx = Transaction<DB>;

/** A user as the login steps need it: credentials and account state, never sent to clients. */
export interface Credentials {
  user: SessionUser;
  passwordHash: string;
  passwordMustChange: boolean;
  /** Account and institution both active. */
  usable: boolean;
  /** The wrapped TOTP secret (null version: the earlier format, converted at start-up). */
  totpSecret: { wrapped: Buffer; kekVersion: number | null } | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  /** Set once too many wrong codes in a row locked the second factor (an admin unlocks). */
  totpLockedAt: Date | null;
  sessionsValidAfter: Date;
}

function credentialsQuery(trx: Trx) {
  return trx
    .selectFrom('users as u')
    .innerJoin('institutions as i', 'i.id', 'u.institution_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.password_hash',
      'u.password_must_change',
      'u.active',
      'u.totp_secret_enc',
      'u.totp_kek_version',
      'u.totp_enabled_at',
      'u.totp_last_step',
      'u.totp_locked_at',
      'u.sessions_valid_after',
      'i.id as institution_id',
      'i.name as institution_name',
      'i.sector as institution_sector',
      'i.disabled_at as institution_disabled_at',
    ]);
}

type CredentialsRow = Pick<
  Selectable<UsersTable>,
  | 'id'
  | 'email'
  | 'display_name'
  | 'role'
  | 'password_hash'
  | 'password_must_change'
  | 'active'
  | 'totp_secret_enc'
  | 'totp_kek_version'
  | 'totp_enabled_at'
  | 'totp_last_step'
  | 'totp_locked_at'
  | 'sessions_valid_after'
  | 'institution_id'
> & {
  institution_name: string;
  institution_sector: InstitutionSector;
  institution_disabled_at: Date | null;
};

export async function findCredentialsByEmail(trx: Trx, email: string) {
  const row = await credentialsQuery(trx).where('u.email', '=', email).executeTakeFirst();
  return row && toCredentials(row);
}

export async function findCredentialsById(trx: Trx, id: string) {
  const row = await credentialsQuery(trx).where('u.id', '=', id).executeTakeFirst();
  return row && toCredentials(row);
}

export async function setPasswordHash(
  trx: Trx,
  userId: string,
  passwordHash: string,
  change: { mustChange: boolean; endOtherSessions: boolean },
): Promise<Date> {
  const row = await trx
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      password_must_change: change.mustChange,
      updated_at: new Date(),
      ...(change.endOtherSessions ? { sessions_valid_after: sql<Date>`now()` } : {}),
    })
    .where('id', '=', userId)
    .returning('sessions_valid_after')
    .executeTakeFirstOrThrow();
  return row.sessions_valid_after;
}

/** A new, not yet active second factor (replaces an unconfirmed one). */
export async function setPendingTotpSecret(trx: Trx, userId: string, secret: WrappedKey) {
  const result = await trx
    .updateTable('users')
    .set({
      totp_secret_enc: secret.wrapped,
      totp_kek_version: secret.kekVersion,
      totp_last_step: null,
      updated_at: new Date(),
    })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Records the time step of an accepted code, only if it is later than the
 * last one (of two concurrent requests with the same code, one wins) and the
 * factor is not locked; activates a factor being enrolled; the count of wrong
 * codes starts again. Run as the system: nobody sets these on their own row.
 */
export async function acceptTotpStep(trx: Trx, userId: string, step: number): Promise<boolean> {
  const result = await trx
    .updateTable('users')
    .set({
      totp_last_step: String(step),
      totp_enabled_at: sql<Date>`coalesce(totp_enabled_at, now())`,
      totp_failures: 0,
    })
    .where('id', '=', userId)
    .where('totp_locked_at', 'is', null)
    .where((eb) =>
      eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Counts a wrong code against the account (atomically: concurrent guesses
 * each count) and locks the factor at `limit`, which also ends every session
 * of the account (a stolen one included). Run as the system. Returns whether
 * this failure is the one that locked it.
 */
export async function countTotpFailure(trx: Trx, userId: string, limit: number) {
  const locks = sql<boolean>`totp_failures + 1 >= ${limit}`;
  const row = await trx
    .updateTable('users')
    .set({
      totp_failures: sql<number>`totp_failures + 1`,
      totp_locked_at: sql<Date | null>`case when ${locks}
        then coalesce(totp_locked_at, now()) else totp_locked_at end`,
      sessions_valid_after: sql<Date>`case when ${locks}
        then greatest(sessions_valid_after, now()) else sessions_valid_after end`,
    })
    .where('id', '=', userId)
    .returning(['totp_failures'])
    .executeTakeFirstOrThrow();
  return { lockedNow: row.totp_failures === limit };
}

function toCredentials(row: CredentialsRow): Credentials {
  return {
    user: {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      institution: {
        id: row.institution_id,
        name: row.institution_name,
        sector: row.institution_sector,
      },
    },
    passwordHash: row.password_hash,
    passwordMustChange: row.password_must_change,
    usable: row.active && row.institution_disabled_at === null,
    totpSecret: row.totp_secret_enc
      ? { wrapped: Buffer.from(row.totp_secret_enc), kekVersion: row.totp_kek_version }
      : null,
    totpEnabled: row.totp_enabled_at !== null,
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    totpLockedAt: row.totp_locked_at,
    sessionsValidAfter: row.sessions_valid_after,
  };
}

interface OpenSessionRow {
  data: SessionData;
  expires_at: Date;
  extended: boolean;
  signed_in: boolean;
  user_id: string | null;
  email: string | null;
  display_name: string | null;
  role: ActorRole | null;
  institution_id: string | null;
  institution_name: string | null;
  institution_sector: InstitutionSector | null;
}

/**
 * The request's first statement (migration 0019): the session by the hash of
 * its id, ended when past its limits, its idle limit extended when due, the
 * account re-read, and the RLS context left set to the signed-in user.
 */
export async function openSession(
  trx: Trx,
  idHash: Buffer,
  now: Date,
): Promise<OpenedSession | undefined> {
  const ms = (value: number) => sql`${value}::int * interval '1 millisecond'`;
  const { rows } = await sql<OpenSessionRow>`
    select * from open_session(${idHash}, ${now}, ${ms(SESSION_IDLE_MS)},
                               ${ms(SESSION_ABSOLUTE_MS)}, ${ms(SESSION_EXTEND_EVERY_MS)})`.execute(
    trx,
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    data: row.data,
    expiresAt: row.expires_at,
    extended: row.extended,
    user: row.signed_in ? toUser(row) : undefined,
  };
}

function toUser(row: OpenSessionRow): SessionUser {
  return {
    id: row.user_id!,
    email: row.email!,
    displayName: row.display_name!,
    role: row.role!,
    institution: {
      id: row.institution_id!,
      name: row.institution_name!,
      sector: row.institution_sector!,
    },
  };
}

/** Writes an idle limit again (its first write was rolled back with a refused use case). */
export async function extendSession(trx: Trx, idHash: Buffer, expiresAt: Date): Promise<void> {
  await sql`update sessions set expires_at = greatest(expires_at, ${expiresAt})
            where id_hash = ${idHash}`.execute(trx);
}
