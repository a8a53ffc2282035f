import type { RequestHandler } from 'express';
import helmet from 'helmet';

const common = {
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'no-referrer' as const },
  crossOriginResourcePolicy: { policy: 'same-origin' as const },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

/** API and health responses: nothing may load or frame them. */
export const apiSecurityHeaders: RequestHandler = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
});

/**
 * The two <style> elements React Aria injects (no inline style otherwise):
 * `touch-action` for pressable elements (usePress) and `overscroll-behavior`
 * while a dialog blocks scrolling on iOS (usePreventScroll). Allowed by the
 * hash of their exact text, never by 'unsafe-inline'; if a React Aria upgrade
 * changes them, the browser journeys fail on the CSP refusal in the console.
 */
export const REACT_ARIA_STYLE_HASHES = [
  "'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='",
  "'sha256-gYiS/BvZvRcK27JIXTuwhZ3hs2+VJ1X+2gUlE+farlg='",
];

/** The web client: its own scripts, styles and images only. */
export const clientSecurityHeaders: RequestHandler = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", ...REACT_ARIA_STYLE_HASHES],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
});

export const permissionsPolicy: RequestHandler = (_req, res, next) => {
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  next();
};

/** Case data must never sit in a browser or proxy cache. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
