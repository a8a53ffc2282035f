import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { databaseFailure } from '../db/database-failure';
import { safeError } from './logger';
import { routeTemplate } from './router';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One line per request: method, route template (never the URL: it may carry
 * ids or a query), status, duration, request id, pseudonymous actor id.
 * A caller's X-Request-Id is reused only when it is a UUID, and then in its
 * canonical lower-case spelling: audit rows store request ids as such.
 */
export function httpLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && UUID.test(incoming) ? incoming.toLowerCase() : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { method: string }) => ({ method: req.method }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: safeError,
    },
    // Route and actor are only known once the request has been routed.
    customSuccessObject: (req, res, value: object) => ({ ...value, ...routeAndActor(req, res) }),
    customErrorObject: (req, res, _error, value: object) => ({
      ...value,
      ...routeAndActor(req, res),
    }),
    // pino-http hands this the error of a failed response only; a handled one is on res.err.
    customLogLevel: (_req, res, error) => logLevel(res.statusCode, error ?? res.err),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    quietReqLogger: true,
  });
}

/**
 * 503: the database is away (which /readyz reports too) or the server is
 * busy — an outage or a load, not a defect: one warning per request. A
 * statement or lock timeout stays an error: someone should look at it.
 */
function logLevel(status: number, error: unknown): 'error' | 'warn' | 'info' {
  if (status === 503 && databaseFailure(error) !== 'timeout') return 'warn';
  if (error || status >= 500) return 'error';
  return status >= 400 ? 'warn' : 'info';
}

/** The matched route as declared (`/api/v1/cases/:id`, or `unmatched`) and the actor's id. */
function routeAndActor(req: IncomingMessage, res: ServerResponse) {
  const { locals } = res as Response;
  const route = routeTemplate(req, res);
  return typeof locals.actorId === 'string' ? { route, actor: locals.actorId } : { route };
}
