import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { useProblemText } from '../../ui/useProblemText';
import { CodeField } from './CodeField';
import { registerStepUpDialog } from './step-up-bridge';

/**
 * Asks for a second-factor code when the API answers `step_up_required`; the
 * API client then retries the request that needed it.
 */
export function StepUpDialog() {
  const { t } = useTranslation('app');
  const problemText = useProblemText();
  const [isOpen, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const resolver = useRef<((confirmed: boolean) => void) | undefined>(undefined);

  useEffect(() => {
    const unregister = registerStepUpDialog(
      () =>
        new Promise<boolean>((resolve) => {
          resolver.current = resolve;
          setCode('');
          setError(undefined);
          setOpen(true);
        }),
    );
    return () => {
      // Gone (sign-out, session end) while asking: the waiting request is refused.
      resolver.current?.(false);
      resolver.current = undefined;
      unregister();
    };
  }, []);

  const finish = (confirmed: boolean) => {
    setOpen(false);
    resolver.current?.(confirmed);
    resolver.current = undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (code.length !== 6) {
      setError(t('stepUp.codeFormat'));
      return;
    }
    setBusy(true);
    try {
      await call(api.POST('/api/v1/auth/step-up', { body: { code } }));
      finish(true);
    } catch (problem) {
      setError(problemText(problem, { invalid_credentials: t('stepUp.wrongCode') }));
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('stepUp.title')}
      isOpen={isOpen}
      onOpenChange={(open) => !open && finish(false)}
      isDismissable={!busy}
    >
      <form onSubmit={(event) => void submit(event)} className="stack">
        <p>{t('stepUp.explanation')}</p>
        <CodeField
          label={t('stepUp.code')}
          value={code}
          onChange={setCode}
          error={error}
          autoFocus
        />
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={busy}>
            {t('stepUp.confirm')}
          </Button>
          <Button onPress={() => finish(false)} isDisabled={busy}>
            {t('actions.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
