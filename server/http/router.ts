import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express, type Request, type Response, type Router } from 'express';

/**
 * Routing is exact: case-sensitive and strict about trailing slashes, so that
 * a path that is not spelled as declared matches nothing (404) rather than
 * reaching a handler by a spelling that path-based middleware (CSRF) does
 * not recognise. The app sets the same for its own router (`exactRouting`).
 */
export const EXACT_ROUTING = { caseSensitive: true, strict: true } as const;

export function exactRouting(app: Express): void {
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
}

/**
 * Every router is made here so that the request log can name the route
 * template: the mount path is remembered when the router is entered.
 */
export function createRouter(): Router {
  const router = express.Router(EXACT_ROUTING);
  router.use((req, res, next) => {
    res.locals.routeBase = req.baseUrl;
    next();
  });
  return router;
}

/** The matched route as declared (`/api/v1/users/:id`), or `unmatched`: never the URL itself. */
export function routeTemplate(req: IncomingMessage, res: ServerResponse): string {
  const { locals } = res as Response;
  const path = ((req as Request).route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${String(locals.routeBase ?? '')}${path}` : 'unmatched';
}
