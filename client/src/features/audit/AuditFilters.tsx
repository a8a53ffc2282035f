import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { ComboBox } from '../../ui/ComboBox';
import { DateField } from '../../ui/DateField';
import type { Option } from '../../ui/Select';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { useVocabulary } from '../../vocab/useVocabulary';
import {
  ACTION_FAMILIES,
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  AUDIT_PURPOSES,
  RESOURCE_TYPES,
} from './audit-vocabularies';
import type { AuditFilters as Filters, AuditStaffMember } from './useAudit';
import { usePeopleOptions } from './usePeopleOptions';

const ALL = 'all';

interface Draft {
  actorId: string | null;
  action: string;
  resourceType: string;
  resourceId: string;
  outcome: string;
  purpose: string;
  from: string | null;
  to: string | null;
}

const EMPTY: Draft = {
  actorId: null,
  action: ALL,
  resourceType: ALL,
  resourceId: '',
  outcome: ALL,
  purpose: ALL,
  from: null,
  to: null,
};

/**
 * The log's filters, applied together on "Search" (each search is an audited
 * read, so not on every keystroke). Dates are whole days in the browser's
 * time zone: from the start of `from` to the end of `to`.
 */
export function AuditFilters({
  staff,
  onSearch,
}: {
  staff: readonly AuditStaffMember[];
  onSearch: (filters: Filters) => void;
}) {
  const { t } = useTranslation('audit');
  const { options } = useVocabulary();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [dateError, setDateError] = useState<string>();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const all = { id: ALL, label: t('filters.all') };
  const actionOptions: Option[] = [
    { id: ALL, label: t('filters.allActions') },
    ...ACTION_FAMILIES.map((family) => ({
      id: `${family}.*`,
      label: t('filters.family', { family: t(`family.${family}`) }),
    })),
    ...options('auditAction', AUDIT_ACTIONS),
  ];
  const people = usePeopleOptions(staff);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.to < draft.from) {
      setDateError(t('filters.toBeforeFrom'));
      return;
    }
    setDateError(undefined);
    onSearch(toFilters(draft));
  };

  return (
    <form
      role="search"
      aria-label={t('filters.label')}
      className="audit-filters"
      onSubmit={submit}
      noValidate
    >
      <div className="audit-filters__grid">
        <ComboBox
          label={t('filters.actor')}
          options={people}
          value={draft.actorId}
          onChange={(id) => set('actorId', id)}
        />
        <Select
          label={t('filters.action')}
          options={actionOptions}
          value={draft.action}
          onChange={(id) => set('action', id ?? ALL)}
        />
        <Select
          label={t('filters.purpose')}
          options={[all, ...options('auditPurpose', AUDIT_PURPOSES)]}
          value={draft.purpose}
          onChange={(id) => set('purpose', id ?? ALL)}
        />
        <Select
          label={t('filters.outcome')}
          options={[all, ...options('auditOutcome', AUDIT_OUTCOMES)]}
          value={draft.outcome}
          onChange={(id) => set('outcome', id ?? ALL)}
        />
        <Select
          label={t('filters.resourceType')}
          options={[
            all,
            ...RESOURCE_TYPES.map((type) => ({ id: type, label: t(`resource.${type}`) })),
          ]}
          value={draft.resourceType}
          onChange={(id) => set('resourceType', id ?? ALL)}
        />
        <TextField
          label={t('filters.resourceId')}
          description={t('filters.resourceIdHelp')}
          value={draft.resourceId}
          onChange={(value) => set('resourceId', value)}
        />
        <DateField label={t('filters.from')} value={draft.from} onChange={(v) => set('from', v)} />
        <DateField
          label={t('filters.to')}
          value={draft.to}
          onChange={(v) => set('to', v)}
          error={dateError}
        />
      </div>
      <div className="actions">
        <Button type="submit" variant="primary">
          {t('filters.search')}
        </Button>
        <Button
          type="button"
          variant="quiet"
          onPress={() => {
            setDraft(EMPTY);
            setDateError(undefined);
            onSearch({});
          }}
        >
          {t('filters.clear')}
        </Button>
      </div>
    </form>
  );
}

/** Start of a local day, as the API's ISO date-time with offset. */
export function startOfDay(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}

/** Start of the local day after `date`: the exclusive end of a range that includes `date`. */
export function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00`);
  day.setDate(day.getDate() + 1);
  return day.toISOString();
}

function toFilters(draft: Draft): Filters {
  const filters: Filters = {};
  if (draft.actorId) filters.actorId = draft.actorId;
  if (draft.action !== ALL) filters.action = draft.action;
  if (draft.resourceType !== ALL) filters.resourceType = draft.resourceType;
  if (draft.resourceId.trim()) filters.resourceId = draft.resourceId.trim();
  const outcome = AUDIT_OUTCOMES.find((code) => code === draft.outcome);
  if (outcome) filters.outcome = outcome;
  const purpose = AUDIT_PURPOSES.find((code) => code === draft.purpose);
  if (purpose) filters.purpose = purpose;
  if (draft.from) filters.from = startOfDay(draft.from);
  if (draft.to) filters.to = nextDay(draft.to);
  return filters;
}
