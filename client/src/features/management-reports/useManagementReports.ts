import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { isProblem, networkProblem } from '../../api/problem';
import { queryKeys } from '../../api/query-keys';
import { saveBlob } from '../../ui/saveBlob';
import type { NewReport, ReportChange, ReportDetail, ReportStatus } from './report-types';

export type * from './report-types';

const PAGE = 25;

/** Reports of one status, latest created first, paged by cursor. */
export function useReportList(status: ReportStatus) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.managementReports.list, status],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/management-reports', {
          params: { query: { limit: PAGE, status, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * A report with its content: a draft's figures are computed when read (the
 * live preview), so they are read again whenever the page is shown; an
 * approved report's are frozen.
 */
export function useReport(id: string) {
  return useQuery({
    queryKey: queryKeys.managementReports.detail(id),
    queryFn: () => call(api.GET('/api/v1/management-reports/{id}', { params: { path: { id } } })),
    refetchOnMount: 'always',
  });
}

function useKeep() {
  const queryClient = useQueryClient();
  return (report: ReportDetail) => {
    queryClient.setQueryData(queryKeys.managementReports.detail(report.id), report);
    void queryClient.invalidateQueries({ queryKey: queryKeys.managementReports.list });
  };
}

export function useCreateReport() {
  const keep = useKeep();
  return useMutation({
    mutationFn: (body: NewReport) => call(api.POST('/api/v1/management-reports', { body })),
    onSuccess: keep,
  });
}

export function useUpdateReport(id: string) {
  const keep = useKeep();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportChange) =>
      call(api.PATCH('/api/v1/management-reports/{id}', { params: { path: { id } }, body })),
    onSuccess: keep,
    onError: (error) => {
      if (isProblem(error, 'stale_version'))
        void queryClient.invalidateQueries({ queryKey: queryKeys.managementReports.detail(id) });
    },
  });
}

export function useDeleteReport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call(api.DELETE('/api/v1/management-reports/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.managementReports.detail(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.managementReports.list });
    },
  });
}

/** Review and approval answer the report as it now stands; a refusal reads it again. */
export function useReviewReport(id: string) {
  const keep = useKeep();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      call(
        api.POST('/api/v1/management-reports/{id}/review', {
          params: { path: { id } },
          body: { version },
        }),
      ),
    onSuccess: keep,
    onError: () =>
      void queryClient.invalidateQueries({ queryKey: queryKeys.managementReports.detail(id) }),
  });
}

export function useApproveReport(id: string) {
  const keep = useKeep();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, figuresDigest }: { version: number; figuresDigest: string }) =>
      call(
        api.POST('/api/v1/management-reports/{id}/approve', {
          params: { path: { id } },
          body: { version, figuresDigest },
        }),
      ),
    onSuccess: keep,
    onError: () =>
      void queryClient.invalidateQueries({ queryKey: queryKeys.managementReports.detail(id) }),
  });
}

/** The file's name as the server gave it (letters, digits, dashes and dots only). */
function filenameOf(response: Response): string | undefined {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return /filename="([A-Za-z0-9._-]+)"/.exec(disposition)?.[1];
}

/**
 * Downloads the report as PDF or XLSX through the API client (session and
 * CSRF handled there) and offers it as a file under the server's name.
 */
export function useDownloadReport(id: string) {
  return useMutation({
    mutationFn: async (type: 'pdf' | 'xlsx') => {
      const pending =
        type === 'pdf'
          ? api.GET('/api/v1/management-reports/{id}.pdf', {
              params: { path: { id } },
              parseAs: 'blob',
            })
          : api.GET('/api/v1/management-reports/{id}.xlsx', {
              params: { path: { id } },
              parseAs: 'blob',
            });
      const answer = await pending.catch(() => {
        throw networkProblem();
      });
      const blob = await call(Promise.resolve(answer));
      saveBlob(blob, filenameOf(answer.response) ?? `informe-de-gestion.${type}`);
    },
  });
}
