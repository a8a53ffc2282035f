import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/problem';
import { Button } from '../../ui/Button';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RadioGroup } from '../../ui/RadioGroup';
import { useVocabulary } from '../../vocab/useVocabulary';
import {
  REVIEW_OUTCOMES,
  subjectId,
  useAcknowledgeReview,
  type ReviewItem,
  type ReviewOutcome,
} from './useReviews';

/** The outcome of one review; the queue moves the entry to "reviewed" once recorded. */
export function AcknowledgeForm({
  item,
  onDone,
}: {
  item: ReviewItem;
  onDone: (outcome: ReviewOutcome) => void;
}) {
  const { t } = useTranslation('reviews');
  const { options } = useVocabulary();
  const acknowledge = useAcknowledgeReview();
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(null);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!outcome) {
      setMissing(true);
      return;
    }
    acknowledge.mutate({ item, outcome }, { onSuccess: () => onDone(outcome) });
  };

  const gone = isProblem(acknowledge.error, 'already_reviewed');
  return (
    <form className="stack review-form" onSubmit={submit} noValidate>
      <RadioGroup
        label={t('acknowledge.outcome')}
        name={`outcome-${subjectId(item)}`}
        options={options('reviewOutcome', REVIEW_OUTCOMES)}
        value={outcome}
        onChange={(value) => {
          setOutcome(value as ReviewOutcome);
          setMissing(false);
        }}
        description={t(
          item.kind === 'break_glass'
            ? 'acknowledge.descriptionBreakGlass'
            : 'acknowledge.descriptionOverride',
        )}
        error={missing ? t('acknowledge.chooseOutcome') : undefined}
        isRequired
        isDisabled={acknowledge.isPending || gone}
      />
      <ProblemMessage
        error={acknowledge.error}
        messages={{
          four_eyes: t('acknowledge.fourEyes'),
          already_reviewed: t('acknowledge.alreadyReviewed'),
          not_found: t('acknowledge.notFound'),
        }}
      />
      <div className="actions">
        <Button type="submit" variant="primary" isDisabled={acknowledge.isPending || gone}>
          {acknowledge.isPending ? t('acknowledge.saving') : t('acknowledge.submit')}
        </Button>
      </div>
    </form>
  );
}
