export { createFirstAdmin, FirstAdminError } from './create-first-admin';
export { Email, User, UserRole } from './users.schemas';
export { usersRoutes } from './users.routes';
export { registerUsersOpenApi } from './users.openapi';
