import { z } from '../../ui/form/zod';
import { decimalWithin, hundredths, parseDecimal } from './decimals';
import type { NewProgramme, ProgrammeChange, ProgrammeDetail } from './training-types';
import {
  MAX_TOTAL_HOURS,
  MODALITIES,
  PROVINCES,
  SECTORS,
  type Modality,
  type Province,
} from './training-vocabularies';

const LongText = (max: number) => z.string().trim().min(1, 'required').max(max, 'too_long');
const ShortOptional = (max: number) => z.string().trim().max(max, 'too_long');

/** "No province": the programme is delivered in several, or online. */
export const NO_PROVINCE = 'none';

/**
 * The programme editor's values. Numbers stay as typed until sent (with the
 * interface's decimal separator); the province is a code or NO_PROVINCE.
 */
export const ProgrammeForm = z
  .object({
    name: LongText(200),
    topic: LongText(2000),
    targetSectors: z.array(z.enum(SECTORS)).min(1, 'choose_one'),
    partnerInstitution: ShortOptional(200),
    modality: z.string({ message: 'required' }).min(1, 'required'),
    totalHours: z
      .string()
      .trim()
      .min(1, 'required')
      .refine((text) => decimalWithin(text, 0, MAX_TOTAL_HOURS, { exclusiveMin: true }), 'hours'),
    minAttendancePercent: z
      .string()
      .trim()
      .min(1, 'required')
      .refine((text) => decimalWithin(text, 0, 100, { exclusiveMin: true }), 'percent'),
    minFinalScore: z
      .string()
      .refine((text) => decimalWithin(text, 0, 100, { optional: true }), 'score'),
    startsOn: z.string({ message: 'required' }).min(1, 'required'),
    endsOn: z.string({ message: 'required' }).min(1, 'required'),
    province: z.string(),
  })
  .superRefine((values, ctx) => {
    if (values.startsOn && values.endsOn && values.endsOn < values.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'ends_before_start' });
    }
  });
export type ProgrammeFormValues = z.infer<typeof ProgrammeForm>;

/** Form fields, named as the API names them in `errors[].path`. */
export const PROGRAMME_FIELDS = [
  'name',
  'topic',
  'targetSectors',
  'partnerInstitution',
  'modality',
  'totalHours',
  'minAttendancePercent',
  'minFinalScore',
  'startsOn',
  'endsOn',
  'province',
];

export const emptyProgrammeForm = (): ProgrammeFormValues => ({
  name: '',
  topic: '',
  targetSectors: [],
  partnerInstitution: '',
  modality: '',
  totalHours: '',
  minAttendancePercent: '80',
  minFinalScore: '',
  startsOn: '',
  endsOn: '',
  province: NO_PROVINCE,
});

const asText = (n: number | null, decimal: ',' | '.') =>
  n === null ? '' : String(n).replace('.', decimal);

export function programmeFormOf(
  programme: ProgrammeDetail,
  decimal: ',' | '.',
): ProgrammeFormValues {
  return {
    name: programme.name,
    topic: programme.topic,
    targetSectors: [...programme.targetSectors],
    partnerInstitution: programme.partnerInstitution ?? '',
    modality: programme.modality,
    totalHours: asText(programme.totalHours, decimal),
    minAttendancePercent: asText(programme.minAttendancePercent, decimal),
    minFinalScore: asText(programme.minFinalScore, decimal),
    startsOn: programme.startsOn,
    endsOn: programme.endsOn,
    province: programme.province ?? NO_PROVINCE,
  };
}

const isModality = (value: string): value is Modality =>
  (MODALITIES as readonly string[]).includes(value);
const provinceOf = (value: string): Province | null => PROVINCES.find((p) => p === value) ?? null;

export function toNewProgramme(values: ProgrammeFormValues): NewProgramme {
  const partner = values.partnerInstitution.trim();
  const minFinalScore =
    values.minFinalScore.trim() === '' ? null : parseDecimal(values.minFinalScore);
  return {
    name: values.name.trim(),
    topic: values.topic.trim(),
    targetSectors: SECTORS.filter((s) => values.targetSectors.includes(s)),
    partnerInstitution: partner === '' ? null : partner,
    modality: isModality(values.modality) ? values.modality : 'in_person',
    totalHours: parseDecimal(values.totalHours) ?? 0,
    minAttendancePercent: parseDecimal(values.minAttendancePercent) ?? 80,
    minFinalScore: minFinalScore ?? null,
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    province: provinceOf(values.province),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));
function sameNumber(a: number | null | undefined, b: number | null): boolean {
  const x = a ?? null;
  if (x === null || b === null) return x === b;
  return hundredths(x) === hundredths(b);
}

/**
 * Only what differs from the version read, with that version; null when
 * nothing changed. Sectors are compared as a set (their order means nothing).
 */
export function toProgrammeChange(
  base: ProgrammeDetail,
  values: ProgrammeFormValues,
): ProgrammeChange | null {
  const next = toNewProgramme(values);
  const change: ProgrammeChange = { version: base.version };
  if (next.name !== base.name) change.name = next.name;
  if (next.topic !== base.topic) change.topic = next.topic;
  if (!sameSet(next.targetSectors, base.targetSectors)) change.targetSectors = next.targetSectors;
  if ((next.partnerInstitution ?? null) !== base.partnerInstitution)
    change.partnerInstitution = next.partnerInstitution ?? null;
  if (next.modality !== base.modality) change.modality = next.modality;
  if (!sameNumber(next.totalHours, base.totalHours)) change.totalHours = next.totalHours;
  if (!sameNumber(next.minAttendancePercent, base.minAttendancePercent))
    change.minAttendancePercent = next.minAttendancePercent;
  if (!sameNumber(next.minFinalScore, base.minFinalScore))
    change.minFinalScore = next.minFinalScore ?? null;
  if (next.startsOn !== base.startsOn) change.startsOn = next.startsOn;
  if (next.endsOn !== base.endsOn) change.endsOn = next.endsOn;
  if ((next.province ?? null) !== base.province) change.province = next.province ?? null;
  return Object.keys(change).length > 1 ? change : null;
}
