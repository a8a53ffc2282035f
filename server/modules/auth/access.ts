import type { Request, RequestHandler, Response } from 'express';
import {
  auditAlone,
  type ActorRole,
  type StaffActor,
  type Store,
} from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import { routeTemplate } from '../../http/router';
import { releaseBeforeBody } from '../../db/request-transaction';
import { actorFor } from './auth.context';
import type { PostgresSessionStore } from './session-store';
import type { SessionUser } from './auth.types';

/** The default of STEP_UP_WINDOW_SECONDS. */
export const STEP_UP_WINDOW_MS = 5 * 60 * 1000;

/** The signed-in user of a request that passed requireUser/requireRole. */
export function userOf(req: Request): SessionUser {
  if (!req.user) throw problems.unauthenticated();
  return req.user;
}

/** The actor a use case runs for: the signed-in user and this request's id. */
export function actorOf(req: Request): StaffActor {
  return actorFor(userOf(req), typeof req.id === 'string' ? req.id : undefined);
}

/**
 * Inside a use case: 403 unless the actor is a coordinator (the routes
 * refuse the others first, audited; this keeps the use case safe alone).
 */
export function requireCoordinator(actor: StaffActor): void {
  if (actor.role !== 'coordinator') throw problems.forbidden();
}

export const requireUser: RequestHandler = (req, res, next) => {
  if (!req.user) return next(problems.unauthenticated());
  res.locals.actorId = req.user.id;
  next();
};

/**
 * Function-level authorization, plus the audit of every denial. A denial is
 * recorded in its own transaction: there is no use case whose transaction it
 * could share. The resource is the route template, never the URL.
 */
export interface AccessControl {
  requireRole(...roles: ActorRole[]): RequestHandler[];
  /** Sensitive operations: a second-factor check within the step-up window (5 minutes by default). */
  requireStepUp: RequestHandler;
  /** The same check inside a handler, for operations sensitive only with some inputs. */
  ensureStepUp(req: Request, res: Response): Promise<void>;
  /** Records an object-level denial (the policy said no) and returns the problem to send. */
  deny(req: Request, res: Response, resource?: { type: string; id: string }): Promise<void>;
  /**
   * For a large body read after the session check (an upload): nothing is
   * held open while it arrives, and the session and the account are checked
   * again once it is in, opening the transaction the use case then runs in.
   */
  readBodySlowly(parser: RequestHandler): RequestHandler[];
}

/**
 * `sessions`: where a session is checked again after a slow body. `clock`:
 * the time step-up windows are measured in (the TOTP clock; tests move it).
 */
export function accessControl(
  store: Store,
  sessions: PostgresSessionStore,
  clock: () => Date,
  stepUpWindowMs: number,
): AccessControl {
  async function deny(req: Request, res: Response, resource?: { type: string; id: string }) {
    await auditAlone(store, actorOf(req), {
      action: 'access.denied',
      outcome: 'denied',
      resourceType: resource?.type ?? 'endpoint',
      resourceId: resource?.id ?? `${req.method}:${routeTemplate(req, res)}`,
    });
  }

  return {
    deny,
    requireRole: (...roles) => [
      requireUser,
      (req, res, next) => {
        if (roles.includes(userOf(req).role)) return next();
        deny(req, res).then(() => next(problems.forbidden()), next);
      },
    ],
    ensureStepUp,
    requireStepUp: (req, res, next) => {
      ensureStepUp(req, res).then(() => next(), next);
    },
    readBodySlowly: (parser) => [
      releaseBeforeBody,
      parser,
      (req, _res, next) => {
        const user = userOf(req);
        sessions
          .signedInAgain(req.sessionID, user)
          .then((same) => next(same ? undefined : problems.unauthenticated()), next);
      },
    ],
  };

  async function ensureStepUp(req: Request, res: Response): Promise<void> {
    const at = req.session.stepUpAt;
    if (at !== undefined && clock().getTime() - at <= stepUpWindowMs) return;
    await deny(req, res, { type: 'step_up', id: `${req.method}:${routeTemplate(req, res)}` });
    throw problems.stepUpRequired();
  }
}
