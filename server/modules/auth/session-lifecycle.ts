import type { Request } from 'express';
import type { Me } from './auth.schemas';
import type { SessionUser } from './auth.types';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-store';

/** How long a password step stays usable for the second factor (time to set up an app). */
export const PENDING_LOGIN_MS = 10 * 60 * 1000;
/** Wrong codes allowed in one pending login before the password must be entered again. */
export const MAX_CODES_PER_PENDING_LOGIN = 5;

/** A new session id for the person who just gave the right password (no fixation). */
export async function startPendingLogin(req: Request, userId: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((error) => (error ? reject(toError(error)) : resolve())),
  );
  req.session.startedAt = Date.now();
  req.session.userId = userId;
  req.session.pending = { userId, since: Date.now(), totpFailures: 0 };
}

/** The user between the password step and the second factor, if that step is still fresh. */
export function pendingUserId(req: Request): string | undefined {
  const pending = req.session.pending;
  if (!pending || Date.now() - pending.since > PENDING_LOGIN_MS) return undefined;
  return pending.userId;
}

/** Counts a wrong code; after too many the pending login is dropped. */
export function countWrongCode(req: Request): void {
  const pending = req.session.pending;
  if (!pending) return;
  pending.totpFailures += 1;
  if (pending.totpFailures >= MAX_CODES_PER_PENDING_LOGIN) delete req.session.pending;
}

/** Second factor passed: Passport regenerates the id again and the session is signed in. */
export async function completeLogin(
  req: Request,
  user: SessionUser,
  stepUpAt: Date,
): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.logIn(user, (error) => (error ? reject(toError(error)) : resolve())),
  );
  const now = Date.now();
  req.session.startedAt = now;
  req.session.userId = user.id;
  req.session.authenticatedAt = now;
  req.session.stepUpAt = stepUpAt.getTime();
}

/**
 * Writes the session before the answer goes out. express-session would save a
 * changed session as the response ends, but a save that fails there still
 * lets the 200 through: the client holds a CSRF token, a sign-in or a step-up
 * the database never kept (seen under load and during a database restart).
 * Saved here, a failure is the request's error (503 when the database is away).
 */
export async function saveSession(req: Request): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.save((error) => (error ? reject(toError(error)) : resolve())),
  );
}

export async function endSession(req: Request): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.destroy((error) => (error ? reject(toError(error)) : resolve())),
  );
}

/** `idleExpiresAt`: when the session read found it ending (a new session: 15 min from now). */
export function describeSession(
  req: Request,
  user: SessionUser,
  clock: Date,
  stepUpWindowMs: number,
  idleExpiresAt?: Date,
): Me {
  const now = Date.now();
  const stepUpAt = req.session.stepUpAt;
  const stepUpUntil = stepUpAt === undefined ? 0 : stepUpAt + stepUpWindowMs;
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
    institution: user.institution,
    session: {
      idleExpiresAt: (idleExpiresAt ?? new Date(now + SESSION_IDLE_MS)).toISOString(),
      absoluteExpiresAt: new Date(
        (req.session.startedAt ?? now) + SESSION_ABSOLUTE_MS,
      ).toISOString(),
      stepUpValidUntil: stepUpUntil >= clock.getTime() ? new Date(stepUpUntil).toISOString() : null,
    },
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error('session store failed');
}
