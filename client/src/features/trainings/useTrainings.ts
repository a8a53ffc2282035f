import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { isProblem } from '../../api/problem';
import { queryKeys } from '../../api/query-keys';
import { useCursorList } from '../../ui/LoadMore';
import type {
  AttendanceSheet,
  NewParticipant,
  NewProgramme,
  NewSession,
  ProgrammeChange,
  ProgrammeDetail,
  ScoreSheet,
  SessionChange,
} from './training-types';
import type { Sector } from './training-vocabularies';

export type * from './training-types';

export interface ProgrammeFilters {
  year?: number;
  sector?: Sector;
}

const PAGE = 25;

/** Programmes, latest start first, paged by cursor; filters are codes only. */
export function useProgrammeList(filters: ProgrammeFilters) {
  return useCursorList(queryKeys.trainings.list(filters), PAGE, (page) =>
    call(
      api.GET('/api/v1/trainings/programmes', {
        params: {
          query: {
            ...page,
            ...(filters.year ? { year: filters.year } : {}),
            ...(filters.sector ? { sector: filters.sector } : {}),
          },
        },
      }),
    ),
  );
}

/** A programme with its sessions (no personal data). */
export function useProgramme(id: string) {
  return useQuery({
    queryKey: queryKeys.trainings.programme(id),
    queryFn: () => call(api.GET('/api/v1/trainings/programmes/{id}', { params: { path: { id } } })),
  });
}

/**
 * Who is enrolled, with their completion as the server computed it. Names
 * are personal data: an audited read, asked for when the screen shows them.
 */
export function useRoster(id: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.trainings.roster(id),
    queryFn: () =>
      call(api.GET('/api/v1/trainings/programmes/{id}/enrolments', { params: { path: { id } } })),
    staleTime: 60_000,
    enabled,
  });
}

/** What was recorded for one session (empty until the first sheet is saved). */
export function useAttendance(id: string, sessionId: string) {
  return useQuery({
    queryKey: queryKeys.trainings.attendance(id, sessionId),
    queryFn: () =>
      call(
        api.GET('/api/v1/trainings/programmes/{id}/sessions/{sessionId}/attendance', {
          params: { path: { id, sessionId } },
        }),
      ),
    // The sheet is edited from what was read: never replaced under the person's fingers.
    staleTime: Infinity,
  });
}

export function useAggregates(year: number) {
  return useQuery({
    queryKey: queryKeys.trainings.aggregates(year),
    queryFn: () => call(api.GET('/api/v1/trainings/aggregates', { params: { query: { year } } })),
  });
}

/** The programme's figures (hours, counts, completion) change with any of its parts. */
function invalidateProgramme(queryClient: QueryClient, id: string, roster = true) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.trainings.programme(id), exact: true });
  if (roster) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.trainings.roster(id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.trainings.certificates(id) });
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.trainings.lists });
  void queryClient.invalidateQueries({ queryKey: ['trainings', 'aggregates'] });
}

export function useCreateProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProgramme) => call(api.POST('/api/v1/trainings/programmes', { body })),
    onSuccess: (programme) => {
      queryClient.setQueryData(queryKeys.trainings.programme(programme.id), programme);
      void queryClient.invalidateQueries({ queryKey: queryKeys.trainings.lists });
    },
  });
}

export function useUpdateProgramme(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgrammeChange) =>
      call(api.PATCH('/api/v1/trainings/programmes/{id}', { params: { path: { id } }, body })),
    onSuccess: (programme) => {
      queryClient.setQueryData(queryKeys.trainings.programme(id), programme);
      // A new rule (hours, minimum attendance or score) changes who completed.
      invalidateProgramme(queryClient, id);
    },
  });
}

/** Reads the programme again (after someone else changed it) and keeps the fresh copy. */
export function useRefreshProgramme(id: string) {
  const queryClient = useQueryClient();
  return async (): Promise<ProgrammeDetail> => {
    const fresh = await call(
      api.GET('/api/v1/trainings/programmes/{id}', { params: { path: { id } } }),
    );
    queryClient.setQueryData(queryKeys.trainings.programme(id), fresh);
    return fresh;
  };
}

export function useDeleteProgramme(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call(api.DELETE('/api/v1/trainings/programmes/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.trainings.programme(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.trainings.lists });
      void queryClient.invalidateQueries({ queryKey: ['trainings', 'aggregates'] });
    },
  });
}

export function useCreateSession(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSession) =>
      call(
        api.POST('/api/v1/trainings/programmes/{id}/sessions', {
          params: { path: { id } },
          body,
        }),
      ),
    onSuccess: () => invalidateProgramme(queryClient, id, false),
  });
}

export function useUpdateSession(id: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SessionChange) =>
      call(
        api.PATCH('/api/v1/trainings/programmes/{id}/sessions/{sessionId}', {
          params: { path: { id, sessionId } },
          body,
        }),
      ),
    // A session's hours count in the attendance of whoever was there.
    onSuccess: () => invalidateProgramme(queryClient, id),
    onError: (error) => {
      if (isProblem(error, 'stale_version')) invalidateProgramme(queryClient, id, false);
    },
  });
}

export function useDeleteSession(id: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call(
        api.DELETE('/api/v1/trainings/programmes/{id}/sessions/{sessionId}', {
          params: { path: { id, sessionId } },
        }),
      ),
    onSuccess: () => invalidateProgramme(queryClient, id, false),
  });
}

/** Records a new participant (their identity encrypted by the server). */
export function useCreateParticipant() {
  return useMutation({
    mutationFn: (body: NewParticipant) =>
      call(api.POST('/api/v1/trainings/participants', { body })),
  });
}

export function useEnrol(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (participantIds: string[]) =>
      call(
        api.POST('/api/v1/trainings/programmes/{id}/enrolments', {
          params: { path: { id } },
          body: { participantIds },
        }),
      ),
    onSuccess: () => invalidateProgramme(queryClient, id),
  });
}

export function useRemoveEnrolment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (participantId: string) =>
      call(
        api.DELETE('/api/v1/trainings/programmes/{id}/enrolments/{participantId}', {
          params: { path: { id, participantId } },
        }),
      ),
    onSuccess: () => invalidateProgramme(queryClient, id),
  });
}

/** The whole sheet of one session in one request; what the server kept becomes the sheet. */
export function useSaveAttendance(id: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AttendanceSheet) =>
      call(
        api.PUT('/api/v1/trainings/programmes/{id}/sessions/{sessionId}/attendance', {
          params: { path: { id, sessionId } },
          body,
        }),
      ),
    onSuccess: (recorded) => {
      queryClient.setQueryData(queryKeys.trainings.attendance(id, sessionId), recorded);
      invalidateProgramme(queryClient, id);
    },
  });
}

export function useSaveScores(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ScoreSheet) =>
      call(api.PUT('/api/v1/trainings/programmes/{id}/scores', { params: { path: { id } }, body })),
    onSuccess: () => invalidateProgramme(queryClient, id),
  });
}
