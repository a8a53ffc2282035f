import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { NextStep } from './auth.schemas';
import session from 'express-session';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { requestTransactions } from '../../db/request-transaction';
import type { AuthContext, RequestOrigin } from './auth.context';
import type { SessionUser } from './auth.types';
import { passwordStep } from './password-step';

/** `__Host-`: Secure, Path=/, no Domain — the browser refuses it otherwise. */
export const SESSION_COOKIE = '__Host-amparo.sid';
/** The development fallback over plain HTTP on localhost (DEV_INSECURE_HTTP_COOKIE). */
export const DEV_SESSION_COOKIE = 'amparo.dev.sid';

export interface SessionOptions {
  secret: Buffer;
  insecureHttpCookie: boolean;
}

/**
 * express-session on PostgreSQL plus Passport: the `password` strategy is the
 * first login step; a session counts as signed in only once the second factor
 * has been checked (see auth.routes). The account is re-read on every request,
 * in the statement that reads the session, so a disabled account or a changed
 * password ends live sessions at once.
 */
export function sessionSupport(ctx: AuthContext, options: SessionOptions) {
  const passport = new Passport();
  passport.use(
    'password',
    new LocalStrategy(
      { usernameField: 'email', passReqToCallback: true, session: false },
      (req, email, password, done) => {
        passwordStep(ctx, email, password, originOf(req)).then(
          // Passport's info object carries the next login step to the route.
          (result) =>
            result.ok ? done(null, result.user, { message: result.next }) : done(null, false),
          done,
        );
      },
    ),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  // The session read (this request's first statement) re-read the account.
  passport.deserializeUser(
    (id: string, done: (error: unknown, user?: SessionUser | false) => void) => {
      done(null, ctx.sessions.signedInUser(id) ?? false);
    },
  );

  const middleware: RequestHandler[] = [
    requestTransactions,
    keepSessionWhenUnread(
      session({
        name: options.insecureHttpCookie ? DEV_SESSION_COOKIE : SESSION_COOKIE,
        secret: options.secret.toString('base64'),
        store: ctx.sessions,
        resave: false,
        saveUninitialized: false,
        unset: 'destroy',
        cookie: {
          httpOnly: true,
          secure: !options.insecureHttpCookie,
          sameSite: 'strict',
          path: '/',
        },
      }),
    ),
    passport.initialize() as RequestHandler,
    passport.session() as RequestHandler,
  ];
  /** Runs the password strategy; `done` gets the user and the next login step, or false. */
  function authenticatePassword(
    req: Request,
    res: Response,
    next: NextFunction,
    done: (error: unknown, result: { user: SessionUser; next: NextStep } | false) => void,
  ): void {
    const handler = passport.authenticate(
      'password',
      { session: false },
      (error: unknown, user: SessionUser | false, info?: { message: NextStep }) =>
        done(error, user && info ? { user, next: info.message } : false),
    ) as RequestHandler;
    void handler(req, res, next);
  }

  return { authenticatePassword, middleware };
}

/**
 * With `unset: 'destroy'`, express-session destroys at the end of the
 * response a session it could not load (its `req.session` is null) — and
 * holds the response's last byte until the store answers. A session the
 * database could not read (an outage, a lock timeout) is left alone.
 */
function keepSessionWhenUnread(middleware: RequestHandler): RequestHandler {
  return (req, res, next) =>
    middleware(req, res, (error?: unknown) => {
      if (error) delete (req as { sessionID?: string }).sessionID;
      next(error);
    });
}

export type PasswordAuthenticator = ReturnType<typeof sessionSupport>['authenticatePassword'];

export function originOf(req: Request): RequestOrigin {
  return { ip: req.ip ?? 'unknown', requestId: typeof req.id === 'string' ? req.id : undefined };
}
