import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../ui/Button';
import { useFormat } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useVocabulary } from '../../vocab/useVocabulary';
import {
  targetOf,
  useMarkAllRead,
  useMarkRead,
  useNotificationList,
  type Notification,
} from './useNotifications';
import './notifications.css';

/**
 * What needs the signed-in user, newest first: what happened (a kind, never
 * a name or a case number), when, and a link to the screen that handles it.
 */
export function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const list = useNotificationList();
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  const [allDone, setAllDone] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (allDone) doneRef.current?.focus();
  }, [allDone]);

  return (
    <>
      <PageHeader
        title={t('page.title')}
        actions={
          <Button
            isDisabled={unread === 0 || markAll.isPending}
            onPress={() => markAll.mutate(undefined, { onSuccess: () => setAllDone(true) })}
          >
            {t('page.markAll')}
          </Button>
        }
      />
      <p className="notifications-intro">{t('page.intro')}</p>
      {markAll.error && <ProblemMessage error={markAll.error} />}
      {allDone && unread === 0 && (
        <p className="notice notice--success" role="status" tabIndex={-1} ref={doneRef}>
          {t('page.allMarked')}
        </p>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.error && items.length === 0 ? (
        <ProblemMessage error={list.error} />
      ) : items.length === 0 ? (
        <p className="notifications-empty">{t('page.empty')}</p>
      ) : (
        <>
          <p className="notifications-count" aria-live="polite">
            {t('page.unread', { count: unread })}
          </p>
          <ul className="notification-list">
            {items.map((item) => (
              <NotificationItem key={item.id} item={item} />
            ))}
          </ul>
        </>
      )}
      {list.error && items.length > 0 && <ProblemMessage error={list.error} />}
      <LoadMore
        hasMore={list.hasNextPage}
        isLoading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}

function NotificationItem({ item }: { item: Notification }) {
  const { t } = useTranslation('notifications');
  const { label } = useVocabulary();
  const { dateTime } = useFormat();
  const markRead = useMarkRead();
  const unread = item.readAt === null;
  const title = label('notificationKind', item.kind);
  return (
    <li className={`notification${unread ? ' notification--unread' : ''}`}>
      <div className="notification__body">
        <p className="notification__title">
          {unread && <span className="badge badge--warning">{t('item.unread')}</span>}{' '}
          <Link
            to={targetOf(item)}
            className="notification__link"
            onClick={() => unread && markRead.mutate(item.id)}
          >
            {title}
          </Link>
        </p>
        <p className="notification__meta">
          {t(`item.where.${whereOf(item)}`)} ·{' '}
          <time dateTime={item.createdAt}>{dateTime(item.createdAt)}</time>
        </p>
        {markRead.error && <ProblemMessage error={markRead.error} />}
      </div>
      {unread && (
        <Button
          variant="quiet"
          isDisabled={markRead.isPending}
          onPress={() => markRead.mutate(item.id)}
          aria-label={t('item.markReadNamed', { title })}
        >
          {t('item.markRead')}
        </Button>
      )}
    </li>
  );
}

/** Which screen the link opens, said in words beside it. */
function whereOf(item: Notification): 'inbox' | 'referral' | 'work' | 'reviews' {
  const target = targetOf(item);
  if (target.startsWith('/inbox/')) return 'inbox';
  if (target.startsWith('/referrals/')) return 'referral';
  return target === '/reviews' ? 'reviews' : 'work';
}
