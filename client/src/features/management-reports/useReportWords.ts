import { useTranslation } from 'react-i18next';
import { useFigureFormat, type DecimalText } from '../../ui/figures';
import { useFormat } from '../../ui/format';
import type { ReportPeriod, ReportStage } from './report-types';

/** Periods, stages and figures of management reports in the interface's language. */
export function useReportWords() {
  const { t } = useTranslation('managementReports');
  const figures = useFigureFormat();
  const dates = useFormat();
  return {
    ...figures,
    /** Case-work counts of a quarter that has not ended are pending (null), never 0. */
    value: (value: DecimalText | number | null) =>
      value === null ? t('preview.pending') : figures.value(value),
    date: dates.date,
    dateTime: dates.dateTime,
    period: (p: ReportPeriod) =>
      p.quarter === null
        ? t('period.year', { year: p.year })
        : t('period.quarter', { year: p.year, quarter: p.quarter }),
    stage: (stage: ReportStage) => t(`stage.${stage}`),
    percentOrNone: (p: string | null) => (p === null ? t('preview.noPercent') : figures.percent(p)),
  };
}

export function useReportProblems(): Record<string, string> {
  const { t } = useTranslation('managementReports');
  return {
    stale_version: t('problems.stale_version'),
    four_eyes: t('problems.four_eyes'),
    not_reviewed: t('problems.not_reviewed'),
    period_not_ended: t('problems.period_not_ended'),
    figures_changed: t('problems.figures_changed'),
    period_already_approved: t('problems.period_already_approved'),
    report_approved: t('problems.report_approved'),
    validation_failed: t('problems.validation_failed'),
  };
}
