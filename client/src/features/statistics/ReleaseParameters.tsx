import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import type { Release } from './useStatistics';
import { useStatisticsWords } from './useStatisticsWords';

/** How a release was made: everything a reader needs to check its figures and bounds. */
export function ReleaseParameters({ release }: { release: Release }) {
  const { t } = useTranslation('statistics');
  const words = useStatisticsWords();
  const format = useFormat();
  const p = release.parameters;
  const rows: [string, string][] = [
    [t('parameters.table'), words.table(release.table.id)],
    [t('parameters.period'), words.period(release.period)],
    [t('parameters.mechanism'), t(`mechanism.${p.mechanism}`)],
    [t('parameters.epsilon'), words.epsilon(p.epsilon)],
    [t('parameters.sensitivity'), t('parameters.sensitivityValue', { count: p.sensitivity })],
    [t('parameters.noiseScale'), words.decimal(release.figures.noiseScale)],
    [t('parameters.threshold'), t('parameters.thresholdValue', { threshold: p.threshold })],
    [t('parameters.rounding'), t('parameters.roundingValue', { rounding: p.rounding })],
    [t('parameters.confidence'), t('parameters.confidenceValue', { percent: p.confidence * 100 })],
    [t('parameters.cellBound'), words.bound(release.figures.cellErrorBound95)],
    [t('parameters.softwareVersion'), release.softwareVersion],
    [t('parameters.computedAt'), format.dateTime(release.computedAt)],
    [
      t('parameters.publishedAt'),
      release.publishedAt ? format.dateTime(release.publishedAt) : t('parameters.notPublished'),
    ],
  ];
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
