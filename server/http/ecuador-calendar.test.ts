import { ecuadorDate, periodBounds, quarterPeriod, yearToDate } from './ecuador-calendar';

describe("Ecuador's calendar", () => {
  it("counts days in Ecuador: 03:00 UTC on 1 January is still the old year's last day", () => {
    expect(ecuadorDate(new Date('2026-01-01T03:00:00Z'))).toBe('2025-12-31');
    expect(ecuadorDate(new Date('2027-01-01T04:59:59Z'))).toBe('2026-12-31');
    expect(ecuadorDate(new Date('2027-01-01T05:00:00Z'))).toBe('2027-01-01');
  });

  it('gives the days of a year and of each quarter', () => {
    expect(periodBounds({ year: 2024, quarter: null })).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(periodBounds({ year: 2024, quarter: 1 })).toEqual({
      from: '2024-01-01',
      to: '2024-03-31',
    });
    expect(periodBounds({ year: 2024, quarter: 2 })).toEqual({
      from: '2024-04-01',
      to: '2024-06-30',
    });
    expect(periodBounds({ year: 2023, quarter: 3 }).to).toBe('2023-09-30');
    expect(periodBounds({ year: 2023, quarter: 4 }).to).toBe('2023-12-31');
    expect(periodBounds({ year: 2028, quarter: 1 })).toEqual({
      from: '2028-01-01',
      to: '2028-03-31',
    });
    expect(() => periodBounds({ year: 2023, quarter: 5 })).toThrow(RangeError);
    expect(quarterPeriod(2025, 2)).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(yearToDate(2025, 3)).toEqual({ from: '2025-01-01', to: '2025-09-30' });
  });
});
