/**
 * What each scanner is pointed at, and with whose session. sqlmap gets GET
 * filters (query parameters), ids in paths (sqlmap's `*` marker) and JSON
 * bodies (every value a parameter); wapiti gets the GET endpoints with their
 * query parameters as start URLs (it neither reads JSON bodies nor follows
 * links out of JSON, so the start URLs are what it attacks).
 */
import type { ScanRole, ScanWorld } from './world';

export type Who = ScanRole | 'anonymous';

export interface SqlmapTarget {
  name: string;
  who: Who;
  method: 'GET' | 'POST' | 'PATCH';
  /** Path and query; a `*` marks an injection point in the path. */
  path: string;
  body?: Record<string, unknown>;
  /** Answers sqlmap must compare rather than stop at (its default stops at 401 and 404). */
  ignoreCodes?: number[];
}

export function sqlmapTargets(w: ScanWorld): SqlmapTarget[] {
  const soon = new Date(Date.now() + 5 * 86_400_000).toISOString();
  return [
    // Case roles: the case file, its notes, consents and referrals.
    {
      name: 'cases-list-filters',
      who: 'caseworker',
      method: 'GET',
      path: '/api/v1/cases?status=open&riskLevel=high&assigned=team&limit=10',
    },
    {
      name: 'case-id-in-path',
      who: 'caseworker',
      method: 'GET',
      path: `/api/v1/cases/${w.caseId}*`,
    },
    {
      name: 'case-notes-list',
      who: 'caseworker',
      method: 'GET',
      path: `/api/v1/cases/${w.caseId}*/notes?limit=10`,
    },
    {
      name: 'case-note-body',
      who: 'caseworker',
      method: 'POST',
      path: `/api/v1/cases/${w.caseId}/notes`,
      body: { body: 'Nota de prueba del escáner' },
    },
    {
      name: 'case-intake-body',
      who: 'caseworker',
      method: 'POST',
      path: '/api/v1/cases',
      body: {
        identifiedOn: '2026-11-20',
        riskLevel: 'medium',
        identity: { fullName: 'CANARIO-SCAN-INTAKE', documentNumber: '0000000000' },
        attributes: {
          sex: 'Female',
          traffickingStatus: 'Possible',
          ageAtIdentification: 30,
          province: 'Pichincha',
          nationality: 'EC',
        },
      },
    },
    {
      name: 'referrals-sent-filters',
      who: 'caseworker',
      method: 'GET',
      path: `/api/v1/referrals?box=sent&status=sent&caseId=${w.caseId}&limit=10`,
    },
    {
      name: 'referral-create-body',
      who: 'caseworker',
      method: 'POST',
      path: '/api/v1/referrals',
      body: {
        caseId: w.caseId,
        institutionId: w.hospitalId,
        services: ['medical_care'],
        urgency: 'routine',
        acknowledgeBy: soon,
        categories: ['minimal'],
      },
    },
    {
      name: 'reviews-filters',
      who: 'supervisor',
      method: 'GET',
      path: '/api/v1/reviews?state=pending&limit=10',
    },
    {
      name: 'consents-filters',
      who: 'supervisor',
      method: 'GET',
      path: '/api/v1/consents?status=pending_approval&limit=10',
    },
    {
      name: 'case-assign-body',
      who: 'supervisor',
      method: 'POST',
      path: `/api/v1/cases/${w.caseId}/assign`,
      body: { assignedTo: w.userId },
    },
    {
      name: 'referrals-inbox-filters',
      who: 'partner',
      method: 'GET',
      path: '/api/v1/referrals?box=inbox&status=sent&limit=10',
    },
    {
      name: 'referral-id-in-path',
      who: 'partner',
      method: 'GET',
      path: `/api/v1/referrals/${w.referralId}*`,
    },
    {
      name: 'referral-transition-body',
      who: 'partner',
      method: 'POST',
      path: `/api/v1/referrals/${w.referralId}/transitions`,
      body: { to: 'acknowledged' },
    },
    // Search and filters of the other roles.
    {
      name: 'users-search-body',
      who: 'admin',
      method: 'POST',
      path: '/api/v1/users/search',
      body: { emailContains: 'scan.example', role: 'caseworker', active: true },
    },
    {
      name: 'users-list-filters',
      who: 'admin',
      method: 'GET',
      path: `/api/v1/users?role=caseworker&institutionId=${w.leadAgencyId}&active=true&limit=10`,
    },
    {
      name: 'audit-filters',
      who: 'auditor',
      method: 'GET',
      path: `/api/v1/audit?action=case.%2A&resourceType=case&resourceId=${w.caseId}&outcome=success&limit=10`,
    },
    {
      name: 'audit-case-report',
      who: 'auditor',
      method: 'GET',
      path: `/api/v1/audit/reports/case?caseNumber=${w.caseNumber}&limit=10`,
    },
    {
      name: 'campaigns-filters',
      who: 'coordinator',
      method: 'GET',
      path: '/api/v1/campaigns?status=running&territory=Pichincha&group=woman&limit=10',
    },
    {
      name: 'training-participants-filters',
      who: 'coordinator',
      method: 'GET',
      path: '/api/v1/trainings/participants?sector=health&province=Pichincha&limit=10',
    },
    // Without a session: the public code lookup and the password step (last:
    // its throttle refuses the rest of the run's attempts, by design).
    {
      name: 'public-certificate-code',
      who: 'anonymous',
      method: 'GET',
      path: '/api/v1/public/certificates/ABCD2345EFGH*',
      ignoreCodes: [404],
    },
    {
      name: 'login-body',
      who: 'anonymous',
      method: 'POST',
      path: '/api/v1/auth/login',
      body: { email: 'nadie@scan.example', password: 'no-es-la-clave' },
      // Wrong credentials answer 401; after 100 failures a day the address answers 429.
      ignoreCodes: [401, 429],
    },
  ];
}

