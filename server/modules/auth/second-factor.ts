import { checkTotp, createTotpEnrolment, type TotpEnrolment } from '../../../security/totp';
import { auditAlone, inActorTransaction, SYSTEM_ACTOR } from '../../db/actor-transaction';
import { asSystemWithin } from '../../db/rls-context';
import { ProblemError, problems } from '../../http/problem';
import { record } from '../audit';
import { actorFor, type AuthContext, type RequestOrigin } from './auth.context';
import {
  acceptTotpStep,
  countTotpFailure,
  findCredentialsById,
  setPendingTotpSecret,
  type Credentials,
} from './auth.repository';
import type { SessionUser } from './auth.types';
import { openTotpSecret, sealTotpSecret } from './totp-secret';

/**
 * Wrong codes in a row, per account, before the second factor locks: at
 * login and at step-up, from any address, whatever passwords were typed in
 * between (a correct password does not reset it; a correct code does). An
 * administrator unlocks it. 5 guesses among a million codes (three accepted
 * at a time) leave an attacker who knows the password a 1.5e-5 chance.
 */
export const MAX_SECOND_FACTOR_FAILURES = 5;

/**
 * Enrolment, after the password step (and after any required password
 * change): a new secret, shown once, stored wrapped and inactive until a
 * valid code proves the person's app has it.
 */
export async function beginTotpEnrolment(
  ctx: AuthContext,
  userId: string,
  origin: RequestOrigin,
): Promise<TotpEnrolment> {
  const credentials = await loadUsable(ctx, userId);
  if (credentials.passwordMustChange || credentials.totpEnabled) throw wrongStep();
  const enrolment = createTotpEnrolment(credentials.user.email);
  const sealed = sealTotpSecret(ctx.keyring, userId, enrolment.secret);
  await inActorTransaction(ctx.store, actorFor(credentials.user, origin.requestId), async (trx) => {
    if (!(await setPendingTotpSecret(trx, userId, sealed))) throw wrongStep();
    record(trx, { ...userResource(userId), action: 'auth.mfa.enrol_start', outcome: 'success' });
  });
  return enrolment;
}

export type CodeCheck = { ok: true; user: SessionUser } | { ok: false };

/**
 * Checks a TOTP code for `purpose` (`login` completes sign-in and, the first
 * time, activates the factor; `step_up` re-confirms a signed-in person). Each
 * code works once. A wrong code counts against the account (and locks the
 * factor at MAX_SECOND_FACTOR_FAILURES) and against the address throttle.
 */
export async function checkSecondFactor(
  ctx: AuthContext,
  userId: string,
  code: string,
  purpose: 'login' | 'step_up',
  origin: RequestOrigin,
): Promise<CodeCheck> {
  const credentials = await loadUsable(ctx, userId);
  const { email } = credentials.user;
  const verdict = await ctx.throttle.check(email, origin.ip);
  if (!verdict.allowed) throw problems.tooManyAttempts(verdict.retryAfterSeconds);
  if (credentials.passwordMustChange || !credentials.totpSecret) throw wrongStep();
  if (purpose === 'step_up' && !credentials.totpEnabled) throw wrongStep();
  const actor = actorFor(credentials.user, origin.requestId);
  const action = purpose === 'login' ? 'auth.totp' : 'auth.step_up';
  if (credentials.totpLockedAt) {
    await auditAlone(ctx.store, actor, {
      ...userResource(userId),
      action,
      outcome: 'denied',
      purpose: 'second_factor_locked',
    });
    throw secondFactorLocked();
  }

  const sealed = credentials.totpSecret;
  if (sealed.kekVersion === null) throw new Error('a TOTP secret in the earlier format');
  const secret = openTotpSecret(ctx.keyring, userId, {
    wrapped: sealed.wrapped,
    kekVersion: sealed.kekVersion,
  });
  const check = await checkTotp(secret, code, credentials.totpLastStep, ctx.clock());
  const accepted = await inActorTransaction(ctx.store, actor, async (trx) => {
    // Nobody sets these on their own row (migration 0017): the process does.
    const ok =
      check.ok &&
      (await asSystemWithin(trx, actor, () => acceptTotpStep(trx, userId, check.timeStep)));
    record(trx, { ...userResource(userId), action, outcome: ok ? 'success' : 'denied' });
    if (ok && !credentials.totpEnabled) {
      record(trx, { ...userResource(userId), action: 'auth.mfa.enrol', outcome: 'success' });
    }
    if (ok && purpose === 'login') {
      record(trx, { ...userResource(userId), action: 'auth.login', outcome: 'success' });
    }
    if (!ok) {
      const { lockedNow } = await asSystemWithin(trx, actor, () =>
        countTotpFailure(trx, userId, MAX_SECOND_FACTOR_FAILURES),
      );
      if (lockedNow) {
        record(trx, { ...userResource(userId), action: 'auth.mfa.lock', outcome: 'denied' });
      }
    }
    return ok;
  });
  if (!accepted) {
    const { locked } = await ctx.throttle.recordFailure(email, origin.ip);
    if (locked) await recordLockout(ctx, credentials, origin);
    return { ok: false };
  }
  await ctx.throttle.recordSuccess(email, origin.ip);
  return { ok: true, user: credentials.user };
}

/** The account as it is now; a disabled one ends the flow like a bad session. */
export async function loadUsable(ctx: AuthContext, userId: string): Promise<Credentials> {
  const credentials = await inActorTransaction(ctx.store, SYSTEM_ACTOR, (trx) =>
    findCredentialsById(trx, userId),
  );
  if (!credentials?.usable) throw problems.unauthenticated();
  return credentials;
}

function recordLockout(ctx: AuthContext, credentials: Credentials, origin: RequestOrigin) {
  return auditAlone(ctx.store, actorFor(credentials.user, origin.requestId), {
    ...userResource(credentials.user.id),
    action: 'auth.lockout',
    outcome: 'denied',
  });
}

export function wrongStep() {
  return problems.conflict(
    'wrong_login_step',
    'Not the expected login step',
    'Follow the `next` step returned by the previous login request.',
  );
}

const secondFactorLocked = () =>
  new ProblemError(
    403,
    'second_factor_locked',
    'Second factor locked',
    'Too many wrong codes in a row. An administrator must unlock your second factor.',
  );

function userResource(userId: string) {
  return { resourceType: 'user', resourceId: userId };
}
