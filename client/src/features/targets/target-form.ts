import { z } from '../../ui/form/zod';
import { decimalOf, hundredths } from './decimal-input';
import type { MeasureInput, MeasureKind, NewTarget, Target, TargetChange } from './target-types';
import {
  MAX_EXECUTING_UNITS,
  MEASURE_FILTERS,
  MEASURE_KINDS,
  type FilterName,
} from './target-vocabularies';

/**
 * The target editor's values. Values stay as typed until sent; executing
 * units are typed one per line; the filters of every measure are kept (a
 * change of measure does not lose what was chosen) and only the chosen
 * measure's are sent.
 */
const Text = (max: number) => z.string().trim().min(1, 'required').max(max, 'too_long');
const Optional = (max: number) => z.string().trim().max(max, 'too_long');
const Value = z.string().refine((text) => decimalOf(text) !== undefined, 'decimal');
const OptionalValue = z
  .string()
  .refine((text) => text.trim() === '' || decimalOf(text) !== undefined, 'decimal');

/** The lines of a text box, trimmed, empty ones left out. */
export const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

export const TargetForm = z
  .object({
    projectId: z.string({ message: 'required' }).min(1, 'required'),
    year: z.string({ message: 'required' }).min(1, 'required'),
    description: Text(1000),
    indicator: Text(500),
    unitOfMeasure: Text(100),
    kind: z.enum(MEASURE_KINDS, { message: 'required' }),
    filters: z.object({
      programmeIds: z.array(z.string()),
      sectors: z.array(z.string()),
      provinces: z.array(z.string()),
      campaignIds: z.array(z.string()),
      channels: z.array(z.string()),
      groups: z.array(z.string()),
      referralSectors: z.array(z.string()),
    }),
    programmed: Value,
    programmedByQuarter: z.tuple([OptionalValue, OptionalValue, OptionalValue, OptionalValue]),
    executingUnits: z.string().refine((text) => linesOf(text).length > 0, 'required'),
    planObjective: Optional(1000),
    resultsDescription: Optional(4000),
  })
  .superRefine((values, ctx) => {
    const units = linesOf(values.executingUnits);
    if (units.length > MAX_EXECUTING_UNITS) {
      ctx.addIssue({ code: 'custom', path: ['executingUnits'], message: 'too_many_units' });
    } else if (units.some((unit) => unit.length > 200)) {
      ctx.addIssue({ code: 'custom', path: ['executingUnits'], message: 'unit_too_long' });
    } else if (new Set(units).size < units.length) {
      ctx.addIssue({ code: 'custom', path: ['executingUnits'], message: 'unit_twice' });
    }
    // Quarters: none, or all four adding up to the year's value exactly.
    const quarters = values.programmedByQuarter.map((text) => text.trim());
    if (quarters.every((text) => text === '')) return;
    quarters.forEach((text, index) => {
      if (text === '') {
        ctx.addIssue({
          code: 'custom',
          path: ['programmedByQuarter', index],
          message: 'required_with_quarters',
        });
      }
    });
    const year = decimalOf(values.programmed);
    const exact = quarters.map(decimalOf);
    if (year === undefined || exact.some((q) => q === undefined)) return;
    const sum = exact.reduce((total, q) => total + hundredths(q ?? '0'), 0n);
    if (sum !== hundredths(year)) {
      ctx.addIssue({
        code: 'custom',
        path: ['programmedByQuarter'],
        message: 'quarters_do_not_add_up',
      });
    }
  });
export type TargetFormValues = z.infer<typeof TargetForm>;
type FormFilters = TargetFormValues['filters'];

/** Form fields, named as the API names them in `errors[].path`. */
export const TARGET_FIELDS = [
  'projectId',
  'year',
  'description',
  'indicator',
  'unitOfMeasure',
  'measure',
  'programmed',
  'programmedByQuarter',
  'executingUnits',
  'planObjective',
  'resultsDescription',
];

const noFilters = (): FormFilters => ({
  programmeIds: [],
  sectors: [],
  provinces: [],
  campaignIds: [],
  channels: [],
  groups: [],
  referralSectors: [],
});

export const emptyTargetForm = (year: number, projectId = ''): TargetFormValues => ({
  projectId,
  year: String(year),
  description: '',
  indicator: '',
  unitOfMeasure: '',
  kind: undefined as unknown as MeasureKind,
  filters: noFilters(),
  programmed: '',
  programmedByQuarter: ['', '', '', ''],
  executingUnits: '',
  planObjective: '',
  resultsDescription: '',
});

