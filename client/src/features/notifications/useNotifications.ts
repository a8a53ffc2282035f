import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { api, call } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { components } from '../../api/schema';

export type Notification = components['schemas']['Notification'];
export type NotificationKind = Notification['kind'];

const PAGE_SIZE = 20;

/*
 * Never polled on a timer: every request extends the session's idle limit,
 * and a counter refreshed in the background would keep an unattended session
 * open for ever. The counter is fetched again when the person acts —
 * navigates to another screen or changes something — which is activity anyway.
 */

/** How many notifications are unread (the header's counter). */
export function useUnreadCount() {
  return useQuery({
    queryKey: queryKeys.notifications.unread,
    queryFn: () =>
      call(api.GET('/api/v1/notifications', { params: { query: { limit: 1 } } })).then(
        (page) => page.unread,
      ),
    staleTime: Infinity,
  });
}

/** Refreshes the counter on navigation and after any change the person makes. */
export function useRefreshOnActivity() {
  const queryClient = useQueryClient();
  const { pathname } = useLocation();
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });
  }, [pathname, queryClient]);
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        const settled = event.type === 'updated' && event.action.type === 'success';
        if (settled && !isNotificationMutation(event.mutation.options.mutationKey)) {
          void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });
        }
      }),
    [queryClient],
  );
}

const isNotificationMutation = (key: readonly unknown[] | undefined) =>
  key?.[0] === queryKeys.notifications.all[0];

/** The user's notifications, newest first, a page at a time. */
export function useNotificationList() {
  return useInfiniteQuery({
    queryKey: queryKeys.notifications.list,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/v1/notifications', {
          params: { query: { limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...queryKeys.notifications.all, 'read'],
    mutationFn: (id: string) =>
      call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } }, body: {} })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...queryKeys.notifications.all, 'read-all'],
    mutationFn: () => call(api.POST('/api/v1/notifications/read-all', { body: {} })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
  });
}

/**
 * Where a notification is handled. The screen checks access itself: a link
 * here opens nothing the person could not open from the menu.
 */
export function targetOf(notification: Notification): string {
  const id = notification.resourceId;
  switch (notification.kind) {
    case 'referral_received':
      return `/inbox/${id}`;
    case 'referral_acknowledged':
    case 'referral_declined':
    case 'referral_completed':
    case 'referral_overdue':
    case 'consent_revoked':
      return `/referrals/${id}`;
    case 'consent_pending_approval':
      return '/';
    case 'review_break_glass':
    case 'review_consent_override':
      return '/reviews';
  }
}
