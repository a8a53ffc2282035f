import { useTranslation } from 'react-i18next';
import { useVocabulary } from '../../vocab/useVocabulary';
import { DIMENSION_VOCABULARY } from './dimensions';
import type { DimensionId, PublishedTotal, Release, TableId } from './useStatistics';

/**
 * The words for a release's codes and figures, shared by the coordinator's
 * screens and the public observatory. A hidden figure is always "<k" — never
 * a number derived from other figures.
 */
export function useStatisticsWords() {
  const { t, i18n } = useTranslation('statistics');
  const { label } = useVocabulary();
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'es-EC';
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const hundredths = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const words = {
    table: (id: TableId) => label('statisticsTable', id),
    tableDescription: (id: TableId) => label('statisticsTableDescription', id),
    dimension: (id: DimensionId) => label('statisticsDimension', id),
    value: (dimension: DimensionId, value: string) => label(DIMENSION_VOCABULARY[dimension], value),
    state: (state: Release['state']) => label('releaseState', state),
    period: (period: Release['period']) =>
      period.quarter === null
        ? String(period.year)
        : t('period.quarter', { year: period.year, quarter: period.quarter }),
    /** ε with its two decimals, as the ledger counts it ("0,50"). */
    epsilon: (value: number) => hundredths.format(value),
    number: (value: number) => integer.format(value),
    decimal: (value: number) => decimal.format(value),
    /** A published figure, or "<k" when it is hidden. */
    figure: (value: number | null, threshold: number) =>
      value === null ? `<${threshold}` : integer.format(value),
    bound: (bound: number) => `± ${integer.format(bound)}`,
    /** A total of the figures shown; the hidden cells it leaves out, said in words. */
    totalNote: (total: PublishedTotal, threshold: number) =>
      total.cellsSuppressed > 0
        ? t('total.withoutHidden', { count: total.cellsSuppressed, threshold })
        : '',
  };
  return words;
}
