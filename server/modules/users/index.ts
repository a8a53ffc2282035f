export { createFirstAdmin, FirstAdminError } from './create-first-admin';
export { Email, User, UserRole } from './users.schemas';
