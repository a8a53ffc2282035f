import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import {
  NoBody,
  Notification,
  NotificationPage,
  NotificationQuery,
  ReadAll,
} from './notifications.schemas';

export function registerNotificationsOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/notifications',
    summary:
      'Any signed-in user: their own notifications, newest first, and how many are unread. ' +
      'A kind and an id each, never content. Not audited (no case data is read)',
    request: { query: NotificationQuery },
    responses: {
      200: { description: 'A page of notifications', ...jsonContent(NotificationPage) },
      ...problemResponses(400, 401),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/notifications/{id}/read',
    summary: 'Mark one of your notifications read (404 for anyone else’s). Not audited',
    request: { params: z.object({ id: Id }), body: jsonContent(NoBody) },
    responses: {
      200: { description: 'Marked read', ...jsonContent(Notification) },
      ...problemResponses(400, 401, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/notifications/read-all',
    summary: 'Mark all your notifications read. Not audited',
    request: { body: jsonContent(NoBody) },
    responses: {
      200: { description: 'How many were marked', ...jsonContent(ReadAll) },
      ...problemResponses(400, 401),
    },
  });
}
