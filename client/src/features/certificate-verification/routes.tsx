import type { RouteObject } from 'react-router';

/**
 * The public verification of training certificates, outside the signed-in
 * application (no session asked for, none touched): `/verificar` to type a
 * code, `/verificar/:code` for the link printed on a certificate.
 */
export const certificateVerificationRoute: RouteObject = {
  path: '/verificar',
  lazy: async () => {
    const layout = await import('./VerificationLayout');
    return { Component: layout.VerificationLayout, ErrorBoundary: layout.VerificationError };
  },
  children: [
    {
      index: true,
      lazy: async () => ({ Component: (await import('./VerificationPage')).VerificationPage }),
    },
    {
      path: ':code',
      lazy: async () => ({ Component: (await import('./VerificationPage')).VerificationPage }),
    },
    {
      path: '*',
      lazy: async () => ({
        Component: (await import('./VerificationLayout')).VerificationNotFound,
      }),
    },
  ],
};
