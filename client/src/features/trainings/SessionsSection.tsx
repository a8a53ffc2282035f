import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { ConfirmDialog } from './ConfirmDialog';
import { SessionDialog } from './SessionDialog';
import { todayInEcuador } from './attendance-sheet';
import { useTrainingFormat } from './useTrainingText';
import { useDeleteSession, type ProgrammeDetail, type Session } from './useTrainings';

type Open =
  | { kind: 'add' }
  | { kind: 'edit'; session: Session }
  | { kind: 'delete'; session: Session }
  | undefined;

/**
 * The programme's sessions by date, each with its attendance sheet. A list
 * of cards rather than a table, so that the sheet's link is a large target
 * on a phone.
 */
export function SessionsSection({ programme }: { programme: ProgrammeDetail }) {
  const { t } = useTranslation('trainings');
  const format = useTrainingFormat();
  const [open, setOpen] = useState<Open>();
  const [done, setDone] = useState<string>();
  const today = todayInEcuador();
  const sessions = programme.sessions;
  const start = (kind: Open) => {
    setDone(undefined);
    setOpen(kind);
  };

  return (
    <section className="training-section" aria-labelledby="sessions-title">
      <div className="training-section-header">
        <h2 id="sessions-title">{t('sessions.title')}</h2>
        <Button variant="primary" onPress={() => start({ kind: 'add' })}>
          {t('sessions.add')}
        </Button>
      </div>
      <p className="field__description">
        {t('sessions.scheduled', {
          hours: format.hours(programme.scheduledHours),
          total: format.hours(programme.totalHours),
        })}
      </p>
      {done && (
        <Notice tone="success" live>
          {done}
        </Notice>
      )}
      {sessions.length === 0 ? (
        <p>{t('sessions.none')}</p>
      ) : (
        <ol className="session-list">
          {sessions.map((session, index) => {
            const name = t('sessions.number', { number: index + 1 });
            const when = format.sessionStart(session.startsAt);
            const held = session.date <= today;
            return (
              <li key={session.id} className="session-card">
                <h3 className="session-card__title">
                  {name} · <span className="session-card__when">{when}</span>
                </h3>
                <dl className="session-card__facts">
                  <div>
                    <dt>{t('sessions.hours')}</dt>
                    <dd>{format.hours(session.hours)}</dd>
                  </div>
                  {session.place && (
                    <div>
                      <dt>{t('sessions.place')}</dt>
                      <dd>{session.place}</dd>
                    </div>
                  )}
                  {session.link && (
                    <div>
                      <dt>{t('sessions.link')}</dt>
                      <dd className="session-card__link">{session.link}</dd>
                    </div>
                  )}
                  {session.trainers.length > 0 && (
                    <div>
                      <dt>{t('sessions.trainers')}</dt>
                      <dd>{session.trainers.join(', ')}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('sessions.attendance')}</dt>
                    <dd>
                      {session.attendanceRecorded
                        ? t('sessions.presentOf', {
                            present: format.count(session.presentCount),
                            total: format.count(programme.enrolled),
                          })
                        : held
                          ? t('sessions.notRecorded')
                          : t('sessions.upcoming')}
                    </dd>
                  </div>
                </dl>
                <div className="session-card__actions">
                  <Link
                    className={`button ${held ? 'button--primary' : 'button--secondary'}`}
                    to={`/trainings/${programme.id}/sessions/${session.id}/attendance`}
                    aria-label={t('sessions.sheetNamed', { session: `${name}, ${when}` })}
                  >
                    {t('sessions.sheet')}
                  </Link>
                  <Button
                    variant="quiet"
                    aria-label={t('sessions.editNamed', { session: `${name}, ${when}` })}
                    onPress={() => start({ kind: 'edit', session })}
                  >
                    {t('sessions.edit')}
                  </Button>
                  {!session.attendanceRecorded && (
                    <Button
                      variant="quiet"
                      aria-label={t('sessions.deleteNamed', { session: `${name}, ${when}` })}
                      onPress={() => start({ kind: 'delete', session })}
                    >
                      {t('sessions.delete')}
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {open?.kind === 'add' && (
        <SessionDialog
          programme={programme}
          onClose={(saved) => {
            setOpen(undefined);
            if (saved) setDone(t('sessions.added'));
          }}
        />
      )}
      {open?.kind === 'edit' && (
        <SessionDialog
          programme={programme}
          session={open.session}
          onClose={(saved) => {
            setOpen(undefined);
            if (saved) setDone(t('sessions.saved'));
          }}
        />
      )}
      {open?.kind === 'delete' && (
        <DeleteSessionDialog
          programmeId={programme.id}
          session={open.session}
          summary={format.sessionStart(open.session.startsAt)}
          onClose={(deleted) => {
            setOpen(undefined);
            if (deleted) setDone(t('sessions.deleted'));
          }}
        />
      )}
    </section>
  );
}

function DeleteSessionDialog({
  programmeId,
  session,
  summary,
  onClose,
}: {
  programmeId: string;
  session: Session;
  summary: string;
  onClose: (deleted: boolean) => void;
}) {
  const { t } = useTranslation('trainings');
  const remove = useDeleteSession(programmeId, session.id);
  return (
    <ConfirmDialog
      title={t('sessions.deleteTitle')}
      confirm={t('sessions.deleteConfirm')}
      onConfirm={() => remove.mutate(undefined, { onSuccess: () => onClose(true) })}
      isPending={remove.isPending}
      error={remove.error}
      onCancel={() => onClose(false)}
    >
      <p>{summary}</p>
      <p>{t('sessions.deleteExplain')}</p>
    </ConfirmDialog>
  );
}
