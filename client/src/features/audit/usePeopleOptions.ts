import { useTranslation } from 'react-i18next';
import type { Option } from '../../ui/Select';
import { useVocabulary } from '../../vocab/useVocabulary';
import type { AuditStaffMember } from './useAudit';

/**
 * How a person is told apart in the auditors' pickers: name, role and
 * institution, "(deactivated)" for a disabled account, and — only when two
 * accounts would still read the same — the start of the account's id (which
 * the event detail shows in full).
 */
export function usePersonLabel() {
  const { t } = useTranslation('audit');
  const { label } = useVocabulary();
  return (person: AuditStaffMember) =>
    `${person.displayName} — ${label('auditActorRole', person.role)}, ${person.institutionName}` +
    (person.active ? '' : ` ${t('access.deactivated')}`);
}

export function usePeopleOptions(staff: readonly AuditStaffMember[]): Option[] {
  const personLabel = usePersonLabel();
  const labels = staff.map(personLabel);
  const seen = new Map<string, number>();
  for (const text of labels) seen.set(text, (seen.get(text) ?? 0) + 1);
  return staff.map((person, i) => {
    const text = labels[i] ?? person.displayName;
    return {
      id: person.id,
      label: (seen.get(text) ?? 0) > 1 ? `${text} · ${person.id.slice(0, 8)}` : text,
    };
  });
}
