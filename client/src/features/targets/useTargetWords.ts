import { useTranslation } from 'react-i18next';
import { useSignedInUser } from '../../app/session/useMe';
import { useFigureFormat, type DecimalText } from '../../ui/figures';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import type { MeasureRead } from './target-types';
import { MEASURE_FILTERS, type FilterName } from './target-vocabularies';

/**
 * Figures, dates and the words of targets and budget in the interface's
 * language: `USD 5.500,00` and `88,80 %` in Spanish (es-EC).
 */
export function useTargetFormat() {
  const { t } = useTranslation('targets');
  const figures = useFigureFormat();
  const dates = useFormat();
  const me = useSignedInUser();
  return {
    ...figures,
    /** Case-work counts of a quarter that has not ended are pending (null), never 0. */
    value: (value: DecimalText | number | null) =>
      value === null ? t('figures.pending') : figures.value(value),
    date: dates.date,
    dateTime: dates.dateTime,
    /** A percentage, or why there is none (nothing programmed, nothing coded). */
    percentOrNone: (p: DecimalText | null) =>
      p === null ? t('figures.noPercent') : figures.percent(p),
    /** A value with its unit: "1.250 personas". */
    withUnit: (value: DecimalText | null, unit: string) =>
      value === null ? t('figures.pending') : `${figures.value(value)} ${unit}`,
    /** Who recorded something: the person signed in, or another coordinator (ids only in the API). */
    who: (userId: string) => (userId === me.user.id ? t('figures.you') : t('figures.someoneElse')),
  };
}

/** A measure in words: its kind, and each filter it was given with its chosen values. */
export function useMeasureWords() {
  const { t } = useTranslation('targets');
  const { label } = useVocabulary();
  const kind = (measure: Pick<MeasureRead, 'kind'>) => t(`measure.kinds.${measure.kind}`);
  const filterValue = (
    measure: MeasureRead,
    filter: FilterName,
    names: { programmes: Map<string, string>; campaigns: Map<string, string> },
  ): string[] => {
    const values = measure.filters[filter] ?? [];
    switch (filter) {
      case 'programmeIds':
        return values.map((id) => names.programmes.get(id) ?? t('measure.unknownProgramme'));
      case 'campaignIds':
        return values.map((id) => names.campaigns.get(id) ?? t('measure.unknownCampaign'));
      case 'sectors':
        return values.map((code) =>
          measure.kind === 'referrals_completed'
            ? label('sector', code)
            : t(`trainingSector.${code as 'other'}`),
        );
      case 'provinces':
        return values.map((code) => label('province', code));
      case 'channels':
        return values.map((code) => label('campaignChannel', code));
      case 'groups':
        return values.map((code) => label('vulnerabilityGroup', code));
    }
  };
  return {
    kind,
    /** Each filter the measure takes: its name and what it is restricted to (empty: everything). */
    filters: (
      measure: MeasureRead,
      names: { programmes: Map<string, string>; campaigns: Map<string, string> },
    ) =>
      MEASURE_FILTERS[measure.kind].map((filter) => ({
        filter,
        name: t(`measure.filters.${filter}`),
        values: filterValue(measure, filter, names),
      })),
  };
}

/** This feature's sentences for the API's refusals. */
export function useTargetProblems(): Record<string, string> {
  const { t } = useTranslation('targets');
  return {
    stale_version: t('problems.stale_version'),
    code_taken: t('problems.code_taken'),
    already_voided: t('problems.already_voided'),
    validation_failed: t('problems.validation_failed'),
    not_found: t('problems.not_found'),
    in_use: t('problems.in_use'),
  };
}
