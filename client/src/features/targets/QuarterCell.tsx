import { useTranslation } from 'react-i18next';
import type { QuarterFigures } from './target-types';
import { useTargetFormat } from './useTargetWords';

/** A quarter's executed value and, when the quarter was programmed, of how much and the %. */
export function QuarterCell({ figures }: { figures: QuarterFigures | undefined }) {
  const { t } = useTranslation('targets');
  const format = useTargetFormat();
  if (!figures) return <>{t('figures.none')}</>;
  return (
    <>
      {figures.programmed === null
        ? format.value(figures.executed)
        : t('quarters.ofProgrammed', {
            executed: format.value(figures.executed),
            programmed: format.value(figures.programmed),
          })}
      {figures.progressPercent !== null && (
        <span className="targets-sub">{format.percent(figures.progressPercent)}</span>
      )}
    </>
  );
}
