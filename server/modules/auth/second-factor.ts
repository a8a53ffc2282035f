import { checkTotp, createTotpEnrolment, type TotpEnrolment } from '../../../security/totp';
import { auditAlone, inActorTransaction, SYSTEM_ACTOR } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { actorFor, type AuthContext, type RequestOrigin } from './auth.context';
import {
  acceptTotpStep,
  findCredentialsById,
  setPendingTotpSecret,
  type Credentials,
} from './auth.repository';
import type { SessionUser } from './auth.types';
import { openTotpSecret, sealTotpSecret } from './totp-secret';

/**
 * Enrolment, after the password step (and after any required password
 * change): a new secret, shown once, stored encrypted and inactive until a
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
  const sealed = sealTotpSecret(ctx.totpKey, userId, enrolment.secret);
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
 * code works once; wrong codes count against the same throttle as passwords.
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
  if (credentials.passwordMustChange || !credentials.totpSecretEnc) throw wrongStep();
  if (purpose === 'step_up' && !credentials.totpEnabled) throw wrongStep();

  const secret = openTotpSecret(ctx.totpKey, userId, credentials.totpSecretEnc);
  const check = await checkTotp(secret, code, credentials.totpLastStep, ctx.clock());
  const actor = actorFor(credentials.user, origin.requestId);
  const action = purpose === 'login' ? 'auth.totp' : 'auth.step_up';
  const accepted = await inActorTransaction(ctx.store, actor, async (trx) => {
    const ok = check.ok && (await acceptTotpStep(trx, userId, check.timeStep));
    record(trx, { ...userResource(userId), action, outcome: ok ? 'success' : 'denied' });
    if (ok && !credentials.totpEnabled) {
      record(trx, { ...userResource(userId), action: 'auth.mfa.enrol', outcome: 'success' });
    }
    if (ok && purpose === 'login') {
      record(trx, { ...userResource(userId), action: 'auth.login', outcome: 'success' });
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

function wrongStep() {
  return problems.conflict(
    'wrong_login_step',
    'Not the expected login step',
    'Follow the `next` step returned by the previous login request.',
  );
}

function userResource(userId: string) {
  return { resourceType: 'user', resourceId: userId };
}
