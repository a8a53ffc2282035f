import { z } from '../../ui/form/zod';
import { decimalWithin, hundredths, parseDecimal } from './decimals';
import type { NewSession, Programme, Session, SessionChange } from './training-types';
import { MAX_SESSION_HOURS, MAX_TRAINERS } from './training-vocabularies';

/**
 * A session: its day and time (typed in the browser's time zone, sent as an
 * instant), its hours, a place or a link (or both), and its trainers, one per
 * line.
 */
export function sessionSchema(programme: Pick<Programme, 'startsOn' | 'endsOn'>) {
  return z
    .object({
      date: z.string({ message: 'required' }).min(1, 'required'),
      time: z.string({ message: 'required' }).min(1, 'required'),
      hours: z
        .string()
        .trim()
        .min(1, 'required')
        .refine(
          (text) => decimalWithin(text, 0, MAX_SESSION_HOURS, { exclusiveMin: true }),
          'session_hours',
        ),
      place: z.string().trim().max(300, 'too_long'),
      link: z.string().trim().max(500, 'too_long'),
      trainers: z.string(),
    })
    .superRefine((values, ctx) => {
      if (values.date && (values.date < programme.startsOn || values.date > programme.endsOn)) {
        ctx.addIssue({ code: 'custom', path: ['date'], message: 'outside_programme_period' });
      }
      if (values.place.trim() === '' && values.link.trim() === '') {
        ctx.addIssue({ code: 'custom', path: ['place'], message: 'place_or_link' });
      }
      if (values.link.trim() !== '' && !/^https:\/\/[^\s/]+\.[^\s]+$/i.test(values.link.trim())) {
        ctx.addIssue({ code: 'custom', path: ['link'], message: 'link_https' });
      }
      const names = trainersOf(values.trainers);
      if (names.length > MAX_TRAINERS) {
        ctx.addIssue({ code: 'custom', path: ['trainers'], message: 'too_many_trainers' });
      } else if (names.some((name) => name.length > 200)) {
        ctx.addIssue({ code: 'custom', path: ['trainers'], message: 'too_long' });
      }
    });
}
export type SessionFormValues = z.infer<ReturnType<typeof sessionSchema>>;

/** Form fields, named as the API names them in `errors[].path` (the instant is `startsAt`). */
export const SESSION_FIELDS = ['date', 'time', 'hours', 'place', 'link', 'trainers'];

/** The trainers typed one per line: trimmed, empty lines and repeats left out. */
export function trainersOf(text: string): string[] {
  const names = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return names.filter((name, index) => names.indexOf(name) === index);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant of a local day and time (the browser's time zone), with its offset. */
export function startsAtOf(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0).toISOString();
}

function localParts(iso: string): { date: string; time: string } {
  const at = new Date(iso);
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

export function sessionFormOf(session: Session | undefined, decimal: ',' | '.'): SessionFormValues {
  if (!session) return { date: '', time: '', hours: '', place: '', link: '', trainers: '' };
  return {
    ...localParts(session.startsAt),
    hours: String(session.hours).replace('.', decimal),
    place: session.place ?? '',
    link: session.link ?? '',
    trainers: session.trainers.join('\n'),
  };
}

export function toNewSession(values: SessionFormValues): NewSession {
  const place = values.place.trim();
  const link = values.link.trim();
  return {
    startsAt: startsAtOf(values.date, values.time),
    hours: parseDecimal(values.hours) ?? 0,
    place: place === '' ? null : place,
    link: link === '' ? null : link,
    trainers: trainersOf(values.trainers),
  };
}

/** The change of a session from the version read; null when nothing changed. */
export function toSessionChange(session: Session, values: SessionFormValues): SessionChange | null {
  const next = toNewSession(values);
  const change: SessionChange = { version: session.version };
  if (new Date(next.startsAt).getTime() !== new Date(session.startsAt).getTime())
    change.startsAt = next.startsAt;
  if (hundredths(next.hours) !== hundredths(session.hours)) change.hours = next.hours;
  if ((next.place ?? null) !== session.place) change.place = next.place ?? null;
  if ((next.link ?? null) !== session.link) change.link = next.link ?? null;
  if ((next.trainers ?? []).join('\n') !== session.trainers.join('\n'))
    change.trainers = next.trainers ?? [];
  return Object.keys(change).length > 1 ? change : null;
}
