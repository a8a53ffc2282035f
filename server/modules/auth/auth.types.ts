import type { ActorRole } from '../../db/actor-transaction';
import type { InstitutionSector } from '../institutions';

/** What Amparo keeps in a session (besides express-session's cookie and csrf-sync's token). */
declare module 'express-session' {
  interface SessionData {
    /** Between the password step and the second factor: who, since when, how many wrong codes. */
    pending?: { userId: string; since: number; totpFailures: number };
    /** When the second factor completed the login (compared with users.sessions_valid_after). */
    authenticatedAt?: number;
    /** Last TOTP check: sensitive operations need one within the last 5 minutes. */
    stepUpAt?: number;
    passport?: { user?: string };
  }
}

/** The person a request acts for, loaded fresh from the database on every request. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: ActorRole;
  institution: { id: string; name: string; sector: InstitutionSector };
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Passport types req.user through this global namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging with Passport's User
    interface User extends SessionUser {}
  }
}
