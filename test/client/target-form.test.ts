import {
  emptyTargetForm,
  TargetForm,
  targetFormOf,
  toNewTarget,
  toTargetChange,
  type TargetFormValues,
} from '../../client/src/features/targets/target-form';
import {
  decimalOf,
  fromHundredths,
  hundredths,
} from '../../client/src/features/targets/decimal-input';
import type { Target } from '../../client/src/features/targets/target-types';

/**
 * The target editor's arithmetic: values typed the Ecuadorian way become the
 * exact decimal strings the API takes; quarters add up exactly or are
 * refused; only the chosen measure's filters are sent; an edit sends only
 * what changed.
 */
describe('values as people type them', () => {
  it.each([
    ['5.500,00', '5500'],
    ['1.250,5', '1250.5'],
    ['12,25', '12.25'],
    ['200', '200'],
    ['999.999.999.999,99', '999999999999.99'],
  ])('%s is %s', (typed, exact) => {
    expect(decimalOf(typed)).toBe(exact);
  });

  it.each(['', 'diez', '1,234,5', '12,3456', '1.000.000.000.000', '-3'])(
    '%s is not a value the API takes',
    (typed) => {
      expect(decimalOf(typed)).toBeUndefined();
    },
  );

  it('adds in hundredths, never in floats', () => {
    expect(hundredths('0.1') + hundredths('0.2')).toBe(hundredths('0.3'));
    expect(fromHundredths(hundredths('12.5') + hundredths('0.05'))).toBe('12.55');
  });
});

const PROJECT = '00000000-0000-4000-8000-000000000001';

const filled = (): TargetFormValues => ({
  ...emptyTargetForm(2026, PROJECT),
  description: ' Capacitar a servidores públicos ',
  indicator: 'Servidores capacitados',
  unitOfMeasure: 'personas',
  kind: 'people_reached',
  filters: {
    ...emptyTargetForm(2026).filters,
    campaignIds: ['00000000-0000-4000-8000-000000000009'],
    groups: ['woman'],
    // Filters of another measure, kept in the form but never sent.
    programmeIds: ['00000000-0000-4000-8000-000000000008'],
  },
  programmed: '1.250,5',
  programmedByQuarter: ['250', '300,5', '', ''],
  executingUnits: 'Dirección de Seguridad Ciudadana\n\n Dirección de Inclusión Social ',
});

describe('the target form', () => {
  it('refuses quarters that are incomplete or do not add up to the year', () => {
    const issues = (values: TargetFormValues) =>
      TargetForm.safeParse(values).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
    expect(issues(filled())).toEqual([
      ['programmedByQuarter.2', 'required_with_quarters'],
      ['programmedByQuarter.3', 'required_with_quarters'],
    ]);
    expect(issues({ ...filled(), programmedByQuarter: ['250', '300,5', '300', '400,01'] })).toEqual(
      [['programmedByQuarter', 'quarters_do_not_add_up']],
    );
    expect(issues({ ...filled(), programmedByQuarter: ['250', '300,5', '300', '400'] })).toEqual(
      [],
    );
  });

  it('refuses executing units listed twice', () => {
    const result = TargetForm.safeParse({
      ...filled(),
      programmedByQuarter: ['', '', '', ''],
      executingUnits: 'A\nB\nA',
    });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['unit_twice']);
  });

  it('sends exact decimals, the lines of units and only the chosen measure’s filters', () => {
    const values = { ...filled(), programmedByQuarter: ['250', '300,5', '300', '400'] as const };
    expect(
      toNewTarget({ ...values, programmedByQuarter: [...values.programmedByQuarter] }),
    ).toEqual({
      projectId: PROJECT,
      year: 2026,
      description: 'Capacitar a servidores públicos',
      indicator: 'Servidores capacitados',
      unitOfMeasure: 'personas',
      programmed: '1250.5',
      programmedByQuarter: ['250', '300.5', '300', '400'],
      executingUnits: ['Dirección de Seguridad Ciudadana', 'Dirección de Inclusión Social'],
      resultsDescription: null,
      planObjective: null,
      measure: {
        kind: 'people_reached',
        filters: {
          campaignIds: ['00000000-0000-4000-8000-000000000009'],
          groups: ['woman'],
        },
      },
    });
  });

  it('sends referrals’ sectors from the institutions’ list, not the trainings’', () => {
    const values: TargetFormValues = {
      ...filled(),
      kind: 'referrals_completed',
      filters: { ...filled().filters, sectors: ['security'], referralSectors: ['health'] },
    };
    expect(toNewTarget(values).measure).toEqual({
      kind: 'referrals_completed',
      filters: { sectors: ['health'] },
    });
  });

  it('an edit sends only what changed, with the version read', () => {
    const stored: Target = {
      id: '00000000-0000-4000-8000-000000000002',
      projectId: PROJECT,
      year: 2026,
      description: 'Capacitar a servidores públicos',
      indicator: 'Servidores capacitados',
      unitOfMeasure: 'personas',
      programmed: '1250.50',
      programmedByQuarter: null,
      executingUnits: ['Dirección de Seguridad Ciudadana'],
      resultsDescription: null,
      planObjective: null,
      measure: { kind: 'manual', filters: {} },
      createdBy: '00000000-0000-4000-8000-000000000003',
      createdAt: '2026-02-01T12:00:00.000Z',
      updatedAt: '2026-02-01T12:00:00.000Z',
      version: 3,
    };
    const form = targetFormOf(stored, ',');
    expect(form.programmed).toBe('1250,50');
    expect(toTargetChange(stored, form)).toBeNull();
    expect(toTargetChange(stored, { ...form, programmed: '1.250,5' })).toBeNull();
    expect(toTargetChange(stored, { ...form, programmed: '1.300' })).toEqual({
      version: 3,
      programmed: '1300',
    });
    expect(
      toTargetChange(stored, { ...form, kind: 'cases_attended', planObjective: 'Objetivo 1' }),
    ).toEqual({
      version: 3,
      planObjective: 'Objetivo 1',
      measure: { kind: 'cases_attended', filters: {} },
    });
  });
});
