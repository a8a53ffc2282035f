import { checkPassword } from '../../../security/passwords';
import { auditAlone, inActorTransaction } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { actorFor, type AuthContext, type RequestOrigin } from './auth.context';
import { setPasswordHash } from './auth.repository';
import { nextStep } from './password-step';
import { loadUsable, wrongStep } from './second-factor';
import type { NextStep } from './auth.schemas';

/**
 * A person changes their own password: the current one is checked again (and
 * counted by the throttle when wrong), the new one must pass the policy, and
 * every other session of theirs ends. Returns the instant sessions must be
 * newer than, so the caller can keep the current one. Before the second
 * factor (`signedIn` false) only a forced change is allowed: a password
 * alone must not change the password of an account that has a second factor.
 */
export async function changePassword(
  ctx: AuthContext,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  origin: RequestOrigin & { signedIn: boolean },
): Promise<{ sessionsValidAfter: Date; next: NextStep }> {
  const credentials = await loadUsable(ctx, userId);
  if (!origin.signedIn && nextStep(credentials) !== 'change_password') throw wrongStep();
  const { user } = credentials;
  const verdict = await ctx.throttle.check(user.email, origin.ip);
  if (!verdict.allowed) throw problems.tooManyAttempts(verdict.retryAfterSeconds);

  const actor = actorFor(user, origin.requestId);
  const audit = {
    resourceType: 'user',
    resourceId: user.id,
    action: 'auth.password_change',
  } as const;
  if (!(await ctx.hasher.verify(credentials.passwordHash, input.currentPassword))) {
    await ctx.throttle.recordFailure(user.email, origin.ip);
    await auditAlone(ctx.store, actor, { ...audit, outcome: 'denied', purpose: 'wrong_password' });
    throw fieldProblem('currentPassword', 'incorrect', 'Does not match the current password');
  }
  if (input.newPassword === input.currentPassword) {
    throw fieldProblem('newPassword', 'same_as_current', 'Must differ from the current password');
  }
  const weakness = checkPassword(input.newPassword, [
    user.email,
    user.displayName,
    user.institution.name,
  ]);
  if (weakness) throw fieldProblem('newPassword', weakness, POLICY_MESSAGES[weakness]);

  const passwordHash = await ctx.hasher.hash(input.newPassword);
  const sessionsValidAfter = await inActorTransaction(ctx.store, actor, async (trx) => {
    const validAfter = await setPasswordHash(trx, user.id, passwordHash, {
      mustChange: false,
      endOtherSessions: true,
    });
    record(trx, { ...audit, outcome: 'success' });
    return validAfter;
  });
  await ctx.throttle.recordSuccess(user.email, origin.ip);
  return {
    sessionsValidAfter,
    next: nextStep({ ...credentials, passwordMustChange: false }),
  };
}

const POLICY_MESSAGES = {
  too_short: 'Must be at least 12 characters long',
  too_long: 'Must be at most 128 characters long',
  too_weak: 'Too easy to guess: avoid common words, names and details about you',
} as const;

function fieldProblem(field: string, code: string, message: string) {
  return problems.validation([{ path: `body.${field}`, code, message }]);
}
