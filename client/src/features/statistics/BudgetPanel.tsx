import { useTranslation } from 'react-i18next';
import { Loading } from '../../ui/Loading';
import { ProblemMessage } from '../../ui/ProblemMessage';
import type { Budget } from './useStatistics';
import { useStatisticsWords } from './useStatisticsWords';

/** The privacy budget of the data's year: total, spent, left — and what it is, in words. */
export function BudgetPanel({
  year,
  budget,
  error,
}: {
  year: number;
  budget: Budget | undefined;
  error: unknown;
}) {
  const { t } = useTranslation('statistics');
  const words = useStatisticsWords();
  return (
    <section className="panel" aria-labelledby="budget-title">
      <h2 id="budget-title">{t('budget.title', { year })}</h2>
      {error ? <ProblemMessage error={error} /> : null}
      {!budget && !error && <Loading />}
      {budget && (
        <>
          <dl className="facts budget">
            <dt>{t('budget.total')}</dt>
            <dd>ε {words.epsilon(budget.total)}</dd>
            <dt>{t('budget.spent')}</dt>
            <dd>ε {words.epsilon(budget.spent)}</dd>
            <dt>{t('budget.remaining')}</dt>
            <dd className="budget__remaining">ε {words.epsilon(budget.remaining)}</dd>
          </dl>
          <meter
            className="budget__meter"
            min={0}
            max={budget.total}
            value={budget.spent}
            aria-label={t('budget.meter', {
              spent: words.epsilon(budget.spent),
              total: words.epsilon(budget.total),
            })}
          />
          <p className="field__description">{t('budget.explain', { year })}</p>
        </>
      )}
    </section>
  );
}
