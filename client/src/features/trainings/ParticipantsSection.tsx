import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { ScrollRegion } from '../../ui/charts';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useVocabulary } from '../../vocab/useVocabulary';
import { sheetOrder } from './attendance-sheet';
import { missingConditions, requiredHours } from './completion';
import { ConfirmDialog } from './ConfirmDialog';
import { ParticipantDialog } from './ParticipantDialog';
import { useTrainingFormat, useTrainingLabels } from './useTrainingText';
import {
  useRemoveEnrolment,
  useRoster,
  type Enrolment,
  type ProgrammeDetail,
} from './useTrainings';

/** How a programme's rule reads: the hours to attend and the final score, if any. */
export function useRuleText(programme: ProgrammeDetail) {
  const { t } = useTranslation('trainings');
  const format = useTrainingFormat();
  const base = {
    percent: format.percent(programme.minAttendancePercent),
    hours: format.hours(requiredHours(programme)),
    total: format.hours(programme.totalHours),
  };
  return programme.minFinalScore === null
    ? t('rule.attendance', base)
    : t('rule.attendanceAndScore', { ...base, score: format.score(programme.minFinalScore) });
}

/** Completed, or what is missing, in words (the server decided which). */
function CompletionCell({ programme, person }: { programme: ProgrammeDetail; person: Enrolment }) {
  const { t } = useTranslation('trainings');
  const format = useTrainingFormat();
  if (person.completed) {
    return (
      <>
        <span className="badge badge--ok">{t('completion.yes')}</span>
        {person.completedOn && (
          <span className="training-subtle">
            {t('completion.on', { date: format.date(person.completedOn) })}
          </span>
        )}
      </>
    );
  }
  const missing = missingConditions(programme, person);
  return (
    <>
      <span className="badge badge--warning">{t('completion.no')}</span>
      <ul className="training-plain-list training-subtle">
        {missing.map((condition) => (
          <li key={condition}>
            {condition === 'attendance'
              ? t('completion.missingAttendance', {
                  hours: format.hours(requiredHours(programme)),
                })
              : condition === 'final_score_missing'
                ? t('completion.missingScore')
                : t('completion.scoreBelow', { score: format.score(programme.minFinalScore) })}
          </li>
        ))}
      </ul>
    </>
  );
}

type Open = { kind: 'add' } | { kind: 'remove'; person: Enrolment } | undefined;

/**
 * Who is enrolled and where each stands by the programme's rule: hours
 * attended, their share, the final score, and completed or not with the
 * reason. Completion is the server's, never typed here.
 */
export function ParticipantsSection({ programme }: { programme: ProgrammeDetail }) {
  const { t } = useTranslation('trainings');
  const { label } = useVocabulary();
  const labels = useTrainingLabels();
  const format = useTrainingFormat();
  const roster = useRoster(programme.id);
  const rule = useRuleText(programme);
  const [open, setOpen] = useState<Open>();
  const [done, setDone] = useState<string>();
  const people = sheetOrder(roster.data?.items ?? [], format.locale);
  const completed = people.filter((p) => p.completed).length;
  const caption = t('participants.caption', { count: people.length });

  return (
    <section className="training-section" aria-labelledby="participants-title">
      <div className="training-section-header">
        <h2 id="participants-title">{t('participants.title')}</h2>
        <Button
          variant="primary"
          onPress={() => {
            setDone(undefined);
            setOpen({ kind: 'add' });
          }}
        >
          {t('participants.add')}
        </Button>
      </div>
      <p className="training-rule">{rule}</p>
      {done && (
        <Notice tone="success" live>
          {done}
        </Notice>
      )}
      {roster.isPending && <Loading />}
      {roster.isError && <ProblemMessage error={roster.error} />}
      {roster.isSuccess && people.length === 0 && <p>{t('participants.none')}</p>}
      {people.length > 0 && (
        <>
          <p className="training-completion-summary">
            {t('participants.completedOf', {
              completed: format.count(completed),
              total: format.count(people.length),
            })}
          </p>
          <ScrollRegion label={caption}>
            <table className="table training-roster">
              <caption className="visually-hidden">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('participants.fullName')}</th>
                  <th scope="col">{t('participants.institution')}</th>
                  <th scope="col" className="training-num">
                    {t('participants.attendedHours')}
                  </th>
                  <th scope="col" className="training-num">
                    {t('participants.attendancePercent')}
                  </th>
                  <th scope="col" className="training-num">
                    {t('participants.postScore')}
                  </th>
                  <th scope="col">{t('participants.completed')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('participants.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr key={person.participantId}>
                    <th scope="row">
                      {person.fullName ?? t('participants.erased')}
                      {person.position && (
                        <span className="training-subtle">{person.position}</span>
                      )}
                    </th>
                    <td>
                      {person.institutionName}
                      <span className="training-subtle">
                        {[
                          labels.sector(person.sector),
                          person.province ? label('province', person.province) : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    </td>
                    <td className="training-num">{format.hours(person.attendedHours)}</td>
                    <td className="training-num">{format.percent(person.attendancePercent)}</td>
                    <td className="training-num">{format.score(person.postScore)}</td>
                    <td>
                      <CompletionCell programme={programme} person={person} />
                    </td>
                    <td>
                      {person.attendedHours === 0 && (
                        <Button
                          variant="quiet"
                          aria-label={t('participants.removeNamed', {
                            name: person.fullName ?? t('participants.erased'),
                          })}
                          onPress={() => {
                            setDone(undefined);
                            setOpen({ kind: 'remove', person });
                          }}
                        >
                          {t('participants.remove')}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      {open?.kind === 'add' && (
        <ParticipantDialog
          programmeId={programme.id}
          onClose={(enrolled) => {
            setOpen(undefined);
            if (enrolled) setDone(t('participants.added'));
          }}
        />
      )}
      {open?.kind === 'remove' && (
        <RemoveDialog
          programmeId={programme.id}
          person={open.person}
          onClose={(removed) => {
            setOpen(undefined);
            if (removed) setDone(t('participants.removed'));
          }}
        />
      )}
    </section>
  );
}

function RemoveDialog({
  programmeId,
  person,
  onClose,
}: {
  programmeId: string;
  person: Enrolment;
  onClose: (removed: boolean) => void;
}) {
  const { t } = useTranslation('trainings');
  const remove = useRemoveEnrolment(programmeId);
  return (
    <ConfirmDialog
      title={t('participants.removeTitle')}
      confirm={t('participants.removeConfirm')}
      onConfirm={() => remove.mutate(person.participantId, { onSuccess: () => onClose(true) })}
      isPending={remove.isPending}
      error={remove.error}
      onCancel={() => onClose(false)}
    >
      <p>{person.fullName ?? t('participants.erased')}</p>
      <p>{t('participants.removeExplain')}</p>
    </ConfirmDialog>
  );
}
