import type { RouteObject } from 'react-router';

/**
 * The public observatory: published figures for anyone, outside the signed-in
 * application (no session is asked for, none is touched). Its own layout,
 * loaded on demand like every screen.
 */
export const observatoryRoute: RouteObject = {
  path: '/observatorio',
  lazy: async () => {
    const layout = await import('./ObservatoryLayout');
    return { Component: layout.ObservatoryLayout, ErrorBoundary: layout.ObservatoryError };
  },
  children: [
    {
      index: true,
      lazy: async () => ({ Component: (await import('./ObservatoryPage')).ObservatoryPage }),
    },
    {
      path: 'metodo',
      lazy: async () => ({ Component: (await import('./MethodPage')).MethodPage }),
    },
    {
      path: ':id',
      lazy: async () => ({
        Component: (await import('./ObservatoryReleasePage')).ObservatoryReleasePage,
      }),
    },
    // Any other address under /observatorio stays public: never the sign-in page.
    {
      path: '*',
      lazy: async () => ({ Component: (await import('./ObservatoryLayout')).ObservatoryNotFound }),
    },
  ],
};
