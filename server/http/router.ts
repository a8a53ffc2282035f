import express, { type Router } from 'express';

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
