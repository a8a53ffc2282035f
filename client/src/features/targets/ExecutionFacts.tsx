import { useTranslation } from 'react-i18next';
import type { BudgetExecution } from './target-types';
import { useTargetFormat } from './useTargetWords';

/** Coded, accrued and % execution, with a bar of the share accrued. */
export function ExecutionFacts({ execution }: { execution: BudgetExecution }) {
  const { t } = useTranslation('targets');
  const format = useTargetFormat();
  const percent = execution.executionPercent === null ? null : Number(execution.executionPercent);
  return (
    <>
      <dl className="facts targets-totals">
        <dt>{t('budget.coded')}</dt>
        <dd>{format.money(execution.coded)}</dd>
        <dt>{t('budget.accrued')}</dt>
        <dd>{format.money(execution.accrued)}</dd>
        <dt>{t('budget.execution')}</dt>
        <dd>{format.percentOrNone(execution.executionPercent)}</dd>
      </dl>
      {percent !== null && (
        <meter
          className="targets-meter"
          min={0}
          max={100}
          value={Math.min(percent, 100)}
          aria-label={t('budget.meter', {
            percent: format.percent(execution.executionPercent ?? '0'),
          })}
        />
      )}
    </>
  );
}
