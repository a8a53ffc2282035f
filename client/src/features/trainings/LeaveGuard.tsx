import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useNavigate } from 'react-router';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';

/**
 * Asks before leaving a screen with changes not saved: a dialog for moves
 * inside the app (links, back button), the browser's own question for
 * closing or reloading the tab.
 */
export function LeaveGuard({ when }: { when: boolean }) {
  const { t } = useTranslation('trainings');
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when &&
      // A tab of the same page counts too: its panel (and what was typed in it) goes away.
      (currentLocation.pathname !== nextLocation.pathname ||
        currentLocation.search !== nextLocation.search) &&
      // A session that ended (or was closed) goes to sign-in: nothing here could be saved anyway.
      !nextLocation.pathname.startsWith('/sign-in'),
  );
  useEffect(() => {
    if (!when) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [when]);
  if (blocker.state !== 'blocked') return null;
  return (
    <Dialog
      role="alertdialog"
      title={t('leave.title')}
      isOpen
      onOpenChange={(open) => !open && blocker.reset()}
    >
      <div className="stack">
        <p>{t('leave.explain')}</p>
        <div className="actions">
          <Button variant="primary" onPress={() => blocker.reset()}>
            {t('leave.stay')}
          </Button>
          <Button variant="danger" onPress={() => blocker.proceed()}>
            {t('leave.go')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

/**
 * Moves on once a form was saved: after the render in which the form stops
 * guarding (`saved` true), so the guard never stops its own navigation.
 */
export function useNavigateWhenSaved() {
  const navigate = useNavigate();
  const [target, setTarget] = useState<string>();
  useEffect(() => {
    if (target !== undefined) void navigate(target);
  }, [target, navigate]);
  return { saved: target !== undefined, navigateWhenSaved: setTarget };
}
