import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { Tabs } from '../../ui/Tabs';
import { ReviewList } from './ReviewList';
import type { ReviewState } from './useReviews';
import './reviews.css';

/**
 * The supervisor's review queue: break-glass accesses to the team's cases and
 * referrals the team sent as vital-interest overrides. Each is reviewed once,
 * by a supervisor other than the person who did it (four eyes).
 */
export function ReviewQueuePage() {
  const { t } = useTranslation('reviews');
  const [tab, setTab] = useState<ReviewState>('pending');
  return (
    <>
      <PageHeader title={t('queue.title')} />
      <p className="review-intro">{t('queue.intro')}</p>
      <Tabs
        label={t('queue.tabs')}
        selected={tab}
        onSelect={(id) => setTab(id === 'reviewed' ? 'reviewed' : 'pending')}
        items={[
          { id: 'pending', label: t('queue.pending'), content: <ReviewList state="pending" /> },
          { id: 'reviewed', label: t('queue.reviewed'), content: <ReviewList state="reviewed" /> },
        ]}
      />
    </>
  );
}
