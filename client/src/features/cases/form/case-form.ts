import { z } from '../../../ui/form/zod';
import type { components } from '../../../api/schema';
import {
  CONTROL_METHODS,
  EXPLOITATION_TYPES,
  GENDERS,
  MIGRANT_STATUSES,
  RECRUITMENT_METHODS,
  RISK_LEVELS,
  STATUS_DETERMINERS,
  TRAFFICKING_STATUSES,
  VULNERABILITY_GROUPS,
} from './case-vocabularies';

type Schemas = components['schemas'];
export type CaseIdentity = NonNullable<Schemas['CaseIdentity']>;
export type CaseAttributes = NonNullable<Schemas['CaseAttributes']>;

/*
 * The form mirrors the API's shape (identity.*, attributes.*) so that a
 * server field error `body.identity.phone` lands on `identity.phone`.
 * Messages are i18n keys (cases:fieldErrors, then ui:fieldErrors). The checks
 * mirror server/modules/cases/cases.schemas.ts; the server decides.
 */
const text = (max: number) => z.string().trim().max(max, 'too_long');
const requiredText = (max: number) => text(max).min(1, 'required');
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).optional();
const requiredChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: 'required' });
const PHONE = /^\+?[0-9 ()-]{6,40}$/;

const identity = z.object({
  fullName: requiredText(200),
  aliases: text(500),
  dateOfBirth: z.iso.date('invalid_date').optional(),
  documentType: text(60),
  documentNumber: text(60),
  phone: text(40).refine((v) => v === '' || PHONE.test(v), 'phone'),
  email: text(254).refine((v) => v === '' || z.email().safeParse(v).success, 'email'),
  address: text(500),
  emergencyContact: text(500),
  narrative: text(20_000),
  healthNotes: text(10_000),
  legalNotes: text(10_000),
  educationNotes: text(10_000),
});

const attributes = z.object({
  sex: requiredChoice(GENDERS),
  ageAtIdentification: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) <= 120), 'age'),
  nationality: z.string().optional(),
  migrantStatus: optionalChoice(MIGRANT_STATUSES),
  province: text(100),
  canton: text(100),
  traffickingStatus: requiredChoice(TRAFFICKING_STATUSES),
  statusDeterminedBy: optionalChoice(STATUS_DETERMINERS),
  exploitationTypes: z.array(z.enum(EXPLOITATION_TYPES)),
  recruitmentMethods: z.array(z.enum(RECRUITMENT_METHODS)),
  controlMethods: z.array(z.enum(CONTROL_METHODS)),
  vulnerabilityGroups: z.array(z.enum(VULNERABILITY_GROUPS)),
  identifyingAgencyId: z.string().optional(),
  language: z.string().optional(),
});

export const CaseForm = z.object({
  identifiedOn: z.iso.date('invalid_date').optional(),
  riskLevel: requiredChoice(RISK_LEVELS),
  identity,
  attributes,
});
export type CaseFormValues = z.infer<typeof CaseForm>;

/** Intake also needs the day the person was identified (it cannot be edited later). */
export const IntakeForm = CaseForm.extend({
  identifiedOn: z.iso.date({ error: 'required' }),
}) as unknown as typeof CaseForm; // the same values; only the check is stricter

/** Every field of the form, in reading order: for server errors, the summary and the diff. */
export const IDENTITY_FIELDS = Object.keys(identity.shape) as (keyof CaseIdentity)[];
export const ATTRIBUTE_FIELDS = Object.keys(attributes.shape) as (keyof CaseAttributes)[];
export const FORM_FIELDS = [
  'identifiedOn',
  'riskLevel',
  ...IDENTITY_FIELDS.map((f) => `identity.${f}`),
  ...ATTRIBUTE_FIELDS.map((f) => `attributes.${f}`),
] as const;

export const emptyCaseForm = (): Partial<CaseFormValues> => ({
  // Text fields start empty; a date field starts with no date at all.
  identity: Object.fromEntries(
    IDENTITY_FIELDS.filter((f) => f !== 'dateOfBirth').map((f) => [f, '']),
  ) as CaseFormValues['identity'],
  attributes: {
    ageAtIdentification: '',
    province: '',
    canton: '',
    exploitationTypes: [],
    recruitmentMethods: [],
    controlMethods: [],
    vulnerabilityGroups: [],
  } as unknown as CaseFormValues['attributes'],
});

/** Empty strings are "not given": the API wants the key absent. */
const present = <T extends object>(record: T) =>
  Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== '' && v !== undefined && v !== null),
  );

export function toIdentity(values: CaseFormValues['identity']): CaseIdentity {
  return present(values) as CaseIdentity;
}

export function toAttributes(values: CaseFormValues['attributes']): CaseAttributes {
  const { ageAtIdentification, ...rest } = values;
  return {
    ...(present(rest) as Omit<CaseAttributes, 'ageAtIdentification'>),
    ...(ageAtIdentification === '' ? {} : { ageAtIdentification: Number(ageAtIdentification) }),
  };
}

/** A stored case as the form's values (absent fields become empty). */
export function fromDetail(detail: Schemas['CaseDetail']): CaseFormValues {
  const empty = emptyCaseForm();
  const { ageAtIdentification, ...attributes } = detail.attributes;
  return {
    identifiedOn: detail.identifiedOn,
    riskLevel: detail.riskLevel,
    identity: { ...empty.identity, ...(detail.identity ?? {}) } as CaseFormValues['identity'],
    attributes: {
      ...empty.attributes,
      ...attributes,
      ageAtIdentification: ageAtIdentification === undefined ? '' : String(ageAtIdentification),
    } as CaseFormValues['attributes'],
  };
}
