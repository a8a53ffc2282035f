/**
 * Contract for the case detail page: while a break-glass window is open on
 * this case, the time left. Filled in by the supervision work.
 */
export function BreakGlassBanner(_props: { caseId: string }) {
  return null;
}
