import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import { useEventWords, type NamedEvent } from './AuditEventTable';
import { OutcomeBadge } from './OutcomeBadge';

/** Everything one event says, codes in words and ids in full (to quote or search by). */
export function AuditEventDialog({
  event,
  actor,
  onClose,
}: {
  event: NamedEvent;
  actor: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('audit');
  const { label } = useVocabulary();
  const format = useFormat();
  const words = useEventWords();
  const none = '—';
  const facts: [string, React.ReactNode][] = [
    [t('event.action'), words.action(event)],
    [t('event.code'), <code key="code">{event.action ?? event.uncatalogued?.action}</code>],
    [t('event.purpose'), words.purpose(event)],
    [t('event.outcome'), <OutcomeBadge key="outcome" outcome={event.outcome} />],
    [t('event.occurredAt'), format.dateTime(event.occurredAt)],
    [t('event.actor'), actor],
    [t('event.role'), label('auditActorRole', event.actorRole)],
    [t('event.institution'), event.institutionName ?? event.institutionId ?? none],
    [
      t('event.resource'),
      event.resourceType
        ? t(`resource.${event.resourceType}`, { defaultValue: event.resourceType })
        : none,
    ],
    [t('event.resourceId'), event.resourceId ? <code key="rid">{event.resourceId}</code> : none],
    [t('event.actorId'), event.actorId ? <code key="aid">{event.actorId}</code> : none],
    [t('event.seq'), event.seq],
    [t('event.id'), <code key="id">{event.id}</code>],
    [t('event.requestId'), event.requestId ? <code key="req">{event.requestId}</code> : none],
  ];
  return (
    <Dialog title={t('event.title')} isOpen onOpenChange={(open) => !open && onClose()}>
      {event.uncatalogued && (
        <div className="notice notice--warning">
          <p>{t('event.uncataloguedNote')}</p>
        </div>
      )}
      <dl className="facts audit-facts">
        {facts.map(([term, value]) => (
          <div key={term} className="facts__row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="actions dialog__actions">
        <Button variant="primary" onPress={onClose} autoFocus>
          {t('event.close')}
        </Button>
      </div>
    </Dialog>
  );
}
