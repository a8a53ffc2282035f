import type { Store } from '../../db/actor-transaction';
import { createRouter } from '../../http/router';
import type { AccessControl } from '../auth';

export function institutionsRoutes(_deps: { store: Store; access: AccessControl }) {
  const router = createRouter();
  return router;
}
