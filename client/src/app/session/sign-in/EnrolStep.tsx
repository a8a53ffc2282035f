import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Loading } from '../../../ui/Loading';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { CodeField } from '../CodeField';
import { useEnrolment, useSecondFactor } from './useSignInStep';

/** The secret in groups of four, easier to type into an app by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Second-factor enrolment: the QR code is drawn in the page from the
 * otpauth URL (no image service sees the secret), with the secret as text.
 */
export function EnrolStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('app');
  const enrolment = useEnrolment();
  const confirm = useSecondFactor();
  const [code, setCode] = useState('');
  const { mutate: start } = enrolment;

  useEffect(() => start(), [start]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.length === 6) confirm.mutate(code, { onSuccess: onDone, onError: () => setCode('') });
  };

  if (enrolment.error) return <ProblemMessage error={enrolment.error} />;
  if (!enrolment.data) return <Loading />;
  return (
    <form onSubmit={submit} className="stack" noValidate>
      <h2>{t('signIn.enrol.title')}</h2>
      <ol className="steps">
        <li>{t('signIn.enrol.install')}</li>
        <li>{t('signIn.enrol.scan')}</li>
      </ol>
      <figure className="qr">
        <QRCodeSVG
          value={enrolment.data.otpauthUrl}
          size={192}
          marginSize={4}
          role="img"
          aria-label={t('signIn.enrol.qrLabel')}
        />
        <figcaption>
          {t('signIn.enrol.manual')}{' '}
          <code className="secret" data-testid="totp-secret">
            {grouped(enrolment.data.secret)}
          </code>
        </figcaption>
      </figure>
      <p>{t('signIn.enrol.enterCode')}</p>
      {confirm.error && (
        <ProblemMessage
          error={confirm.error}
          messages={{ invalid_credentials: t('signIn.code.wrong') }}
        />
      )}
      <CodeField label={t('signIn.code.label')} value={code} onChange={setCode} />
      <Button type="submit" variant="primary" isDisabled={confirm.isPending || code.length !== 6}>
        {t('signIn.enrol.submit')}
      </Button>
    </form>
  );
}
