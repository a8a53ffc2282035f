import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Notice } from '../../../ui/Notice';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { AttachmentList } from './AttachmentList';
import { isAttachmentType, MAX_ATTACHMENT_BYTES } from './upload';
import { useUploadAttachment } from './useAttachments';

/** Files of the case (PDF, PNG, JPEG up to 5 MiB), encrypted at rest with the case's key. */
export function CaseAttachments({ caseId }: { caseId: string }) {
  const { t } = useTranslation('cases');
  const upload = useUploadAttachment(caseId);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [refusal, setRefusal] = useState<string | undefined>();
  const [uploaded, setUploaded] = useState(false);
  const id = useId();

  const choose = (chosen: File | null) => {
    setUploaded(false);
    upload.reset();
    setFile(null);
    setRefusal(undefined);
    if (!chosen) return;
    if (!isAttachmentType(chosen.type)) return setRefusal(t('attachments.wrongType'));
    if (chosen.size > MAX_ATTACHMENT_BYTES) return setRefusal(t('attachments.tooLarge'));
    if (chosen.size === 0) return setRefusal(t('attachments.emptyFile'));
    setFile(chosen);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setRefusal(refusal ?? t('attachments.chooseFirst'));
    upload.mutate(file, {
      onSuccess: () => {
        setFile(null);
        setUploaded(true);
        if (input.current) input.current.value = '';
      },
    });
  };

  const errorId = `${id}-error`;
  return (
    <div className="stack">
      <form className="stack case-upload" onSubmit={submit} noValidate>
        <p id={`${id}-rules`}>{t('attachments.rules')}</p>
        <div className="field" data-invalid={refusal ? true : undefined}>
          <label className="field__label" htmlFor={`${id}-file`}>
            {t('attachments.file')}
          </label>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            className="field__input case-upload__input"
            accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
            aria-describedby={`${id}-rules${refusal ? ` ${errorId}` : ''}`}
            aria-invalid={refusal ? true : undefined}
            onChange={(event) => choose(event.target.files?.[0] ?? null)}
          />
          {refusal && (
            <p id={errorId} className="field__error" role="alert">
              {refusal}
            </p>
          )}
        </div>
        {upload.progress !== null && (
          <div className="case-upload__progress">
            <label htmlFor={`${id}-progress`}>{t('attachments.progress')}</label>
            <progress id={`${id}-progress`} max={100} value={upload.progress}>
              {upload.progress} %
            </progress>
            <span aria-live="polite">{t('attachments.percent', { percent: upload.progress })}</span>
          </div>
        )}
        {upload.error && (
          <ProblemMessage
            error={upload.error}
            messages={{ payload_too_large: t('attachments.tooLarge') }}
          />
        )}
        <div className="actions">
          <Button type="submit" variant="primary" isDisabled={upload.isPending}>
            {t('attachments.upload')}
          </Button>
        </div>
      </form>
      {uploaded && (
        <Notice tone="success" live>
          {t('attachments.uploaded')}
        </Notice>
      )}
      <AttachmentList caseId={caseId} />
    </div>
  );
}
