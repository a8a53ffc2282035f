import { useTranslation } from 'react-i18next';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
import type { ReleasePreview } from './useStatistics';
import { useStatisticsWords } from './useStatisticsWords';

/**
 * What the release would be, from its parameters alone: its cells, the
 * margin of error of every figure, and the budget left after computing it.
 * Reading it reads no case and spends nothing.
 */
export function PreviewPanel({
  preview,
  error,
  isPending,
}: {
  preview: ReleasePreview | undefined;
  error: unknown;
  isPending: boolean;
}) {
  const { t } = useTranslation('statistics');
  const words = useStatisticsWords();
  return (
    <section className="panel" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('preview.title')}</h2>
      <p className="field__description">{t('preview.explain')}</p>
      {error ? <ProblemMessage error={error} /> : null}
      {isPending && !error && <Loading />}
      {preview && (
        <div aria-live="polite">
          <dl className="facts facts--stacked">
            <dt>{t('preview.cells')}</dt>
            <dd>
              {t('preview.cellsValue', {
                count: preview.cells,
                layout: preview.table.dimensions
                  .map((d) => `${words.dimension(d.id)} (${d.values.length})`)
                  .join(' × '),
              })}
            </dd>
            <dt>{t('preview.bound')}</dt>
            <dd>
              {t('preview.boundValue', {
                bound: words.number(preview.cellErrorBound95),
                rounding: preview.rounding,
              })}
            </dd>
            <dt>{t('preview.hidden')}</dt>
            <dd>{t('preview.hiddenValue', { threshold: preview.threshold })}</dd>
            <dt>{t('preview.after')}</dt>
            <dd>
              {t('preview.afterValue', {
                remaining: words.epsilon(Math.max(0, preview.remainingAfter)),
                total: words.epsilon(preview.budget.total),
                year: preview.period.year,
              })}
            </dd>
          </dl>
          {preview.remainingAfter < 0 && (
            <Notice tone="error">
              <p>
                {t('preview.notEnough', {
                  remaining: words.epsilon(preview.budget.remaining),
                  needed: words.epsilon(preview.epsilon),
                })}
              </p>
            </Notice>
          )}
        </div>
      )}
    </section>
  );
}
