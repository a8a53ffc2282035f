import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useSignedInUser } from '../../app/session/useMe';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { CasesBlock } from './blocks/CasesBlock';
import { ConsentsBlock } from './blocks/ConsentsBlock';
import { ReferralsBlock } from './blocks/ReferralsBlock';
import { ReviewsBlock } from './blocks/ReviewsBlock';
import './work.css';

/** Why the person was sent here (navigation state: a code, never data). */
const NOTICES = ['case_moved', 'case_erased'] as const;
type WorkNotice = (typeof NOTICES)[number];

function noticeOf(state: unknown): WorkNotice | undefined {
  const notice = (state as { notice?: unknown } | null)?.notice;
  return NOTICES.find((n) => n === notice);
}

/**
 * The landing page: what waits for the person today, one small block per
 * kind of work, each one request. Supervisors hold no cases of their own (only
 * caseworkers can be assigned), so they see their team's instead, and their
 * approvals and review queue.
 */
export function MyWorkPage() {
  const { t } = useTranslation('work');
  const me = useSignedInUser();
  const location = useLocation();
  const notice = noticeOf(location.state);
  const supervisor = me.user.role === 'supervisor';
  return (
    <>
      <PageHeader title={t('title')} />
      {notice && (
        <Notice tone="success" live>
          <p>{t(`notices.${notice}`)}</p>
        </Notice>
      )}
      <div className="work-grid">
        <div className="work-grid__wide">
          <CasesBlock assigned={supervisor ? 'team' : 'me'} />
        </div>
        <ReferralsBlock />
        {supervisor && <ReviewsBlock />}
        {supervisor && <ConsentsBlock />}
      </div>
    </>
  );
}
