import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { CodeField } from '../CodeField';
import { useSecondFactor } from './useSignInStep';

export function CodeStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('app');
  const confirm = useSecondFactor();
  const [code, setCode] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.length === 6) confirm.mutate(code, { onSuccess: onDone, onError: () => setCode('') });
  };

  return (
    <form onSubmit={submit} className="stack" noValidate>
      <h2>{t('signIn.code.title')}</h2>
      <p>{t('signIn.code.explanation')}</p>
      {confirm.error && (
        <ProblemMessage
          error={confirm.error}
          messages={{ invalid_credentials: t('signIn.code.wrong') }}
        />
      )}
      <CodeField label={t('signIn.code.label')} value={code} onChange={setCode} autoFocus />
      <Button type="submit" variant="primary" isDisabled={confirm.isPending || code.length !== 6}>
        {t('signIn.code.submit')}
      </Button>
    </form>
  );
}
