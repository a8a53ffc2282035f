import type { RouteObject } from 'react-router';

/**
 * Prevention campaigns, read by the lead agency's staff and the system's own
 * roles (caseworker, supervisor, coordinator, admin, auditor; not partners): /campaigns and
 * /campaigns/:id (addresses carry ids and filter codes only).
 */
export const campaignRoutes: RouteObject[] = [
  {
    path: 'campaigns',
    lazy: async () => ({ Component: (await import('./CampaignListPage')).CampaignListPage }),
  },
  {
    path: 'campaigns/:id',
    lazy: async () => ({ Component: (await import('./CampaignPage')).CampaignPage }),
  },
];

/** The coordinators' editor: /campaigns/new and /campaigns/:id/edit. */
export const campaignEditorRoutes: RouteObject[] = [
  {
    path: 'campaigns/new',
    lazy: async () => ({ Component: (await import('./CampaignEditorPage')).NewCampaignPage }),
  },
  {
    path: 'campaigns/:id/edit',
    lazy: async () => ({ Component: (await import('./CampaignEditorPage')).EditCampaignPage }),
  },
];
