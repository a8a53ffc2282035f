import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { Button } from '../../ui/Button';
import { useFormat } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { TextField } from '../../ui/TextField';
import {
  useCertificateVerification,
  type CertificateVerification,
} from './useCertificateVerification';
import { groupCode, normaliseCode } from './verification-code';

/**
 * Anyone checks a training certificate by the code printed on it: typed
 * here, or from the link on the certificate (`/verificar/XXXX-XXXX-XXXX-XXXX`).
 * The address carries the code, never a name; the page's title is the same
 * for every certificate; the answer is not stored (no-store, memory only).
 */
export function VerificationPage() {
  const { t } = useTranslation('certificateVerification');
  const navigate = useNavigate();
  const { code: fromPath } = useParams();
  const pathCode = fromPath === undefined ? null : normaliseCode(fromPath);
  const [typed, setTyped] = useState(pathCode ? groupCode(pathCode) : (fromPath ?? ''));
  const [typo, setTypo] = useState(false);
  const check = useCertificateVerification(pathCode);

  const submit = () => {
    const code = normaliseCode(typed);
    setTypo(code === null);
    if (!code) return;
    setTyped(groupCode(code));
    void navigate(`/verificar/${groupCode(code)}`);
  };

  return (
    <div className="verification">
      <PageHeader title={t('title')} />
      <p>{t('intro')}</p>
      <form
        className="stack"
        noValidate
        role="search"
        aria-label={t('form.label')}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextField
          label={t('form.code')}
          description={t('form.description')}
          value={typed}
          onChange={(value) => {
            setTyped(value);
            setTypo(false);
          }}
          error={typo ? t('form.typo') : undefined}
          autoComplete="off"
          isRequired
          maxLength={64}
        />
        <div className="actions">
          <Button type="submit" variant="primary">
            {t('form.submit')}
          </Button>
        </div>
      </form>
      {fromPath !== undefined && (
        <section className="panel" aria-labelledby="result-title">
          {pathCode === null ? (
            <Unknown />
          ) : check.isPending ? (
            <Loading />
          ) : check.error ? (
            isProblem(check.error) && check.error.status === 404 ? (
              <Unknown />
            ) : (
              <>
                <h2 id="result-title">{t('result.failedTitle')}</h2>
                <ProblemMessage
                  error={check.error}
                  messages={{ too_many_attempts: t('result.tooMany') }}
                />
              </>
            )
          ) : (
            <Result certificate={check.data} />
          )}
        </section>
      )}
    </div>
  );
}

function Unknown() {
  const { t } = useTranslation('certificateVerification');
  return (
    <>
      <h2 id="result-title">{t('result.unknownTitle')}</h2>
      <Notice tone="error" live>
        <p>{t('result.unknown')}</p>
      </Notice>
    </>
  );
}

function Result({ certificate: c }: { certificate: CertificateVerification }) {
  const { t } = useTranslation('certificateVerification');
  const format = useFormat();
  const valid = c.status === 'valid';
  return (
    <>
      <h2 id="result-title">{valid ? t('result.validTitle') : t('result.revokedTitle')}</h2>
      <Notice tone={valid ? 'success' : 'warning'} live>
        <p>
          {valid
            ? t('result.valid')
            : t('result.revoked', { date: c.revokedOn ? format.date(c.revokedOn) : '' })}
        </p>
      </Notice>
      <dl className="facts">
        <dt>{t('result.holder')}</dt>
        <dd className={c.holderName ? 'verification__holder' : undefined}>
          {c.holderName ?? (valid ? t('result.holderErased') : t('result.holderWithheld'))}
        </dd>
        <dt>{t('result.programme')}</dt>
        <dd>{c.programmeName}</dd>
        <dt>{t('result.duration')}</dt>
        <dd>{t('result.hours', { count: c.totalHours, hours: format.number(c.totalHours) })}</dd>
        <dt>{t('result.period')}</dt>
        <dd>
          {t('result.periodValue', { start: format.date(c.startsOn), end: format.date(c.endsOn) })}
        </dd>
        <dt>{t('result.issuedOn')}</dt>
        <dd>{format.date(c.issuedOn)}</dd>
        {c.revokedOn && (
          <>
            <dt>{t('result.revokedOn')}</dt>
            <dd>{format.date(c.revokedOn)}</dd>
          </>
        )}
        <dt>{t('result.issuers')}</dt>
        <dd>
          <ul className="verification__issuers">
            {c.issuingInstitutions.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('result.code')}</dt>
        <dd className="verification__code">{c.code}</dd>
      </dl>
      <p>{t('result.compare')}</p>
    </>
  );
}
