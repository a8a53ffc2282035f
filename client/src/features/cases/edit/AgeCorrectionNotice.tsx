import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Notice } from '../../../ui/Notice';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { Select } from '../../../ui/Select';
import { useVocabulary } from '../../../vocab/useVocabulary';
import type { CaseDetail } from '../useCase';
import { useRequestAgeCorrection, type AgeCorrectionReason } from '../useCaseMutations';

const REASONS = ['document_verified', 'age_assessment', 'data_entry_error'] as const;

/**
 * 409 age_correction_needs_approval: the age typed makes a minor an adult,
 * which lifts a minor's protections; another supervisor of the team must
 * approve it. The person can ask for that, and save the rest without the age.
 */
export function AgeCorrectionNotice({
  kase,
  age,
  onKeepStoredAge,
}: {
  kase: CaseDetail;
  age: number;
  onKeepStoredAge: () => void;
}) {
  const { t } = useTranslation('cases');
  const { options } = useVocabulary();
  const request = useRequestAgeCorrection(kase.id);
  const [reason, setReason] = useState<AgeCorrectionReason | null>(null);
  const [missing, setMissing] = useState(false);

  if (request.isSuccess) {
    return (
      <Notice tone="success" live>
        <p>{t('age.requested')}</p>
        <Button onPress={onKeepStoredAge}>{t('age.keepStored')}</Button>
      </Notice>
    );
  }
  return (
    <section className="notice notice--warning" role="alert" aria-labelledby="age-title">
      <h2 id="age-title" className="notice__title">
        {t('age.title')}
      </h2>
      <p>{t('age.explanation', { age })}</p>
      <p>{t('age.nothingSaved')}</p>
      {request.error && <ProblemMessage error={request.error} />}
      <div className="case-age">
        <Select
          label={t('age.reason')}
          options={options('ageCorrectionReason', REASONS)}
          value={reason}
          onChange={(value) => setReason(value as AgeCorrectionReason | null)}
          error={missing && !reason ? t('age.chooseReason') : undefined}
          isRequired
        />
      </div>
      <div className="actions">
        <Button
          variant="primary"
          isDisabled={request.isPending}
          onPress={() => {
            if (!reason) return setMissing(true);
            request.mutate({ version: kase.version, ageAtIdentification: age, reason });
          }}
        >
          {t('age.request')}
        </Button>
        <Button onPress={onKeepStoredAge}>{t('age.keepStored')}</Button>
      </div>
    </section>
  );
}
