import { useTranslation } from 'react-i18next';
import { Select } from '../../../ui/Select';
import { useVocabulary } from '../../../vocab/useVocabulary';
import { CASE_STATUSES, RISK_LEVELS } from '../form/case-vocabularies';
import type { CaseFilters } from '../useCases';

const ALL = 'all';

/** The list's filters; each applies at once (the list below is announced by its count). */
export function CaseFiltersForm({
  value,
  onChange,
}: {
  value: CaseFilters;
  onChange: (next: CaseFilters) => void;
}) {
  const { t } = useTranslation('cases');
  const { options } = useVocabulary();
  const all = { id: ALL, label: t('filters.all') };
  const set = <K extends keyof CaseFilters>(key: K, chosen: string | null) =>
    onChange({
      ...value,
      [key]: chosen === null || chosen === ALL ? undefined : (chosen as CaseFilters[K]),
    });
  return (
    <div role="search" className="case-filters" aria-label={t('filters.label')}>
      <Select
        label={t('filters.status')}
        options={[all, ...options('caseStatus', CASE_STATUSES)]}
        value={value.status ?? ALL}
        onChange={(chosen) => set('status', chosen)}
      />
      <Select
        label={t('filters.riskLevel')}
        options={[all, ...options('riskLevel', RISK_LEVELS)]}
        value={value.riskLevel ?? ALL}
        onChange={(chosen) => set('riskLevel', chosen)}
      />
      <Select
        label={t('filters.assigned')}
        options={[
          { id: ALL, label: t('filters.assignedAll') },
          { id: 'me', label: t('filters.assignedMe') },
          { id: 'team', label: t('filters.assignedTeam') },
        ]}
        value={value.assigned ?? ALL}
        onChange={(chosen) => set('assigned', chosen)}
      />
    </div>
  );
}
