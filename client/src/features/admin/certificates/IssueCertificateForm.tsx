import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../../api/problem';
import { Button } from '../../../ui/Button';
import { ErrorSummary } from '../../../ui/ErrorSummary';
import { Notice } from '../../../ui/Notice';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { RadioGroup } from '../../../ui/RadioGroup';
import { OneTimeSecret } from '../OneTimeSecret';
import { useFeatureErrorText } from '../../../ui/form/forms';
import { useAdminProblems } from '../useAdminProblems';
import { generateBundlePassword, useIssueCertificate } from './useCertificates';

type Mode = 'generate' | 'csr';

/** What a generated certificate leaves on this screen, until it is downloaded or left. */
interface Bundle {
  serial: string;
  password: string;
  /** Dropped after the one download. */
  file?: Blob;
}

/** The largest CSR the API reads (characters); a PEM request is about 1 KB. */
const MAX_CSR_CHARS = 20_000;
/** One certificate request in PEM (OpenSSL's, or the older `NEW CERTIFICATE REQUEST` of Windows' certreq). */
const CSR_BLOCK =
  /-----BEGIN (NEW )?CERTIFICATE REQUEST-----[\s\S]*?-----END (NEW )?CERTIFICATE REQUEST-----/;

/**
 * Issuing a certificate: from the institution's own request (CSR, its key
 * never leaves it) or generated here, with the key in a PKCS#12 file whose
 * password the browser makes. The file can be downloaded once, the password
 * is shown once; neither is kept anywhere else.
 */
export function IssueCertificateForm({ institutionId }: { institutionId: string }) {
  const { t } = useTranslation('admin');
  const translateError = useFeatureErrorText('admin');
  const problems = useAdminProblems();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<Mode>('generate');
  const [csr, setCsr] = useState<string>();
  const [csrError, setCsrError] = useState<string>();
  const [bundle, setBundle] = useState<Bundle>();
  const [issuedFromCsr, setIssuedFromCsr] = useState(false);
  const received = useRef<Blob | undefined>(undefined);
  const issue = useIssueCertificate(institutionId, (file) => {
    received.current = file;
  });

  const chooseFile = async (file: File | null) => {
    setCsrError(undefined);
    setCsr(undefined);
    if (!file) return;
    if (file.size > MAX_CSR_CHARS) {
      setCsrError(t('fieldErrors.csr_too_big'));
      return;
    }
    const text = await file.text();
    // A private key never leaves the institution, not even by mistake in the
    // same file as its request: refused here, before anything is sent.
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
      setCsrError(t('fieldErrors.csr_has_private_key'));
      return;
    }
    const request = CSR_BLOCK.exec(text);
    if (!request) {
      setCsrError(t('fieldErrors.malformed'));
      return;
    }
    setCsr(`${request[0]}\n`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBundle(undefined);
    setIssuedFromCsr(false);
    if (mode === 'csr') {
      if (!csr) {
        setCsrError(csrError ?? t('certificates.issue.chooseCsr'));
        return;
      }
      issue.mutate(
        { mode: 'csr', csr },
        {
          onSuccess: () => {
            setIssuedFromCsr(true);
            setCsr(undefined);
            if (fileInput.current) fileInput.current.value = '';
          },
          onError: (error) => {
            const fieldError = isProblem(error) ? error.fieldErrors().get('csr') : undefined;
            if (fieldError) setCsrError(translateError(`fieldErrors.${fieldError.code}`));
          },
        },
      );
      return;
    }
    const password = generateBundlePassword();
    received.current = undefined;
    issue.mutate(
      { mode: 'generate', password },
      {
        onSuccess: (certificate) => {
          setBundle({ serial: certificate.serialNumber, password, file: received.current });
          received.current = undefined;
          // The password was this mutation's input: nothing cached keeps it.
          issue.reset();
        },
      },
    );
  };

  const download = () => {
    if (!bundle?.file) return;
    const url = URL.createObjectURL(bundle.file);
    const link = document.createElement('a');
    link.href = url;
    link.download = `certificado-${bundle.serial}.p12`;
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
    setBundle({ serial: bundle.serial, password: bundle.password });
  };

  const fileId = `${id}-csr`;
  const errorId = `${fileId}-error`;
  const summary = csrError ? [{ fieldId: fileId, message: csrError }] : [];
  const fieldProblem = isProblem(issue.error, 'validation_failed');
  return (
    <div className="stack">
      <h3>{t('certificates.issue.title')}</h3>
      {bundle && (
        <>
          <OneTimeSecret
            title={t('certificates.issue.passwordTitle')}
            explanation={t('certificates.issue.passwordExplain')}
            secret={bundle.password}
            testId="pkcs12-password"
          />
          {bundle.file ? (
            <Notice tone="info">
              <p>{t('certificates.issue.downloadOnce')}</p>
              <div className="actions">
                <Button variant="primary" onPress={download}>
                  {t('certificates.issue.download')}
                </Button>
              </div>
            </Notice>
          ) : (
            <Notice tone="success" live>
              <p>{t('certificates.issue.downloaded')}</p>
            </Notice>
          )}
          <div className="actions">
            <Button onPress={() => setBundle(undefined)}>{t('certificates.issue.finished')}</Button>
          </div>
        </>
      )}
      {issuedFromCsr && (
        <Notice tone="success" live>
          <p>{t('certificates.issue.fromCsrDone')}</p>
        </Notice>
      )}
      {!bundle && (
        <form className="stack admin-form" noValidate onSubmit={submit}>
          {summary.length > 0 && <ErrorSummary items={summary} />}
          {issue.isError && !fieldProblem && (
            <ProblemMessage error={issue.error} messages={problems} />
          )}
          <RadioGroup
            label={t('certificates.issue.mode')}
            options={[
              { id: 'generate', label: t('certificates.issue.modes.generate') },
              { id: 'csr', label: t('certificates.issue.modes.csr') },
            ]}
            value={mode}
            onChange={(value) => {
              setMode(value === 'csr' ? 'csr' : 'generate');
              setCsrError(undefined);
            }}
            isDisabled={issue.isPending}
          />
          {mode === 'generate' ? (
            <p className="field__description">{t('certificates.issue.generateHelp')}</p>
          ) : (
            <div className="field" data-invalid={csrError ? true : undefined}>
              <label className="field__label" htmlFor={fileId}>
                {t('certificates.issue.csrFile')}
              </label>
              <input
                ref={fileInput}
                id={fileId}
                type="file"
                className="field__input"
                accept=".csr,.pem,.req,application/pkcs10"
                aria-describedby={`${fileId}-help${csrError ? ` ${errorId}` : ''}`}
                aria-invalid={csrError ? true : undefined}
                disabled={issue.isPending}
                onChange={(event) => void chooseFile(event.target.files?.[0] ?? null)}
              />
              <p id={`${fileId}-help`} className="field__description">
                {t('certificates.issue.csrHelp')}
              </p>
              {csrError && (
                <p id={errorId} className="field__error">
                  {csrError}
                </p>
              )}
            </div>
          )}
          <div className="actions">
            <Button type="submit" variant="primary" isDisabled={issue.isPending}>
              {issue.isPending ? t('certificates.issue.issuing') : t('certificates.issue.submit')}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
