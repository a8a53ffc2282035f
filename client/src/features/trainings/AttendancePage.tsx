import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import {
  allPresent,
  changedCount,
  presentCount,
  savedMarks,
  sheetOf,
  sheetOrder,
  todayInEcuador,
  type Marks,
} from './attendance-sheet';
import { LeaveGuard } from './LeaveGuard';
import { useTrainingFormat, useTrainingProblems } from './useTrainingText';
import {
  useAttendance,
  useProgramme,
  useRoster,
  useSaveAttendance,
  type Enrolment,
  type ProgrammeDetail,
  type RecordedAttendance,
  type Session,
} from './useTrainings';
import './trainings.css';

/**
 * The attendance sheet of one session, made for a phone in the training
 * room: one row per enrolled person with a large present/absent toggle (a
 * labelled checkbox), everyone present in one press, and a save bar that
 * stays in view with the count. The whole sheet is saved in one request;
 * leaving with changes not saved asks first.
 */
export function AttendancePage() {
  const { t } = useTranslation('trainings');
  const { id = '', sessionId = '' } = useParams();
  const programme = useProgramme(id);
  const roster = useRoster(id);
  const recorded = useAttendance(id, sessionId);
  const session = programme.data?.sessions.find((s) => s.id === sessionId);
  const error = programme.error ?? roster.error ?? recorded.error;
  // Loading the current sheet (after someone else saved it) starts the form again.
  const [generation, setGeneration] = useState(0);
  const reload = async () => {
    await recorded.refetch();
    setGeneration((n) => n + 1);
  };

  return (
    <>
      <p className="training-back">
        <Link to={`/trainings/${id}`}>{t('page.backToProgramme')}</Link>
      </p>
      <PageHeader title={t('attendance.title')} />
      {error && <ProblemMessage error={error} />}
      {!error && (programme.isPending || roster.isPending || recorded.isPending) && <Loading />}
      {programme.data && !session && <p role="alert">{t('attendance.noSession')}</p>}
      {programme.data && session && roster.data && recorded.data && (
        <SheetForm
          key={generation}
          programme={programme.data}
          session={session}
          roster={roster.data.items}
          recorded={recorded.data}
          onReload={reload}
        />
      )}
    </>
  );
}

