import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { api } from '../../api/client';
import { ME_QUERY_KEY } from './useMe';

export const WARNING_BEFORE_MS = 2 * 60_000;

function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Warns two minutes before the idle limit; "stay signed in" asks the server
 * (any request extends the session), "sign out" ends it now.
 */
export function IdleWarning({ deadline, onSignOut }: { deadline: number; onSignOut: () => void }) {
  const { t } = useTranslation('app');
  const queryClient = useQueryClient();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const remaining = deadline - now;
  const isOpen = remaining <= WARNING_BEFORE_MS;
  const stay = () => {
    void api.GET('/api/v1/auth/me').then(({ data }) => {
      if (data) queryClient.setQueryData(ME_QUERY_KEY, data);
    });
  };

  return (
    <Dialog
      title={t('idle.title')}
      isOpen={isOpen}
      onOpenChange={(open) => !open && stay()}
      role="alertdialog"
    >
      <p>{t('idle.explanation', { remaining: formatRemaining(remaining) })}</p>
      <div className="actions">
        <Button variant="primary" onPress={stay} autoFocus>
          {t('idle.stay')}
        </Button>
        <Button onPress={onSignOut}>{t('session.signOut')}</Button>
      </div>
    </Dialog>
  );
}
