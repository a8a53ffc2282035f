import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { createRouter } from './router';

export const DEFAULT_CLIENT_DIR = path.resolve(__dirname, '../../client/dist');

/** The observatory's pages (published statistics, for anyone): the only pages a cache may keep. */
export const PUBLIC_PAGE_CACHE = 'public, max-age=300';
export function isPublicPage(pathname: string): boolean {
  return pathname === '/observatorio' || pathname.startsWith('/observatorio/');
}

/**
 * Serves the built web client, and its index.html for client-side routes
 * (GET requests that ask for HTML). Without a build, those routes 404.
 */
export function clientPages(clientDir: string): RequestHandler {
  const router = createRouter();
  const indexFile = path.join(clientDir, 'index.html');
  router.use(express.static(clientDir, { index: false, fallthrough: true, dotfiles: 'ignore' }));
  router.get(/.*/, (req, res, next) => {
    if (!req.accepts('html') || !fs.existsSync(indexFile)) return next();
    if (isPublicPage(req.path)) {
      // The public observatory: the same page for anyone, holding nothing of a session.
      res.setHeader('Cache-Control', PUBLIC_PAGE_CACHE);
    } else {
      // The page may hold a one-time secret on screen: never stored, and not
      // kept in the back/forward cache to be shown again by the Back button.
      res.setHeader('Cache-Control', 'no-store');
    }
    res.sendFile(indexFile);
  });
  return router;
}
