import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../../api/query-keys';
import { isProblem } from '../../../api/problem';
import { Button } from '../../../ui/Button';
import { Notice } from '../../../ui/Notice';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { Select } from '../../../ui/Select';
import { useVocabulary } from '../../../vocab/useVocabulary';
import {
  NEXT_STATUSES,
  STATUS_REASONS,
  type CaseStatus,
  type StatusReason,
} from '../form/case-vocabularies';
import type { CaseDetail } from '../useCase';
import { useUpdateCase } from '../useCaseMutations';

/** Moves the case to one of the statuses the rules allow from here, with the reason why. */
export function StatusChange({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation('cases');
  const { label, options } = useVocabulary();
  const queryClient = useQueryClient();
  const update = useUpdateCase(kase.id);
  const [status, setStatus] = useState<CaseStatus | null>(null);
  const [reason, setReason] = useState<StatusReason | null>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<CaseStatus | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (!status || !reason) {
      setMissing(true);
      return;
    }
    setMissing(false);
    update.mutate(
      { version: kase.version, status, statusReason: reason },
      {
        onSuccess: () => {
          setDone(status);
          setStatus(null);
          setReason(null);
        },
        onError: (error) => {
          if (isProblem(error, 'stale_version')) {
            void queryClient.invalidateQueries({ queryKey: queryKeys.cases.detail(kase.id) });
          }
        },
      },
    );
  };

  return (
    <section className="panel" aria-labelledby="case-status-title">
      <h2 id="case-status-title">{t('status.title')}</h2>
      <p>
        {t('status.current', { status: label('caseStatus', kase.status) })} {t('status.reasonHint')}
      </p>
      {done && (
        <Notice tone="success" live>
          {t('status.done', { status: label('caseStatus', done) })}
        </Notice>
      )}
      {update.error && (
        <ProblemMessage error={update.error} messages={{ stale_version: t('status.stale') }} />
      )}
      <form className="case-status" onSubmit={submit} noValidate>
        <Select
          label={t('status.next')}
          options={options('caseStatus', NEXT_STATUSES[kase.status])}
          value={status}
          onChange={(value) => setStatus(value as CaseStatus | null)}
          error={missing && !status ? t('status.chooseStatus') : undefined}
          isRequired
        />
        <Select
          label={t('status.reason')}
          options={options('statusReason', STATUS_REASONS)}
          value={reason}
          onChange={(value) => setReason(value as StatusReason | null)}
          error={missing && !reason ? t('status.chooseReason') : undefined}
          isRequired
        />
        <Button type="submit" isDisabled={update.isPending}>
          {t('status.submit')}
        </Button>
      </form>
    </section>
  );
}
