import { demoCalendar, spreadDays } from './demo-dates';

/** Noon in Ecuador (UTC−5) of a day. */
const noonIn = (day: string) => new Date(`${day}T17:00:00Z`);

describe('the demo calendar', () => {
  it('holds the sessions a week apart, the last one yesterday', () => {
    const calendar = demoCalendar(noonIn('2026-11-30'));
    expect(calendar.today).toBe('2026-11-30');
    expect(calendar.year).toBe(2026);
    expect(calendar.sessionDays).toEqual([
      '2026-11-01',
      '2026-11-08',
      '2026-11-15',
      '2026-11-22',
      '2026-11-29',
    ]);
  });

  it("counts days in Ecuador: 03:00 UTC on 1 January is still the old year's last day", () => {
    expect(demoCalendar(new Date('2027-01-01T03:00:00Z')).today).toBe('2026-12-31');
  });

  it('holds them closer together early in the year, still in it', () => {
    expect(demoCalendar(noonIn('2026-01-10')).sessionDays).toEqual([
      '2026-01-01',
      '2026-01-03',
      '2026-01-05',
      '2026-01-07',
      '2026-01-09',
    ]);
  });

  it('reaches back into December in the first days of January', () => {
    expect(demoCalendar(noonIn('2026-01-03')).sessionDays).toEqual([
      '2025-12-29',
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
    ]);
    // On 1 January the whole programme is last year's.
    expect(demoCalendar(noonIn('2026-01-01')).sessionDays.at(-1)).toBe('2025-12-31');
  });

  it.each(['2026-01-01', '2026-01-03', '2026-02-15', '2026-07-01', '2026-12-31'])(
    'dates activities and budget entries in the year, never after today (%s)',
    (day) => {
      const calendar = demoCalendar(noonIn(day));
      for (const date of [...calendar.activityDays, calendar.codedOn, ...calendar.accruedOn]) {
        expect(date >= '2026-01-01' && date <= day).toBe(true);
      }
      expect(calendar.accruedOn.every((date) => date >= calendar.codedOn)).toBe(true);
      expect(calendar.sessionDays.every((date) => date < day)).toBe(true);
    },
  );
});

describe('spreadDays', () => {
  it('spreads days evenly, both ends included, repeating them when the span is short', () => {
    expect(spreadDays('2026-01-01', '2026-01-09', 3)).toEqual([
      '2026-01-01',
      '2026-01-05',
      '2026-01-09',
    ]);
    expect(spreadDays('2026-01-01', '2026-01-01', 2)).toEqual(['2026-01-01', '2026-01-01']);
  });
});
