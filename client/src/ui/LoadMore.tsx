import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/** Cursor paging: the next page is appended below (the API pages by cursor, not by number). */
export function LoadMore({
  hasMore,
  isLoading,
  onLoadMore,
}: {
  hasMore: boolean;
  isLoading: boolean;
  onLoadMore: () => void;
}) {
  const { t } = useTranslation('ui');
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <Button onPress={onLoadMore} isDisabled={isLoading}>
        {isLoading ? t('loading') : t('loadMore')}
      </Button>
    </div>
  );
}

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
