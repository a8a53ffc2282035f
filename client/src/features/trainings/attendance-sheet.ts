import type { AttendanceSheet, Enrolment, RecordedAttendance } from './training-types';

/** Present (true) or absent (false), by participant id. */
export type Marks = Readonly<Record<string, boolean>>;

/**
 * The sheet as last saved: each enrolled participant's recorded mark, absent
 * when nothing was recorded for them (a sheet not saved yet is all absent).
 */
export function savedMarks(roster: readonly Enrolment[], recorded: RecordedAttendance): Marks {
  const present = new Map(recorded.entries.map((e) => [e.participantId, e.present]));
  return Object.fromEntries(
    roster.map((p) => [p.participantId, present.get(p.participantId) ?? false]),
  );
}

/** The whole sheet, every enrolled participant once (the API replaces what was recorded). */
export function sheetOf(roster: readonly Enrolment[], marks: Marks): AttendanceSheet {
  return {
    entries: roster.map((p) => ({
      participantId: p.participantId,
      present: marks[p.participantId] ?? false,
    })),
  };
}

export const presentCount = (marks: Marks) => Object.values(marks).filter(Boolean).length;

/** How many marks differ from the saved sheet. */
export function changedCount(saved: Marks, marks: Marks): number {
  return Object.keys(marks).filter((id) => (saved[id] ?? false) !== marks[id]).length;
}

export const allPresent = (marks: Marks): Marks =>
  Object.fromEntries(Object.keys(marks).map((id) => [id, true]));

/** Today's date in Ecuador (YYYY-MM-DD): attendance is recorded on or after a session's day. */
export const todayInEcuador = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(now);

/** People sorted as a sheet lists them: by name (erased participants last). */
export function sheetOrder(roster: readonly Enrolment[], locale: string): Enrolment[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return [...roster].sort((a, b) => {
    if (a.fullName === null || b.fullName === null) {
      return a.fullName === b.fullName ? 0 : a.fullName === null ? 1 : -1;
    }
    return collator.compare(a.fullName, b.fullName);
  });
}