/** The form's box for a filter: referrals' sectors are institutions', not trainings'. */
export const formFilter = (kind: MeasureKind, filter: FilterName): keyof FormFilters =>
  filter === 'sectors' && kind === 'referrals_completed' ? 'referralSectors' : filter;

/** The chosen measure with the filters it takes; an empty filter is not sent (nothing restricted). */
export function measureOf(values: Pick<TargetFormValues, 'kind' | 'filters'>): MeasureInput {
  const filters: Partial<Record<FilterName, string[]>> = {};
  for (const filter of MEASURE_FILTERS[values.kind]) {
    const chosen = values.filters[formFilter(values.kind, filter)];
    if (chosen.length > 0) filters[filter] = [...chosen];
  }
  return { kind: values.kind, filters } as MeasureInput;
}

const optional = (text: string) => (text.trim() === '' ? null : text.trim());

function quartersOf(values: TargetFormValues): [string, string, string, string] | null {
  const quarters = values.programmedByQuarter.map((text) => decimalOf(text));
  if (values.programmedByQuarter.every((text) => text.trim() === '')) return null;
  return quarters.map((q) => q ?? '0') as [string, string, string, string];
}

export function toNewTarget(values: TargetFormValues): NewTarget {
  return {
    projectId: values.projectId,
    year: Number(values.year),
    description: values.description.trim(),
    indicator: values.indicator.trim(),
    unitOfMeasure: values.unitOfMeasure.trim(),
    programmed: decimalOf(values.programmed) ?? '0',
    programmedByQuarter: quartersOf(values),
    executingUnits: linesOf(values.executingUnits),
    resultsDescription: optional(values.resultsDescription),
    planObjective: optional(values.planObjective),
    measure: measureOf(values),
  };
}

/** The form of a stored target; values with the interface's decimal separator. */
export function targetFormOf(target: Target, decimal: ',' | '.'): TargetFormValues {
  const input = (exact: string) => exact.replace('.', decimal);
  const filters = noFilters();
  for (const filter of MEASURE_FILTERS[target.measure.kind]) {
    filters[formFilter(target.measure.kind, filter)] = [...(target.measure.filters[filter] ?? [])];
  }
  const quarters = target.programmedByQuarter;
  return {
    projectId: target.projectId,
    year: String(target.year),
    description: target.description,
    indicator: target.indicator,
    unitOfMeasure: target.unitOfMeasure,
    kind: target.measure.kind,
    filters,
    programmed: input(target.programmed),
    programmedByQuarter: quarters
      ? [
          input(quarters[0] ?? ''),
          input(quarters[1] ?? ''),
          input(quarters[2] ?? ''),
          input(quarters[3] ?? ''),
        ]
      : ['', '', '', ''],
    executingUnits: target.executingUnits.join('\n'),
    planObjective: target.planObjective ?? '',
    resultsDescription: target.resultsDescription ?? '',
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

function sameMeasure(a: MeasureInput, b: Target['measure']): boolean {
  if (a.kind !== b.kind) return false;
  const chosen = a.filters as Partial<Record<FilterName, string[]>>;
  return MEASURE_FILTERS[a.kind].every((filter) =>
    sameSet(chosen[filter] ?? [], b.filters[filter] ?? []),
  );
}

const sameValue = (a: string, b: string) => hundredths(a) === hundredths(b);

/** Only what differs from the version read, with that version; null when nothing changed. */
export function toTargetChange(base: Target, values: TargetFormValues): TargetChange | null {
  const next = toNewTarget(values);
  const change: TargetChange = { version: base.version };
  if (next.description !== base.description) change.description = next.description;
  if (next.indicator !== base.indicator) change.indicator = next.indicator;
  if (next.unitOfMeasure !== base.unitOfMeasure) change.unitOfMeasure = next.unitOfMeasure;
  if (!sameValue(next.programmed, base.programmed)) change.programmed = next.programmed;
  const quarters = next.programmedByQuarter ?? null;
  const baseQuarters = base.programmedByQuarter;
  if (
    (quarters === null) !== (baseQuarters === null) ||
    (quarters !== null &&
      baseQuarters !== null &&
      !quarters.every((q, i) => sameValue(q, baseQuarters[i] ?? '0')))
  ) {
    change.programmedByQuarter = quarters;
  }
  if (!sameList(next.executingUnits, base.executingUnits))
    change.executingUnits = next.executingUnits;
  if ((next.resultsDescription ?? null) !== base.resultsDescription)
    change.resultsDescription = next.resultsDescription ?? null;
  if ((next.planObjective ?? null) !== base.planObjective)
    change.planObjective = next.planObjective ?? null;
  if (!sameMeasure(next.measure, base.measure)) change.measure = next.measure;
  return Object.keys(change).length > 1 ? change : null;
}
