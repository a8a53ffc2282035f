import {
  ATTRIBUTE_FIELDS,
  IDENTITY_FIELDS,
  toAttributes,
  toIdentity,
  type CaseFormValues,
} from '../form/case-form';
import type { UpdateCase } from '../useCaseMutations';

/** The fields an edit can change (identifiedOn cannot be edited). */
export const EDITABLE_FIELDS = [
  'riskLevel',
  ...IDENTITY_FIELDS.map((f) => `identity.${f}`),
  ...ATTRIBUTE_FIELDS.map((f) => `attributes.${f}`),
];

export function valueAt(values: CaseFormValues, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => {
    if (node === null || typeof node !== 'object') return undefined;
    return (node as Record<string, unknown>)[key];
  }, values);
}

/** A value in a comparable form: trimmed text, sorted codes, absent = empty. */
function normal(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return [...(value as string[])].sort().join('|');
  return typeof value === 'string' ? value.trim() : JSON.stringify(value);
}

export const sameValue = (a: unknown, b: unknown) => normal(a) === normal(b);

/** The paths whose value differs between two versions of the form. */
export function changedFields(from: CaseFormValues, to: CaseFormValues): string[] {
  return EDITABLE_FIELDS.filter((path) => !sameValue(valueAt(from, path), valueAt(to, path)));
}

/** Optional fields emptied by the person: the API keeps a value once given. */
export function clearedFields(base: CaseFormValues, values: CaseFormValues): string[] {
  return changedFields(base, values).filter(
    (path) => normal(valueAt(values, path)) === '' && !Array.isArray(valueAt(values, path)),
  );
}

/** The PATCH body of only what changed, from the version the person started from. */
export function buildUpdate(
  version: number,
  base: CaseFormValues,
  values: CaseFormValues,
): UpdateCase | undefined {
  const changed = changedFields(base, values);
  if (changed.length === 0) return undefined;
  const pick = <T extends object>(all: T, group: string): Partial<T> =>
    Object.fromEntries(
      Object.entries(all).filter(([key]) => changed.includes(`${group}.${key}`)),
    ) as Partial<T>;
  const identity = pick(toIdentity(values.identity), 'identity') as UpdateCase['identity'] & object;
  const attributes = pick(
    toAttributes(values.attributes),
    'attributes',
  ) as UpdateCase['attributes'] & object;
  return {
    version,
    ...(changed.includes('riskLevel') ? { riskLevel: values.riskLevel } : {}),
    ...(Object.keys(identity).length > 0 ? { identity } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
}

function setAt(values: CaseFormValues, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  const parent = keys.reduce<Record<string, unknown>>(
    (node, key) => node[key] as Record<string, unknown>,
    values as unknown as Record<string, unknown>,
  );
  parent[last] = value;
}

export interface StaleReport {
  /** What others changed since the person loaded the case. */
  theirs: string[];
  /** Fields both changed, to different values: the server's kept, the person's shown. */
  conflicts: string[];
  /** The person's values at the moment of the refusal. */
  mine: CaseFormValues;
}

export function staleReport(
  base: CaseFormValues,
  fresh: CaseFormValues,
  mine: CaseFormValues,
): StaleReport {
  const theirs = changedFields(base, fresh);
  const typed = changedFields(base, mine);
  const conflicts = theirs.filter(
    (path) => typed.includes(path) && !sameValue(valueAt(mine, path), valueAt(fresh, path)),
  );
  return { theirs, conflicts, mine };
}

/** The fresh version with the person's own changes laid over it where they did not conflict. */
export function mergeKeeping(
  base: CaseFormValues,
  fresh: CaseFormValues,
  mine: CaseFormValues,
): CaseFormValues {
  const merged = structuredClone(fresh);
  const theirs = changedFields(base, fresh);
  for (const path of changedFields(base, mine)) {
    if (!theirs.includes(path)) setAt(merged, path, structuredClone(valueAt(mine, path)));
  }
  return merged;
}
