import type { KeyEncryptionKeys } from '../../../security/crypto';
import type { PasswordHasher } from '../../../security/passwords';
import type { DbActor, StaffActor, Store } from '../../db/actor-transaction';
import type { SessionUser } from './auth.types';
import type { LoginThrottle } from './login-throttle';
import type { PostgresSessionStore } from './session-store';

/** Everything the sign-in use cases need; built once per app. */
export interface AuthContext {
  store: Store;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  sessions: PostgresSessionStore;
  /** The versioned key-encryption keys: TOTP secrets are wrapped by them. */
  keyring: KeyEncryptionKeys;
  /** The time TOTP codes are checked against (tests move it forward). */
  clock: () => Date;
  /** How long a step-up stays fresh (STEP_UP_WINDOW_SECONDS). */
  stepUpWindowMs: number;
}

/** Where a request comes from and which request it is, for throttling and audit. */
export interface RequestOrigin {
  ip: string;
  requestId?: string;
}

export function actorFor(user: SessionUser, requestId?: string): StaffActor {
  return { id: user.id, role: user.role, institutionId: user.institution.id, requestId };
}

export function anonymousActor(requestId?: string): DbActor {
  return { id: '', role: 'anonymous', institutionId: null, requestId };
}
