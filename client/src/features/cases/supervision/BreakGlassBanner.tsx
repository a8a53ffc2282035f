import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../ui/format';
import { forgetCaseAfterBreakGlass, useBreakGlassGrant } from './useBreakGlass';
import { milestoneOf, useCountdown } from './useCountdown';
import '../../reviews/reviews.css';

/**
 * While this browser holds a break-glass grant on the case: the minutes left,
 * and that the access is audited and read-only but for notes. When it ends,
 * what the case showed is dropped from memory. The visible countdown is not a
 * live region (a screen reader would hear every second); 10, 5 and 1 minutes
 * left and the end are announced.
 */
export function BreakGlassBanner({ caseId }: { caseId: string }) {
  const { t } = useTranslation('reviews');
  const format = useFormat();
  const queryClient = useQueryClient();
  const { data: grant } = useBreakGlassGrant(caseId);
  const remaining = useCountdown(grant?.expiresAt ?? undefined);
  const ended = remaining === 0;

  useEffect(() => {
    if (ended) void forgetCaseAfterBreakGlass(queryClient, caseId);
  }, [ended, queryClient, caseId]);

  if (!grant || remaining === undefined) return null;
  const milestone = milestoneOf(remaining);
  const minutes = Math.floor(remaining / 60_000);
  const seconds = Math.floor((remaining % 60_000) / 1000);
  const until = format.dateTime(grant.expiresAt);
  return (
    <section
      className={`notice ${ended ? 'notice--error' : 'notice--warning'} break-glass-banner`}
      aria-labelledby="break-glass-banner-title"
    >
      <h2 id="break-glass-banner-title" className="break-glass-banner__title">
        {t(ended ? 'banner.endedTitle' : 'banner.title')}
      </h2>
      {ended ? (
        <p>
          {t('banner.ended', { time: until })}{' '}
          <Link to={`/cases/${caseId}/break-glass`}>{t('banner.again')}</Link>
        </p>
      ) : (
        <>
          <p className="break-glass-banner__time">
            {t('banner.remaining', { minutes, seconds: String(seconds).padStart(2, '0') })}{' '}
            <span className="break-glass-banner__until">{t('banner.until', { time: until })}</span>
          </p>
          <p>{t('banner.rules')}</p>
        </>
      )}
      <p role="status" className="visually-hidden">
        {milestone === 'ended'
          ? t('banner.announceEnded')
          : milestone
            ? t('banner.announce', { count: milestone })
            : ''}
      </p>
    </section>
  );
}
