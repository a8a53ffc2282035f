import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type Response, type Router } from 'express';

/**
 * Every router is made here so that the request log can name the route
 * template: the mount path is remembered when the router is entered.
 */
export function createRouter(): Router {
  const router = express.Router();
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
