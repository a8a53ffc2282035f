import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, UsersTable } from '../../db/schema';
import type { User, UserRole } from './users.schemas';

type Queryable = Kysely<DB> | Transaction<DB>;

export interface NewUser {
  institutionId: string;
  email: string;
  displayName: string;
  role: UserRole;
  passwordHash: string;
  teamId: string | null;
  teamAccess: boolean;
}

export async function insertUser(db: Queryable, user: NewUser): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({
      institution_id: user.institutionId,
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
      team_id: user.teamId,
      team_access: user.teamAccess,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function emailExists(db: Queryable, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countActiveAdmins(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findUserById(db: Queryable, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export interface UserFilter {
  institutionId?: string;
  role?: UserRole;
  active?: boolean;
  /** Part of the email (already lower-cased, as emails are stored). */
  emailContains?: string;
  /** Keyset: the last row of the previous page (its email is looked up, never sent). */
  after?: { id: string };
  limit: number;
}

/** Ordered by email (then id): stable pages for the keyset cursor. */
export async function listUsers(db: Queryable, filter: UserFilter): Promise<User[]> {
  let query = db.selectFrom('users').selectAll();
  if (filter.institutionId) query = query.where('institution_id', '=', filter.institutionId);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (filter.emailContains) {
    // strpos, not LIKE: the term's % and _ are plain characters.
    query = query.where(sql<boolean>`strpos(email, ${filter.emailContains}) > 0`);
  }
  if (filter.after) {
    const { id } = filter.after;
    query = query.where(
      sql<boolean>`(email, id) > (select a.email, a.id from users a where a.id = ${id})`,
    );
  }
  const rows = await query.orderBy('email').orderBy('id').limit(filter.limit).execute();
  return rows.map(toUser);
}

export interface UserChange {
  displayName?: string;
  institutionId?: string;
  role?: UserRole;
  active?: boolean;
  teamId?: string | null;
  teamAccess?: boolean;
  passwordHash?: string;
  removeSecondFactor?: boolean;
  unlockSecondFactor?: boolean;
  endSessions?: boolean;
}

export async function updateUser(db: Queryable, id: string, change: UserChange): Promise<User> {
  const row = await db
    .updateTable('users')
    .set({
      updated_at: new Date(),
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(change.institutionId !== undefined ? { institution_id: change.institutionId } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.active !== undefined ? { active: change.active } : {}),
      ...(change.teamId !== undefined ? { team_id: change.teamId } : {}),
      ...(change.teamAccess !== undefined ? { team_access: change.teamAccess } : {}),
      ...(change.passwordHash !== undefined
        ? { password_hash: change.passwordHash, password_must_change: true }
        : {}),
      ...(change.removeSecondFactor
        ? {
            totp_secret_enc: null,
            totp_kek_version: null,
            totp_enabled_at: null,
            totp_last_step: null,
          }
        : {}),
      ...(change.removeSecondFactor || change.unlockSecondFactor
        ? { totp_failures: 0, totp_locked_at: null }
        : {}),
      ...(change.endSessions ? { sessions_valid_after: sql<Date>`now()` } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** The institution a user would belong to, if it exists and is not disabled. */
export async function findActiveInstitution(
  db: Queryable,
  id: string,
): Promise<{ id: string; isLeadAgency: boolean } | undefined> {
  const row = await db
    .selectFrom('institutions')
    .select(['id', 'is_lead_agency'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row && { id: row.id, isLeadAgency: row.is_lead_agency };
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    institutionId: row.institution_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    active: row.active,
    passwordMustChange: row.password_must_change,
    secondFactorEnrolled: row.totp_enabled_at !== null,
    secondFactorLockedAt: row.totp_locked_at ? row.totp_locked_at.toISOString() : null,
    teamId: row.team_id,
    teamAccess: row.team_access,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function teamExists(db: Queryable, id: string): Promise<boolean> {
  const row = await db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}
