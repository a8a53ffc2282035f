export {
  accessControl,
  actorOf,
  requireCoordinator,
  requireUser,
  STEP_UP_WINDOW_MS,
  userOf,
  type AccessControl,
} from './access';
export type { AuthContext } from './auth.context';
export { registerAuthOpenApi } from './auth.openapi';
export { authRoutes } from './auth.routes';
export type { SessionUser } from './auth.types';
export { csrfProtection, rejectCrossSite } from './csrf';
export { DEFAULT_THROTTLE_POLICY, LoginThrottle, type ThrottlePolicy } from './login-throttle';
export { DEV_SESSION_COOKIE, SESSION_COOKIE, sessionSupport } from './session';
export { PostgresSessionStore } from './session-store';
export { openLegacyTotpSecret, sealTotpSecret, totpKeyContext } from './totp-secret';
export {
  purgeExpiredThrottleCounters,
  throttleStoreClient,
  type ThrottleTable,
} from './throttle-store';