/** Start URLs for wapiti, by role: every GET filter that role may use. */
export function wapitiStarts(w: ScanWorld): Record<Who, string[]> {
  return {
    caseworker: [
      '/api/v1/cases?status=open&riskLevel=high&assigned=team&limit=10',
      `/api/v1/cases/${w.caseId}`,
      `/api/v1/cases/${w.caseId}/notes?limit=10`,
      `/api/v1/cases/${w.caseId}/consents`,
      `/api/v1/referrals?box=sent&status=sent&caseId=${w.caseId}&limit=10`,
      `/api/v1/referrals/${w.referralId}`,
      '/api/v1/notifications?limit=10',
      '/api/v1/directory',
    ],
    supervisor: [
      '/api/v1/reviews?state=pending&limit=10',
      '/api/v1/consents?status=pending_approval&limit=10',
      '/api/v1/cases?status=open&assigned=me&limit=10',
      `/api/v1/cases/${w.caseId}`,
    ],
    partner: [
      '/api/v1/referrals?box=inbox&status=sent&overdue=false&limit=10',
      `/api/v1/referrals/${w.referralId}`,
      `/api/v1/referrals/${w.referralId}/package`,
    ],
    admin: [
      `/api/v1/users?role=caseworker&institutionId=${w.leadAgencyId}&active=true&limit=10`,
      '/api/v1/institutions?sector=health&active=true&limit=10',
      `/api/v1/institutions/${w.hospitalId}/certificates`,
    ],
    auditor: [
      `/api/v1/audit?action=case.*&resourceType=case&resourceId=${w.caseId}&outcome=success&limit=10`,
      `/api/v1/audit/reports/case?caseNumber=${w.caseNumber}&limit=10`,
      `/api/v1/audit/reports/user?userId=${w.userId}&limit=10`,
    ],
    coordinator: [
      '/api/v1/campaigns?status=running&territory=Pichincha&group=woman&limit=10',
      '/api/v1/trainings/participants?sector=health&province=Pichincha&limit=10',
      '/api/v1/targets/progress?year=2026&quarter=4',
      '/api/v1/statistics/budget?year=2026',
    ],
    anonymous: [
      '/api/v1/public/statistics/releases?tableId=victims_by_sex',
      '/api/v1/public/certificates/ABCD2345EFGH',
      '/healthz',
    ],
  };
}
