import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
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
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    quietReqLogger: true,
  });
}

/** The matched route as declared (`/api/v1/cases/:id`, or `unmatched`) and the actor's id. */
function routeAndActor(req: IncomingMessage, res: ServerResponse) {
  const { locals } = res as Response;
  const route = routeTemplate(req, res);
  return typeof locals.actorId === 'string' ? { route, actor: locals.actorId } : { route };
}
