import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { ScrollRegion } from '../../ui/charts';
import { ErrorSummary, type SummaryItem } from '../../ui/ErrorSummary';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { sheetOrder } from './attendance-sheet';
import { hundredths } from './decimals';
import { LeaveGuard } from './LeaveGuard';
import { scoreEntries, scoreError, scoreTexts, type ScoreTexts } from './scores';
import { useTrainingFormat, useTrainingProblems } from './useTrainingText';
import { useRoster, useSaveScores, type Enrolment, type ProgrammeDetail } from './useTrainings';

/**
 * The initial and final evaluation scores of everyone enrolled, in one
 * compact grid saved at once (only the scores changed are sent). An empty box
 * is no score; completion, when the programme asks for a final score, follows
 * from the saved scores.
 */
export function ScoresSection({ programme }: { programme: ProgrammeDetail }) {
  const { t } = useTranslation('trainings');
  const roster = useRoster(programme.id);
  return (
    <section className="training-section" aria-labelledby="scores-title">
      <h2 id="scores-title">{t('scores.title')}</h2>
      <p className="field__description">
        {programme.minFinalScore === null
          ? t('scores.helpNoMinimum')
          : t('scores.helpMinimum', { score: programme.minFinalScore })}
      </p>
      {roster.isPending && <Loading />}
      {roster.isError && <ProblemMessage error={roster.error} />}
      {roster.isSuccess && roster.data.items.length === 0 && <p>{t('participants.none')}</p>}
      {roster.isSuccess && roster.data.items.length > 0 && (
        <ScoresGrid programmeId={programme.id} roster={roster.data.items} />
      )}
    </section>
  );
}

function ScoresGrid({ programmeId, roster }: { programmeId: string; roster: Enrolment[] }) {
  const { t } = useTranslation('trainings');
  const format = useTrainingFormat();
  const problems = useTrainingProblems();
  const save = useSaveScores(programmeId);
  const people = useMemo(() => sheetOrder(roster, format.locale), [roster, format.locale]);
  const [texts, setTexts] = useState<Record<string, ScoreTexts>>(() =>
    scoreTexts(roster, format.decimal),
  );
  const [attempted, setAttempted] = useState(false);
  const [done, setDone] = useState<string>();
  // Compared by value with the roster as last read (saving reads it again).
  const entries = scoreEntries(roster, texts);
  const dirty = entries === null || entries.length > 0;
  const cellErrors: SummaryItem[] = attempted
    ? people.flatMap((p) =>
        (['pre', 'post'] as const).flatMap((which) => {
          const code = scoreError(texts[p.participantId]?.[which] ?? '');
          return code
            ? [
                {
                  fieldId: `score-${p.participantId}-${which}`,
                  message: `${p.fullName ?? t('participants.erased')} · ${
                    which === 'pre' ? t('scores.pre') : t('scores.post')
                  }: ${t(`fieldErrors.${code}`)}`,
                },
              ]
            : [];
        }),
      )
    : [];

  const setText = (participantId: string, which: 'pre' | 'post', value: string) => {
    setDone(undefined);
    setTexts((current) => ({
      ...current,
      [participantId]: { ...(current[participantId] ?? { pre: '', post: '' }), [which]: value },
    }));
  };

  const submit = () => {
    setAttempted(true);
    setDone(undefined);
    if (entries === null) return;
    if (entries.length === 0) {
      setDone(t('scores.nothing'));
      return;
    }
    save.mutate(
      { entries },
      {
        onSuccess: () => {
          setAttempted(false);
          setDone(t('scores.saved', { count: entries.length }));
        },
      },
    );
  };

  const gain = (p: Enrolment) => {
    if (p.preScore === null || p.postScore === null) return null;
    return (hundredths(p.postScore) - hundredths(p.preScore)) / 100;
  };

  return (
    <form
      noValidate
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <ErrorSummary items={cellErrors} />
      {save.isError && <ProblemMessage error={save.error} messages={problems} />}
      <ScrollRegion label={t('scores.caption')}>
        <table className="table scores-grid">
          <caption className="visually-hidden">{t('scores.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('participants.fullName')}</th>
              <th scope="col" id="scores-pre" className="training-num">
                {t('scores.pre')}
              </th>
              <th scope="col" id="scores-post" className="training-num">
                {t('scores.post')}
              </th>
              <th scope="col" className="training-num">
                {t('scores.gain')}
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => {
              const rowId = `score-${p.participantId}`;
              return (
                <tr key={p.participantId}>
                  <th scope="row" id={`${rowId}-name`}>
                    {p.fullName ?? t('participants.erased')}
                  </th>
                  {(['pre', 'post'] as const).map((which) => {
                    const id = `${rowId}-${which}`;
                    const value = texts[p.participantId]?.[which] ?? '';
                    const code = attempted ? scoreError(value) : undefined;
                    return (
                      <td key={which} className="training-num">
                        <input
                          id={id}
                          className="field__input scores-grid__input"
                          inputMode="decimal"
                          autoComplete="off"
                          maxLength={6}
                          value={value}
                          disabled={save.isPending}
                          onChange={(event) => setText(p.participantId, which, event.target.value)}
                          aria-labelledby={`${rowId}-name scores-${which}`}
                          aria-invalid={code ? true : undefined}
                          aria-describedby={code ? `${id}-error` : undefined}
                        />
                        {code && (
                          <span id={`${id}-error`} className="field__error scores-grid__error">
                            {t(`fieldErrors.${code}`)}
                          </span>
                        )}
                      </td>
                    );
                  })}
                  <td className="training-num">{format.gain(gain(p))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="field__description">{t('scores.gainHelp')}</p>
      <div className="actions">
        <Button type="submit" variant="primary" isDisabled={save.isPending}>
          {save.isPending ? t('editor.saving') : t('scores.save')}
        </Button>
        {dirty && <span className="training-subtle">{t('scores.unsaved')}</span>}
      </div>
      {done && (
        <Notice tone="success" live>
          {done}
        </Notice>
      )}
      <LeaveGuard when={dirty && !save.isPending} />
    </form>
  );
}
