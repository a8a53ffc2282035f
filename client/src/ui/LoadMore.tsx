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
