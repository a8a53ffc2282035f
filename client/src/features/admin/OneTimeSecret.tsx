import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';

/**
 * A secret shown once (an initial password, a PKCS#12 password): what it is,
 * that it will not be shown again, and a copy button. The secret lives in the
 * state of the screen that received it; leaving the screen discards it.
 */
export function OneTimeSecret({
  title,
  explanation,
  secret,
  testId,
}: {
  title: string;
  explanation: string;
  secret: string;
  testId: string;
}) {
  const { t } = useTranslation('admin');
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const heading = useRef<HTMLHeadingElement>(null);
  // Shown in place of a form or after a dialog: focus moves here, so it is read first.
  useEffect(() => heading.current?.focus(), []);
  const copySecret = () => {
    navigator.clipboard.writeText(secret).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };
  return (
    <section className="notice notice--warning one-time" aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`} className="one-time__title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <p>{explanation}</p>
      <p className="one-time__value">
        <code className="secret" data-testid={testId} translate="no">
          {secret}
        </code>
      </p>
      <div className="actions">
        <Button onPress={copySecret}>{t('oneTime.copy')}</Button>
        <span role="status" className="one-time__copied">
          {copy === 'copied'
            ? t('oneTime.copied')
            : copy === 'failed'
              ? t('oneTime.copyFailed')
              : ''}
        </span>
      </div>
      <p className="one-time__never">{t('oneTime.never')}</p>
    </section>
  );
}
