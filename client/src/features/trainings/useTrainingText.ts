import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import type { Option } from '../../ui/Select';
import type { Modality, Sector } from './training-vocabularies';

/** This feature's sentences for the API's refusals. */
export function useTrainingProblems(): Record<string, string> {
  const { t } = useTranslation('trainings');
  return {
    stale_version: t('problems.stale_version'),
    has_attendance: t('problems.has_attendance'),
    enrolment_in_use: t('problems.enrolment_in_use'),
    programme_in_use: t('problems.programme_in_use'),
    session_not_held: t('problems.session_not_held'),
    enrolment_full: t('problems.enrolment_full'),
    too_many_sessions: t('problems.too_many_sessions'),
    participant_erased: t('problems.participant_erased'),
    certificate_depends_on_completion: t('problems.certificate_depends_on_completion'),
    attendance_recorded: t('problems.attendance_recorded'),
    programme_sessions_outside: t('problems.programme_sessions_outside'),
    validation_failed: t('problems.validation_failed'),
    already_revoked: t('problems.already_revoked'),
    certificate_revoked: t('problems.certificate_revoked'),
    holder_erased: t('problems.holder_erased'),
    nothing_to_issue: t('problems.nothing_to_issue'),
    not_completed: t('problems.not_completed'),
    already_certified: t('problems.already_certified'),
  };
}

/** Sectors and modalities in words (the province labels are the shared vocabulary's). */
export function useTrainingLabels() {
  const { t } = useTranslation('trainings');
  const sector = (code: Sector) => t(`sector.${code}`);
  const modality = (code: Modality) => t(`modality.${code}`);
  return {
    sector,
    modality,
    sectorOptions: (codes: readonly Sector[]): Option[] =>
      codes.map((code) => ({ id: code, label: sector(code) })),
    modalityOptions: (codes: readonly Modality[]): Option[] =>
      codes.map((code) => ({ id: code, label: modality(code) })),
  };
}

/**
 * Hours, percentages, scores and counts in the interface's language: Spanish
 * follows Ecuador's conventions (88,80 %; 12,5 h), English the British ones
 * the rest of the interface uses.
 */
export function useTrainingFormat() {
  const { t, i18n } = useTranslation('trainings');
  const dates = useFormat();
  const locale = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'es-EC';
  const decimal: ',' | '.' = locale === 'es-EC' ? ',' : '.';
  const upToTwo = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const two = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  // Times as the session form takes them: a 24-hour clock.
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const weekday = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  return {
    locale,
    decimal,
    date: dates.date,
    dateTime: dates.dateTime,
    /** A session's start: its day (with the weekday) and its time. */
    sessionStart: (iso: string) =>
      t('sessions.startsAtValue', {
        day: weekday.format(new Date(iso)),
        time: time.format(new Date(iso)),
      }),
    time: (iso: string) => time.format(new Date(iso)),
    hours: (n: number) => t('format.hours', { count: n, value: upToTwo.format(n) }),
    percent: (n: number | null) => (n === null ? '—' : `${two.format(n)}\u00a0%`),
    score: (n: number | null) => (n === null ? '—' : upToTwo.format(n)),
    /** A gain of points, with its sign (+12,5 / −3). */
    gain: (n: number | null) =>
      n === null ? '—' : `${n > 0 ? '+' : n < 0 ? '−' : ''}${upToTwo.format(Math.abs(n))}`,
    count: (n: number) => count.format(n),
    /** A number as a form shows it: the interface's decimal separator, no grouping. */
    input: (n: number | null) => (n === null ? '' : String(n).replace('.', decimal)),
    period: (from: string, to: string) =>
      t('fields.periodValue', { from: dates.date(from), to: dates.date(to) }),
  };
}

export type TrainingFormat = ReturnType<typeof useTrainingFormat>;
