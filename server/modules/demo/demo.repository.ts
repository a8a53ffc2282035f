import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * What the demo data looks up before it writes: whether each part is there
 * already (by its fixed name or code), and who writes it. Read under the
 * demo coordinator's row-level security, or the system's for accounts.
 */

export type Trx = Transaction<DB>;

export async function usersByEmail(
  trx: Trx,
  emails: string[],
): Promise<{ id: string; email: string; institution_id: string }[]> {
  return trx
    .selectFrom('users')
    .select(['id', 'email', 'institution_id'])
    .where('email', 'in', emails)
    .execute();
}

export async function insertDisabledUser(
  trx: Trx,
  user: { institutionId: string; email: string; displayName: string; passwordHash: string },
): Promise<string> {
  const row = await trx
    .insertInto('users')
    .values({
      institution_id: user.institutionId,
      email: user.email,
      display_name: user.displayName,
      role: 'coordinator',
      password_hash: user.passwordHash,
      password_must_change: true,
      active: false,
      team_id: null,
      team_access: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function programmeNamed(trx: Trx, name: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('training_programmes')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.id;
}

export async function campaignNamed(trx: Trx, name: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('campaigns')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.id;
}

/** Whether any campaign recorded an activity in the year. */
export async function campaignActivityIn(trx: Trx, year: number): Promise<boolean> {
  const row = await trx
    .selectFrom('campaign_activities')
    .select('id')
    .where(sql<number>`extract(year from happened_on)`, '=', year)
    .executeTakeFirst();
  return row !== undefined;
}

export async function planProgramCoded(trx: Trx, code: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('plan_programs')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.id;
}

/** A yearly report of the year (draft or approved), or any report the preparer prepared. */
export async function reportOfYearOrBy(
  trx: Trx,
  year: number,
  preparedBy: string,
): Promise<string | undefined> {
  const row = await trx
    .selectFrom('management_reports')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('period_year', '=', year), eb('period_quarter', 'is', null)]),
        eb('prepared_by', '=', preparedBy),
      ]),
    )
    .executeTakeFirst();
  return row?.id;
}
