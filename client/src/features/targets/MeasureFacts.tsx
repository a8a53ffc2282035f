import { useTranslation } from 'react-i18next';
import type { MeasureRead } from './target-types';
import { useCampaignOptions, useProgrammeOptions } from './useTargets';
import { useMeasureWords } from './useTargetWords';

/** How a target's executed value is obtained, in words: the measure and each filter it has. */
export function MeasureFacts({ measure }: { measure: MeasureRead }) {
  const { t } = useTranslation('targets');
  const words = useMeasureWords();
  const programmes = useProgrammeOptions((measure.filters.programmeIds ?? []).length > 0);
  const campaigns = useCampaignOptions((measure.filters.campaignIds ?? []).length > 0);
  const names = {
    programmes: new Map((programmes.data ?? []).map((p) => [p.id, p.name])),
    campaigns: new Map((campaigns.data ?? []).map((c) => [c.id, c.name])),
  };
  const filters = words.filters(measure, names);
  return (
    <>
      {measure.kind === 'manual'
        ? t('measure.manualShort')
        : t('measure.computedShort', { measure: words.kind(measure) })}
      {filters.length > 0 && (
        <ul className="targets-filters">
          {filters.map((filter) => (
            <li key={filter.filter}>
              {filter.name}:{' '}
              {filter.values.length === 0 ? t('measure.any') : filter.values.join(', ')}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
