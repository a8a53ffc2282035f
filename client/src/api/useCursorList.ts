import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

/** What a page of a list is asked with: how many rows, and after which (the last page's cursor). */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/** A list read page by page: the next page starts at the last one's `nextCursor`. */
export function useCursorList<Page extends { nextCursor?: string | null }>(
  queryKey: QueryKey,
  limit: number,
  readPage: (page: PageRequest) => Promise<Page>,
) {
  return useInfiniteQuery({
    queryKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => readPage({ limit, ...(pageParam ? { cursor: pageParam } : {}) }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