function SheetForm({
  programme,
  session,
  roster,
  recorded,
  onReload,
}: {
  programme: ProgrammeDetail;
  session: Session;
  roster: readonly Enrolment[];
  recorded: RecordedAttendance;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation('trainings');
  const format = useTrainingFormat();
  const problems = useTrainingProblems();
  const save = useSaveAttendance(programme.id, session.id);
  const saved = useMemo(() => savedMarks(roster, recorded), [roster, recorded]);
  const [marks, setMarks] = useState<Marks>(saved);
  const [done, setDone] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [checking, setChecking] = useState(false);
  const [filter, setFilter] = useState('');
  const people = useMemo(() => sheetOrder(roster, format.locale), [roster, format.locale]);
  const changed = changedCount(saved, marks);
  const present = presentCount(marks);
  const notHeld = session.date > todayInEcuador();
  const busy = save.isPending || checking;
  const shown = filter.trim()
    ? people.filter((p) =>
        (p.fullName ?? '').toLocaleLowerCase().includes(filter.trim().toLocaleLowerCase()),
      )
    : people;

  const toggle = (participantId: string) => {
    setDone(undefined);
    setMarks((current) => ({ ...current, [participantId]: !current[participantId] }));
  };

  const send = () => {
    setConflict(false);
    save.mutate(sheetOf(roster, marks), {
      onSuccess: (result) =>
        setDone(t('attendance.saved', { present: result.present, total: roster.length })),
    });
  };

  /**
   * The API keeps no version of a sheet: before replacing it, check that no
   * one saved it since it was read here (the time it was last recorded).
   */
  const saveChecked = async () => {
    setDone(undefined);
    setChecking(true);
    try {
      const current = await call(
        api.GET('/api/v1/trainings/programmes/{id}/sessions/{sessionId}/attendance', {
          params: { path: { id: programme.id, sessionId: session.id } },
        }),
      );
      if (current.recordedAt !== recorded.recordedAt) {
        setConflict(true);
        return;
      }
    } catch {
      // The save itself will say what is wrong (network, session).
    } finally {
      setChecking(false);
    }
    send();
  };

  return (
    <form
      className="attendance"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void saveChecked();
      }}
    >
      <section className="panel attendance-session" aria-labelledby="attendance-session-title">
        <h2 id="attendance-session-title">{programme.name}</h2>
        <p className="attendance-session__when">
          {[
            format.sessionStart(session.startsAt),
            format.hours(session.hours),
            session.place ?? session.link,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {session.trainers.length > 0 && (
          <p className="field__description">
            {t('attendance.trainers', { names: session.trainers.join(', ') })}
          </p>
        )}
        {recorded.recordedAt ? (
          <p className="field__description">
            {t('attendance.lastSaved', { when: format.dateTime(recorded.recordedAt) })}
          </p>
        ) : (
          <p className="field__description">{t('attendance.notRecorded')}</p>
        )}
      </section>

      {notHeld && (
        <Notice tone="warning">
          <p>{t('attendance.notHeld')}</p>
        </Notice>
      )}
      {conflict && (
        <div className="notice notice--warning" role="alert">
          <p>
            <strong>{t('attendance.staleTitle')}</strong>
          </p>
          <p>{t('attendance.staleExplain')}</p>
          <div className="actions">
            <Button variant="primary" onPress={() => void onReload()}>
              {t('attendance.loadCurrent')}
            </Button>
            <Button onPress={send}>{t('attendance.overwrite')}</Button>
          </div>
        </div>
      )}
      {save.isError && <ProblemMessage error={save.error} messages={problems} />}

      {roster.length === 0 ? (
        <p>
          {t('attendance.nobody')}{' '}
          <Link to={`/trainings/${programme.id}?tab=participants`}>
            {t('attendance.enrolFirst')}
          </Link>
        </p>
      ) : (
        <fieldset className="attendance-list" aria-describedby="attendance-help">
          <legend>{t('attendance.legend')}</legend>
          <p id="attendance-help" className="field__description">
            {t('attendance.help')}
          </p>
          <div className="attendance-tools">
            <Button
              onPress={() => {
                setDone(undefined);
                setMarks(allPresent);
              }}
              isDisabled={busy || present === roster.length}
            >
              {t('attendance.allPresent')}
            </Button>
            {roster.length > 10 && (
              <div className="field attendance-filter">
                <label className="field__label" htmlFor="attendance-filter">
                  {t('attendance.filter')}
                </label>
                <input
                  id="attendance-filter"
                  className="field__input"
                  type="search"
                  autoComplete="off"
                  spellCheck={false}
                  value={filter}
                  onChange={(event) => setFilter(event.target.value)}
                />
              </div>
            )}
          </div>
          {shown.length === 0 && <p role="status">{t('attendance.noMatch')}</p>}
          <ul className="attendance-rows">
            {shown.map((person) => (
              <AttendanceRow
                key={person.participantId}
                person={person}
                present={marks[person.participantId] ?? false}
                changed={(saved[person.participantId] ?? false) !== marks[person.participantId]}
                isDisabled={busy}
                onToggle={() => toggle(person.participantId)}
              />
            ))}
          </ul>
        </fieldset>
      )}

      <div className="attendance-bar" role="region" aria-label={t('attendance.barLabel')}>
        <p className="attendance-bar__count">
          <strong>{t('attendance.count', { present, total: roster.length })}</strong>
          <span className="attendance-bar__state">
            {changed > 0
              ? t('attendance.unsaved', { count: changed })
              : done
                ? t('attendance.savedShort')
                : t('attendance.noChanges')}
          </span>
        </p>
        <Button
          type="submit"
          variant="primary"
          isDisabled={
            busy ||
            notHeld ||
            roster.length === 0 ||
            (changed === 0 && recorded.recordedAt !== null)
          }
        >
          {busy ? t('attendance.saving') : t('attendance.save')}
        </Button>
      </div>
      {/* Announced where the person is (the bar says it in short); read on the page too. */}
      <div className="visually-hidden" role="status">
        {done}
      </div>
      <LeaveGuard when={changed > 0 && !busy} />
    </form>
  );
}

/** One person: the whole row is the label of their checkbox, checked when present. */
function AttendanceRow({
  person,
  present,
  changed,
  isDisabled,
  onToggle,
}: {
  person: Enrolment;
  present: boolean;
  changed: boolean;
  isDisabled: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation('trainings');
  const id = `attendance-${person.participantId}`;
  const detail = [person.institutionName, person.position].filter(Boolean).join(' · ');
  return (
    <li>
      <label
        className={`attendance-row${present ? ' attendance-row--present' : ''}${changed ? ' attendance-row--changed' : ''}`}
        htmlFor={id}
      >
        <input
          id={id}
          type="checkbox"
          className="attendance-row__input"
          checked={present}
          disabled={isDisabled}
          onChange={onToggle}
          aria-labelledby={`${id}-name`}
          aria-describedby={`${id}-detail`}
        />
        <span className="attendance-row__who">
          <span id={`${id}-name`} className="attendance-row__name">
            {person.fullName ?? t('participants.erased')}
          </span>
          <span id={`${id}-detail`} className="attendance-row__detail">
            {detail}
          </span>
        </span>
        <span className="attendance-row__state" aria-hidden="true">
          <span className="attendance-row__mark">{present ? '✓' : ''}</span>
          {present ? t('attendance.present') : t('attendance.absent')}
        </span>
      </label>
    </li>
  );
}
