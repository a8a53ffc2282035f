import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { networkProblem } from '../../api/problem';
import { queryKeys } from '../../api/query-keys';
import type { components, paths } from '../../api/schema';

export type AuditEvent = components['schemas']['AuditEvent'];
export type AccessReportRow = components['schemas']['AccessReportRow'];
export type AuditStaffMember = components['schemas']['AuditStaffMember'];
export type AuditVerification = components['schemas']['AuditVerification'];
export type AuditFilters = Omit<
  NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>,
  'limit' | 'cursor'
>;
export type CaseSubject = { caseNumber: string } | { caseId: string };

const PAGE_SIZE = 50;

/**
 * Every read here is itself an audit event on the server: pages are fetched
 * when asked for (a search, "load more"), never again on focus or remount.
 */
const ON_DEMAND = { refetchOnWindowFocus: false, refetchOnMount: false, staleTime: Infinity };

/**
 * A search as the person asked for it: `run` counts their presses of the
 * button, so that asking again reads the log again (never an old answer).
 */
export interface Asked<T> {
  value: T;
  run: number;
}

/** The log, newest first, filtered. */
export function useAuditLog(asked: Asked<AuditFilters>) {
  const filters = asked.value;
  return useInfiniteQuery({
    queryKey: queryKeys.audit.log({ filters, run: asked.run }),
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/audit', {
          params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...ON_DEMAND,
  });
}

/** Every account by name, role and institution (for the actor filter and user reports). */
export function useAuditStaff() {
  return useQuery({
    queryKey: queryKeys.audit.staff,
    queryFn: () => call(api.GET('/api/v1/audit/staff')),
    ...ON_DEMAND,
  });
}

/** Recomputes the whole chain: run on request only. */
export function useVerifyChain() {
  return useMutation({
    mutationFn: () => call(api.GET('/api/v1/audit/verify')),
  });
}

export function useCaseReport(asked: Asked<CaseSubject> | null) {
  const subject = asked?.value;
  return useInfiniteQuery({
    queryKey: queryKeys.audit.caseReport({ subject, run: asked?.run }),
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/audit/reports/case', {
          params: { query: { ...subject, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: asked !== null,
    retry: false,
    ...ON_DEMAND,
  });
}

export function useUserReport(asked: Asked<string> | null) {
  const userId = asked?.value ?? null;
  return useInfiniteQuery({
    queryKey: queryKeys.audit.userReport({ userId, run: asked?.run }),
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/audit/reports/user', {
          params: { query: { userId: userId ?? '', limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: asked !== null,
    retry: false,
    ...ON_DEMAND,
  });
}

export type ReportSubject = { kind: 'case'; caseId: string } | { kind: 'user'; userId: string };
/** An export's period on occurredAt: ISO date-times, from inclusive, to exclusive. */
export interface ExportPeriod {
  from?: string;
  to?: string;
}
/** What a download held: `truncated` when older events were left out of the file. */
export interface DownloadedReport {
  rows: number | null;
  truncated: boolean;
}

/**
 * Downloads a report's CSV (optionally for a period) through the one API
 * client (session, CSRF and step-up handled there) and hands it to the
 * browser as a file; the name is the server's, which carries no personal
 * data. Answers whether the file holds every event or only the newest.
 */
export function useDownloadReport() {
  return useMutation({
    mutationFn: async ({
      subject,
      period,
    }: {
      subject: ReportSubject;
      period: ExportPeriod;
    }): Promise<DownloadedReport> => {
      const pending =
        subject.kind === 'case'
          ? api.GET('/api/v1/audit/reports/case/export', {
              params: { query: { caseId: subject.caseId, ...period } },
              parseAs: 'blob',
            })
          : api.GET('/api/v1/audit/reports/user/export', {
              params: { query: { userId: subject.userId, ...period } },
              parseAs: 'blob',
            });
      const answer = await pending.catch(() => {
        throw networkProblem();
      });
      const blob = await call(Promise.resolve(answer));
      saveFile(blob, filenameOf(answer.response) ?? `amparo-access-report-${subject.kind}.csv`);
      const rows = answer.response.headers.get('Amparo-Export-Rows');
      return {
        rows: rows !== null && /^\d+$/.test(rows) ? Number(rows) : null,
        truncated: answer.response.headers.get('Amparo-Export-Truncated') === 'true',
      };
    },
  });
}

/** The attachment's file name as the server gave it (letters, digits, dashes and dots only). */
function filenameOf(response: Response): string | undefined {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return /filename="([A-Za-z0-9._-]+)"/.exec(disposition)?.[1];
}

function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
