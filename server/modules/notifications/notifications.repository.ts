import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { NotificationPosition } from './notifications.schemas';

type Trx = Transaction<DB>;

const COLUMNS = ['id', 'kind', 'resource_type', 'resource_id', 'created_at', 'read_at'] as const;

/** The actor's own notifications (row-level security keeps it to them), newest first. */
export function listOwn(trx: Trx, limit: number, after?: NotificationPosition) {
  let query = trx.selectFrom('notifications').select(COLUMNS);
  if (after) {
    query = query.where(
      sql<boolean>`(created_at, id) < (${new Date(after.createdAt)}, ${after.id}::uuid)`,
    );
  }
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function countUnread(trx: Trx): Promise<number> {
  const row = await trx
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one read (once: a second mark keeps the first time); undefined when not the actor's. */
export async function markRead(trx: Trx, id: string, at: Date) {
  await trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
  return trx.selectFrom('notifications').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function markAllRead(trx: Trx, at: Date): Promise<number> {
  const result = await trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type NotificationRow = Awaited<ReturnType<typeof listOwn>>[number];
