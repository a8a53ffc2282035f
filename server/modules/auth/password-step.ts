import { auditAlone, inActorTransaction, SYSTEM_ACTOR } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { actorFor, anonymousActor, type AuthContext, type RequestOrigin } from './auth.context';
import { findCredentialsByEmail, setPasswordHash, type Credentials } from './auth.repository';
import type { NextStep } from './auth.schemas';
import type { SessionUser } from './auth.types';

export type PasswordStepResult = { ok: true; user: SessionUser; next: NextStep } | { ok: false };

/**
 * The first login step. Unknown accounts, wrong passwords and disabled
 * accounts get the same answer after the same work (a verify against a dummy
 * hash when there is no account), and each counts against the throttle.
 */
export async function passwordStep(
  ctx: AuthContext,
  email: string,
  password: string,
  origin: RequestOrigin,
): Promise<PasswordStepResult> {
  const verdict = await ctx.throttle.check(email, origin.ip);
  if (!verdict.allowed) throw problems.tooManyAttempts(verdict.retryAfterSeconds);

  const credentials = await inActorTransaction(ctx.store, SYSTEM_ACTOR, (trx) =>
    findCredentialsByEmail(trx, email),
  );
  const passwordOk = await ctx.hasher.verify(credentials?.passwordHash ?? null, password);
  if (!credentials || !passwordOk || !credentials.usable) {
    const { locked } = await ctx.throttle.recordFailure(email, origin.ip);
    await recordFailure(ctx, credentials, passwordOk, locked, origin);
    return { ok: false };
  }

  await ctx.throttle.recordSuccess(email, origin.ip);
  const rehash = ctx.hasher.needsRehash(credentials.passwordHash)
    ? await ctx.hasher.hash(password)
    : undefined;
  await inActorTransaction(ctx.store, actorFor(credentials.user, origin.requestId), async (trx) => {
    if (rehash) {
      await setPasswordHash(trx, credentials.user.id, rehash, {
        mustChange: credentials.passwordMustChange,
        endOtherSessions: false,
      });
    }
    record(trx, { ...userResource(credentials), action: 'auth.password', outcome: 'success' });
  });
  return { ok: true, user: credentials.user, next: nextStep(credentials) };
}

export function nextStep(credentials: Credentials): NextStep {
  if (credentials.passwordMustChange) return 'change_password';
  return credentials.totpEnabled ? 'totp' : 'enroll_totp';
}

/**
 * A failure is recorded in the name of the account it targeted when that
 * account exists (as an anonymous actor: nobody is signed in), with a reason
 * code; never the email that was typed.
 */
async function recordFailure(
  ctx: AuthContext,
  credentials: Credentials | undefined,
  passwordOk: boolean,
  locked: boolean,
  origin: RequestOrigin,
): Promise<void> {
  const reason = !credentials
    ? 'unknown_account'
    : passwordOk
      ? 'account_disabled'
      : 'wrong_password';
  const target = credentials ? userResource(credentials) : {};
  const failure = {
    ...target,
    action: 'auth.password',
    outcome: 'denied',
    purpose: reason,
  } as const;
  const lockout = { ...target, action: 'auth.lockout', outcome: 'denied' } as const;
  await auditAlone(
    ctx.store,
    anonymousActor(origin.requestId),
    failure,
    ...(locked ? [lockout] : []),
  );
}

function userResource(credentials: Credentials) {
  return { resourceType: 'user', resourceId: credentials.user.id };
}
