import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import { AuditEventDialog } from './AuditEventDialog';
import { OutcomeBadge } from './OutcomeBadge';
import type { AccessReportRow, AuditEvent } from './useAudit';

export type NamedEvent = AuditEvent &
  Partial<Pick<AccessReportRow, 'actorName' | 'institutionName'>>;

/**
 * An event's action and purpose in words; a code outside the catalogue is
 * shown as itself, plainly marked (the server has raised an integrity alarm).
 */
export function useEventWords() {
  const { t } = useTranslation('audit');
  const { label } = useVocabulary();
  return {
    action: (event: NamedEvent) =>
      event.action
        ? label('auditAction', event.action)
        : t('event.uncatalogued', { code: event.uncatalogued?.action ?? '' }),
    purpose: (event: NamedEvent) =>
      event.purpose
        ? label('auditPurpose', event.purpose)
        : event.uncatalogued?.purpose
          ? t('event.uncatalogued', { code: event.uncatalogued.purpose })
          : '—',
  };
}

/**
 * Audit events as a table: when, who (by name when known), what and why in
 * words, the outcome, and on what; each opens its full detail in a dialog.
 */
export function AuditEventTable({
  caption,
  rows,
}: {
  caption: string;
  rows: readonly NamedEvent[];
}) {
  const { t } = useTranslation('audit');
  const { label } = useVocabulary();
  const format = useFormat();
  const words = useEventWords();
  const [open, setOpen] = useState<NamedEvent>();
  const actorOf = (row: NamedEvent) =>
    row.actorName ?? t(`actor.${row.actorId ? 'unknown' : 'none'}`);
  return (
    <div className="audit-table">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('event.occurredAt')}</th>
            <th scope="col">{t('event.actor')}</th>
            <th scope="col">{t('event.action')}</th>
            <th scope="col">{t('event.purpose')}</th>
            <th scope="col">{t('event.outcome')}</th>
            <th scope="col">{t('event.resource')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('event.detail')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="audit-table__time">{format.dateTime(row.occurredAt)}</td>
              <td>
                <span className="audit-table__actor">{actorOf(row)}</span>
                <span className="audit-table__sub">
                  {label('auditActorRole', row.actorRole)}
                  {row.institutionName ? ` · ${row.institutionName}` : ''}
                </span>
              </td>
              <th
                scope="row"
                className={
                  row.uncatalogued
                    ? 'audit-table__action audit-uncatalogued'
                    : 'audit-table__action'
                }
              >
                {words.action(row)}
              </th>
              <td className={row.uncatalogued?.purpose ? 'audit-uncatalogued' : undefined}>
                {words.purpose(row)}
              </td>
              <td>
                <OutcomeBadge outcome={row.outcome} />
              </td>
              <td>
                {row.resourceType ? (
                  <>
                    <span>
                      {t(`resource.${row.resourceType}`, { defaultValue: row.resourceType })}
                    </span>
                    <code className="audit-table__id">{row.resourceId}</code>
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <Button
                  variant="quiet"
                  onPress={() => setOpen(row)}
                  aria-label={t('event.openDetail', {
                    action: words.action(row),
                    when: format.dateTime(row.occurredAt),
                  })}
                >
                  {t('event.detail')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && (
        <AuditEventDialog event={open} actor={actorOf(open)} onClose={() => setOpen(undefined)} />
      )}
    </div>
  );
}
