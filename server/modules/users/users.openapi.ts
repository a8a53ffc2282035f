import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import { Id, z } from '../../http/zod';
import {
  CreatedUser,
  CreateUser,
  UpdatedUser,
  UpdateUser,
  User,
  UserListQuery,
  UserPage,
  UserSearch,
} from './users.schemas';

const params = z.object({ id: Id });

export function registerUsersOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/users',
    summary: 'List users (admin), by email; the cursor names the last user by id only',
    request: { query: UserListQuery },
    responses: {
      200: { description: 'A page of users', ...jsonContent(UserPage) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/users/search',
    summary:
      'Find users (admin) by part of their email, sent in the body (never in a URL); ' +
      'same filters, order and cursor as the list',
    request: { body: jsonContent(UserSearch) },
    responses: {
      200: { description: 'A page of users', ...jsonContent(UserPage) },
      ...problemResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/users',
    summary:
      'Create a user (admin, step-up: 401 step_up_required otherwise); the one-time ' +
      'initial password is returned once',
    request: { body: jsonContent(CreateUser) },
    responses: {
      201: { description: 'Created', ...jsonContent(CreatedUser) },
      ...problemResponses(400, 401, 403, 409, 503),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/users/{id}',
    summary: 'One user (admin)',
    request: { params },
    responses: {
      200: { description: 'The user', ...jsonContent(User) },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/users/{id}',
    summary:
      'Change a user (admin). Whatever grants access needs a step-up (401 ' +
      'step_up_required): role, institution, team, team access, re-enabling, resetting ' +
      'the password or the second factor, unlocking the second factor. A name or ' +
      'disabling does not; disabling ends all their sessions.',
    request: { params, body: jsonContent(UpdateUser) },
    responses: {
      200: { description: 'The user', ...jsonContent(UpdatedUser) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });
}
