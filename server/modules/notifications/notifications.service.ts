import { inActorTransaction, type StaffActor, type Store } from '../../db/actor-transaction';
import { toPage } from '../../http/pagination';
import { problems } from '../../http/problem';
import {
  countUnread,
  listOwn,
  markAllRead,
  markRead,
  type NotificationRow,
} from './notifications.repository';
import type {
  Notification,
  NotificationPage,
  NotificationQuery,
  ReadAll,
} from './notifications.schemas';

export interface NotificationsDeps {
  store: Store;
  clock: () => Date;
}

/*
 * Not audited, any of it: a notification is a kind and an id, no case data
 * and nothing identifying, and the list is the signed-in user's own (row-level
 * security). What caused each one is audited where it happened (the
 * referral, the consent decision, the break-glass grant), and whatever the
 * user opens from the list is audited by that screen's own endpoint.
 */

/** The signed-in user's notifications, newest first, and how many are unread. One transaction. */
export function listNotifications(
  deps: NotificationsDeps,
  actor: StaffActor,
  query: NotificationQuery,
): Promise<NotificationPage> {
  return inActorTransaction(deps.store, actor, async (trx) => {
    const rows = await listOwn(trx, query.limit, query.cursor);
    const page = toPage(rows, query.limit, (last) => ({
      createdAt: last.created_at.toISOString(),
      id: last.id,
    }));
    return {
      items: page.items.map(toNotification),
      nextCursor: page.nextCursor,
      unread: await countUnread(trx),
    };
  });
}

/** Marks one of the user's notifications read; anyone else's is 404, as a missing one. */
export function readNotification(
  deps: NotificationsDeps,
  actor: StaffActor,
  id: string,
): Promise<Notification> {
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await markRead(trx, id, deps.clock());
    if (!row) throw problems.notFound();
    return toNotification(row);
  });
}

export function readAllNotifications(deps: NotificationsDeps, actor: StaffActor): Promise<ReadAll> {
  return inActorTransaction(deps.store, actor, async (trx) => ({
    marked: await markAllRead(trx, deps.clock()),
  }));
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}
