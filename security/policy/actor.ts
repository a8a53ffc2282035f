/** Who asks: enough to decide, with no database access (policy functions are pure). */
export interface PolicyActor {
  id: string;
  role: 'admin' | 'supervisor' | 'caseworker' | 'partner' | 'coordinator' | 'auditor';
  institutionId: string | null;
}
