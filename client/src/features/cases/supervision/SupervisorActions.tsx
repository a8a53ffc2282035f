import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInUser } from '../../../app/session/useMe';
import { useDirectory } from '../../directory/useDirectory';
import type { CaseDetail } from '../useCase';
import { AssignCase } from './AssignCase';
import { EraseCase } from './EraseCase';
import '../../reviews/reviews.css';

/**
 * The supervisor's actions on a case of their own team: assign or reassign,
 * and erase. Nothing for anyone else — caseworkers, and a supervisor who
 * reached the case through break-glass (the API refuses them anyway).
 */
export function SupervisorActions({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('reviews');
  const me = useSignedInUser();
  const directory = useDirectory();
  const myTeam = directory.data?.staff.find((person) => person.id === me.user.id)?.teamId;
  const erasedRef = useRef<HTMLDivElement>(null);
  const wasErased = useRef(kase.erased);
  // Erased just now: the erase button is gone, so focus goes to what happened.
  useEffect(() => {
    if (kase.erased && !wasErased.current) erasedRef.current?.focus();
    wasErased.current = kase.erased;
  }, [kase.erased]);
  if (me.user.role !== 'supervisor' || !myTeam || myTeam !== kase.teamId) return null;
  return (
    <section className="panel supervisor-actions" aria-labelledby="supervisor-actions-title">
      <h2 id="supervisor-actions-title">{t('supervisor.title')}</h2>
      {kase.erased ? (
        <div className="notice notice--info" role="status" tabIndex={-1} ref={erasedRef}>
          <p>{t('erase.erasedCase')}</p>
        </div>
      ) : (
        <>
          <div className="supervisor-actions__section">
            <AssignCase kase={kase} myTeam={myTeam} />
          </div>
          <div className="supervisor-actions__section">
            <EraseCase kase={kase} />
          </div>
        </>
      )}
    </section>
  );
}
