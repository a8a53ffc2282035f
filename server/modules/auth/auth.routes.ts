import { ProblemError, problems } from '../../http/problem';
import { createRouter } from '../../http/router';
import { validate } from '../../http/validate';
import { auditAlone } from '../../db/actor-transaction';
import { actorOf, requireUser, userOf } from './access';
import type { AuthContext } from './auth.context';
import { ChangePasswordRequest, LoginRequest, TotpRequest } from './auth.schemas';
import { changePassword } from './change-password';
import { issueCsrfToken } from './csrf';
import { beginTotpEnrolment, checkSecondFactor } from './second-factor';
import { originOf, type PasswordAuthenticator } from './session';
import {
  completeLogin,
  countWrongCode,
  describeSession,
  endSession,
  pendingUserId,
  saveSession,
  startPendingLogin,
} from './session-lifecycle';

const invalidCode = () => new ProblemError(401, 'invalid_code', 'Invalid code');

export function authRoutes(
  ctx: AuthContext,
  authenticatePassword: PasswordAuthenticator,
  cookie: { name: string; secure: boolean },
) {
  const router = createRouter();

  router.get('/csrf', async (req, res) => {
    const before = req.session.csrfToken;
    const token = issueCsrfToken(req);
    // Only a new token needs writing (the page asks on every load).
    if (token !== before) await saveSession(req);
    res.json({ token });
  });

  router.post('/login', validate({ body: LoginRequest }), (req, res, next) => {
    authenticatePassword(req, res, next, (error, result) => {
      if (error) return next(error);
      if (!result) return next(problems.invalidCredentials());
      startPendingLogin(req, result.user.id)
        .then(() => saveSession(req))
        .then(() => res.json({ next: result.next }), next);
    });
  });

  router.post('/password', validate({ body: ChangePasswordRequest }), async (req, res) => {
    const userId = req.user?.id ?? pendingUserId(req);
    if (!userId) throw problems.unauthenticated();
    // Before the second factor, only a forced change (initial or reset password) is allowed.
    const result = await changePassword(ctx, userId, req.body as ChangePasswordRequest, {
      ...originOf(req),
      signedIn: req.user !== undefined,
    });
    if (req.user) {
      req.session.authenticatedAt = result.sessionsValidAfter.getTime();
      await saveSession(req);
      res.status(204).end();
    } else {
      res.json({ next: result.next });
    }
  });

  router.post('/totp/enroll', async (req, res) => {
    const userId = pendingUserId(req);
    if (!userId) throw problems.unauthenticated();
    res.json(await beginTotpEnrolment(ctx, userId, originOf(req)));
  });

  router.post('/totp', validate({ body: TotpRequest }), async (req, res) => {
    const userId = pendingUserId(req);
    if (!userId) throw problems.unauthenticated();
    const { code } = req.body as { code: string };
    const check = await checkSecondFactor(ctx, userId, code, 'login', originOf(req));
    if (!check.ok) {
      countWrongCode(req);
      await saveSession(req);
      throw invalidCode();
    }
    await completeLogin(req, check.user, ctx.clock());
    await saveSession(req);
    res.locals.actorId = check.user.id;
    res.json(describeSession(req, check.user, ctx.clock(), ctx.stepUpWindowMs));
  });

  router.post('/step-up', requireUser, validate({ body: TotpRequest }), async (req, res) => {
    const { code } = req.body as { code: string };
    const check = await checkSecondFactor(ctx, userOf(req).id, code, 'step_up', originOf(req));
    if (!check.ok) throw invalidCode();
    req.session.stepUpAt = ctx.clock().getTime();
    await saveSession(req);
    res.json({
      stepUpValidUntil: new Date(req.session.stepUpAt + ctx.stepUpWindowMs).toISOString(),
    });
  });

  router.get('/me', requireUser, (req, res) => {
    res.json(
      describeSession(req, userOf(req), ctx.clock(), ctx.stepUpWindowMs, ctx.sessions.expiresAt()),
    );
  });

  router.post('/logout', requireUser, async (req, res) => {
    await auditAlone(ctx.store, actorOf(req), {
      action: 'auth.logout',
      outcome: 'success',
      resourceType: 'user',
      resourceId: userOf(req).id,
    });
    await endSession(req);
    res.clearCookie(cookie.name, {
      path: '/',
      httpOnly: true,
      secure: cookie.secure,
      sameSite: 'strict',
    });
    res.status(204).end();
  });

  return router;
}
