import { Cursor, Page, PositionTime } from '../../http/pagination';
import { Id, z } from '../../http/zod';
import { NOTIFICATION_KINDS, NOTIFICATION_RESOURCES } from '../../db/schema.notifications';

/**
 * Something waiting for the signed-in user: a kind and the id of what it is
 * about — never a name, a case number or any content. The screen it leads to
 * reads the record under its own access rules.
 */
export const Notification = z
  .object({
    id: Id,
    kind: z.enum(NOTIFICATION_KINDS),
    resourceType: z.enum(NOTIFICATION_RESOURCES),
    resourceId: Id,
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .openapi('Notification');
export type Notification = z.infer<typeof Notification>;

const NotificationPosition = z.object({ createdAt: PositionTime, id: Id }).strict();
export type NotificationPosition = z.infer<typeof NotificationPosition>;

export const NotificationQuery = Cursor(NotificationPosition).strict();
export type NotificationQuery = z.infer<typeof NotificationQuery>;

export const NotificationPage = Page(Notification)
  .extend({ unread: z.number().int().min(0) })
  .openapi('NotificationPage');
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationParams = z.object({ id: Id }).strict();
export type NotificationParams = z.infer<typeof NotificationParams>;

/** Marking read takes no input. */
export const NoBody = z.object({}).strict();

export const ReadAll = z.object({ marked: z.number().int().min(0) }).openapi('ReadAll');
export type ReadAll = z.infer<typeof ReadAll>;
