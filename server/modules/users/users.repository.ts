import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, UsersTable } from '../../db/schema';
import type { User, UserRole } from './users.schemas';

type Queryable = Kysely<DB> | Transaction<DB>;

export interface NewUser {
  institutionId: string;
  email: string;
  displayName: string;
  role: UserRole;
  passwordHash: string;
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

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    institutionId: row.institution_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    active: row.active,
    passwordMustChange: row.password_must_change,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
