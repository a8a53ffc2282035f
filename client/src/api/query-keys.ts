/**
 * Every server-state cache key, in one place, so that a change in one feature
 * invalidates what it affects in another (a revoked consent withdraws
 * referrals; an assignment changes lists). Invalidate by prefix.
 */
export const queryKeys = {
  me: ['me'] as const,
  directory: ['directory'] as const,
  institutions: (filters: object = {}) => ['institutions', filters] as const,
  cases: {
    all: ['cases'] as const,
    list: (filters: object) => ['cases', 'list', filters] as const,
    detail: (caseId: string) => ['cases', 'detail', caseId] as const,
    notes: (caseId: string) => ['cases', 'detail', caseId, 'notes'] as const,
    attachments: (caseId: string) => ['cases', 'detail', caseId, 'attachments'] as const,
    consents: (caseId: string) => ['cases', 'detail', caseId, 'consents'] as const,
  },
  consents: {
    all: ['consents'] as const,
    pending: ['consents', 'pending'] as const,
  },
  referrals: {
    all: ['referrals'] as const,
    list: (filters: object) => ['referrals', 'list', filters] as const,
    detail: (referralId: string) => ['referrals', 'detail', referralId] as const,
    lists: ['referrals', 'list'] as const,
  },
  /**
   * The disclosure package a partner reads: every fetch is an audited
   * disclosure, so it lives outside `referrals` and no invalidation of
   * referrals fetches it again.
   */
  referralPackage: (referralId: string) => ['referral-package', referralId] as const,
  reviews: {
    all: ['reviews'] as const,
    list: (state: string) => ['reviews', 'list', state] as const,
  },
  notifications: {
    all: ['notifications'] as const,
    unread: ['notifications', 'unread'] as const,
    list: ['notifications', 'list'] as const,
  },
  audit: {
    all: ['audit'] as const,
    log: (filters: object) => ['audit', 'log', filters] as const,
    staff: ['audit', 'staff'] as const,
    caseReport: (subject: object) => ['audit', 'report', 'case', subject] as const,
    userReport: (subject: object) => ['audit', 'report', 'user', subject] as const,
  },
  /** The coordinator's release builder (drafts and budgets are theirs only). */
  statistics: {
    all: ['statistics'] as const,
    catalogue: ['statistics', 'catalogue'] as const,
    budget: (year: number) => ['statistics', 'budget', year] as const,
    preview: (request: object) => ['statistics', 'preview', request] as const,
    releases: (filters: object) => ['statistics', 'releases', filters] as const,
    release: (id: string) => ['statistics', 'release', id] as const,
  },
  /** The public observatory's reads: published releases only, no session. */
  observatory: {
    all: ['observatory'] as const,
    releases: (tableId?: string) => ['observatory', 'releases', tableId ?? 'all'] as const,
    release: (id: string) => ['observatory', 'release', id] as const,
  },
  /** The public check of a training certificate's code (no session; never kept after the page). */
  certificateVerification: (code: string) => ['certificate-verification', code] as const,
  /**
   * Prevention campaigns (no personal data) and the published statistics
   * releases they link: those never change once published, so a campaign's
   * screens read them from the public endpoints and keep them.
   */
  campaigns: {
    all: ['campaigns'] as const,
    list: (filters: object) => ['campaigns', 'list', filters] as const,
    detail: (id: string) => ['campaigns', 'detail', id] as const,
    results: (id: string) => ['campaigns', 'detail', id, 'results'] as const,
    publishedReleases: ['campaigns', 'published-releases'] as const,
    publishedRelease: (id: string) => ['campaigns', 'published-releases', id] as const,
  },
  /**
   * The coordinator's plan (programs, projects), budget and targets: a budget
   * entry changes the execution summary; a target or a manual value, the
   * year's progress. Invalidate `targets.all` after any change of the plan.
   */
  targets: {
    all: ['targets'] as const,
    programs: ['targets', 'plan', 'programs'] as const,
    budgetSummary: (year: number) => ['targets', 'budget', 'summary', year] as const,
    projectBudget: (projectId: string, year: number) =>
      ['targets', 'budget', 'project', projectId, year] as const,
    list: (year: number) => ['targets', 'list', year] as const,
    progress: (year: number) => ['targets', 'progress', year] as const,
    detail: (id: string) => ['targets', 'detail', id] as const,
    programmes: ['targets', 'trainings-programmes'] as const,
    campaigns: ['targets', 'campaigns'] as const,
  },
  /** Management reports: drafts change with their figures; approved ones never change. */
  managementReports: {
    all: ['management-reports'] as const,
    list: ['management-reports', 'list'] as const,
    detail: (id: string) => ['management-reports', 'detail', id] as const,
    preview: (id: string) => ['management-reports', 'detail', id, 'preview'] as const,
  },
  /**
   * The coordinators' trainings. A programme's roster and certificates hold
   * participants' names (each read audited): they are asked for on their
   * screens only, kept in memory, and refreshed when a change affects them.
   */
  trainings: {
    all: ['trainings'] as const,
    lists: ['trainings', 'list'] as const,
    list: (filters: object) => ['trainings', 'list', filters] as const,
    programme: (id: string) => ['trainings', 'programme', id] as const,
    roster: (id: string) => ['trainings', 'programme', id, 'roster'] as const,
    attendance: (id: string, sessionId: string) =>
      ['trainings', 'programme', id, 'attendance', sessionId] as const,
    certificates: (id: string) => ['trainings', 'programme', id, 'certificates'] as const,
    aggregates: (year: number) => ['trainings', 'aggregates', year] as const,
  },
  /** The administrators' screens (the directory above is what case workers read). */
  admin: {
    all: ['admin'] as const,
    institutions: (filters: object) => ['admin', 'institutions', 'list', filters] as const,
    institution: (id: string) => ['admin', 'institutions', 'detail', id] as const,
    certificates: (institutionId: string) =>
      ['admin', 'institutions', 'detail', institutionId, 'certificates'] as const,
    teams: ['admin', 'teams'] as const,
    users: (filters: object) => ['admin', 'users', 'list', filters] as const,
    user: (id: string) => ['admin', 'users', 'detail', id] as const,
  },
} as const;
