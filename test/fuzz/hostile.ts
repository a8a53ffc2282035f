import fc from 'fast-check';

/**
 * Hostile values and the JSON text they are written as. A body is built as a
 * tree of plain values plus two markers: `RawJson` (text written as is: a
 * number JSON.stringify cannot write, 10 000 levels of nesting) and
 * `DupKeys` (an object whose members repeat a name). Objects may carry
 * `__proto__` as an own member (see `withKey`).
 */
export class RawJson {
  constructor(readonly text: string) {}
}

export class DupKeys {
  constructor(readonly entries: [string, unknown][]) {}
}

/** An object with `key` as an own, enumerable member, even `__proto__`. */
export function withKey(target: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** JSON text of a body tree (see RawJson, DupKeys); lone surrogates are escaped as JSON.stringify does. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof DupKeys) {
    return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.keys(value).map(
      (k) => `${JSON.stringify(k)}:${toJsonText((value as Record<string, unknown>)[k])}`,
    );
    return `{${members.join(',')}}`;
  }
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

export const DEEP_LEVELS = 10_000;
export const deepArray = () => new RawJson(`${'['.repeat(DEEP_LEVELS)}${']'.repeat(DEEP_LEVELS)}`);
export const deepObject = () =>
  new RawJson(`${'{"a":'.repeat(DEEP_LEVELS)}1${'}'.repeat(DEEP_LEVELS)}`);

/** Strings every text field should survive: control characters, bidi, combining marks, emoji, injections. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udbff\udfff',
  '\u202eevil\u202c',
  '\u2066\u2067\u2068\u2069',
  `e${'\u0301'.repeat(200)}`,
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '\u200b\u200d\ufeff',
  '\uffff\ufffe',
  'Ñandú Pérez',
  '%00',
  '%2e%2e%2f',
  '../../../../etc/passwd',
  "' OR '1'='1' --",
  '"; DROP TABLE cases; --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9007199254740993',
  'null',
  'true',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-8FFF-FFFFFFFFFFFF',
  '2026-02-30',
  '0000-00-00T00:00:00Z',
  '9999-12-31T23:59:59.999+14:00',
  '\r\nSet-Cookie: x=y',
];

export const HOSTILE_NUMBERS: readonly RawJson[] = [
  '1e309',
  '-1e309',
  '-0',
  '9007199254740993',
  '1e-400',
  '123456789012345678901234567890',
  '0.1e1',
  '-2147483649',
  '4294967296',
  '1.7976931348623157e308',
  '5e-324',
].map((text) => new RawJson(text));

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A hostile value of any JSON type (no huge ones: those are separate body shapes). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(...HOSTILE_NUMBERS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, [], {}, [null], [[]], {
      length: 1e9,
    }),
  },
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2000 }),
  fc.constant<unknown>(null).map(() => withKey({}, '__proto__', { isAdmin: true, role: 'admin' })),
  fc.constantFrom(...PROTOTYPE_KEYS).map((key) => withKey({}, key, { polluted: true })),
  fc.constant<unknown>(deepArray()),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.constant('x'), { minLength: 1000, maxLength: 5000 }),
);

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof RawJson) &&
    !(value instanceof DupKeys)
  );
}

export type BodyMutation =
  | { kind: 'drop'; index: number }
  | { kind: 'replace'; index: number; value: unknown }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'prototype'; key: (typeof PROTOTYPE_KEYS)[number]; value: unknown }
  | { kind: 'duplicate'; index: number; value: unknown }
  | { kind: 'nestedHostile'; index: number; value: unknown }
  | { kind: 'wrap' };

export const bodyMutation: fc.Arbitrary<BodyMutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), index: fc.nat(20) }),
  fc.record({ kind: fc.constant('replace' as const), index: fc.nat(20), value: hostileValue }),
  fc.record({
    kind: fc.constant('extra' as const),
    key: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('id', 'role', 'version', '')),
    value: hostileValue,
  }),
  fc.record({
    kind: fc.constant('prototype' as const),
    key: fc.constantFrom(...PROTOTYPE_KEYS),
    value: fc.oneof(fc.constant({ role: 'admin', isAdmin: true }), hostileValue),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), index: fc.nat(20), value: hostileValue }),
  fc.record({
    kind: fc.constant('nestedHostile' as const),
    index: fc.nat(20),
    value: hostileValue,
  }),
  fc.record({ kind: fc.constant('wrap' as const) }),
);

/** Applies mutations to a valid-ish body; a non-object body is wrapped or replaced. */
export function mutateBody(body: unknown, mutations: readonly BodyMutation[]): unknown {
  let current = body;
  for (const mutation of mutations) current = mutateOnce(current, mutation);
  return current;
}

function mutateOnce(body: unknown, mutation: BodyMutation): unknown {
  if (mutation.kind === 'wrap') return [body];
  if (!isRecord(body)) {
    return mutation.kind === 'replace' || mutation.kind === 'nestedHostile' ? mutation.value : body;
  }
  const keys = Object.keys(body);
  const keyAt = (index: number) => (keys.length > 0 ? keys[index % keys.length] : undefined);
  switch (mutation.kind) {
    case 'drop': {
      const key = keyAt(mutation.index);
      if (key === undefined) return body;
      const copy = { ...body };
      delete copy[key];
      return copy;
    }
    case 'replace': {
      const key = keyAt(mutation.index);
      return key === undefined ? body : withKey(body, key, mutation.value);
    }
    case 'extra':
      return withKey(body, mutation.key, mutation.value);
    case 'prototype':
      return withKey(body, mutation.key, mutation.value);
    case 'duplicate': {
      const key = keyAt(mutation.index) ?? 'x';
      return new DupKeys([...Object.entries(body), [key, mutation.value]]);
    }
    case 'nestedHostile': {
      const key = keyAt(mutation.index);
      if (key === undefined) return body;
      const inner = body[key];
      return withKey(
        body,
        key,
        isRecord(inner) ? mutateOnce(inner, { ...mutation }) : [mutation.value],
      );
    }
  }
}

/** Whole bodies that are not what any endpoint takes. */
export type BodyShape =
  | { kind: 'none' }
  | { kind: 'schema' }
  | { kind: 'mutated'; mutations: BodyMutation[] }
  | { kind: 'hostile'; value: unknown }
  | { kind: 'deepObject' }
  | { kind: 'deepArray' }
  | { kind: 'hugeString'; bytes: number }
  | { kind: 'hugeArray'; items: number }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; hex: string };

const RAW_TEXTS = [
  '',
  '{',
  '{"a":}',
  "{'a':1}",
  '[1,2,',
  'null',
  '"string"',
  '123',
  'NaN',
  'undefined',
  '{"a":1}{"b":2}',
  '\ufeff{}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  `{"a":${'9'.repeat(400)}}`,
  '{"a":1e309}',
  '{"a":-0}',
  'a=1&b=2',
  '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
];

/** Invalid UTF-8: overlong '/', a lone continuation byte, an encoded surrogate, 0xFF. */
const RAW_BYTES = [
  '7b2261223a22c0af227d',
  '7b2261223a2280227d',
  '7b2261223a22eda080227d',
  'ff',
  'c0',
];

export const bodyShape: fc.Arbitrary<BodyShape> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'schema' as const }) },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('mutated' as const),
      mutations: fc.array(bodyMutation, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('hostile' as const), value: hostileValue }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  fc.constant({ kind: 'deepObject' as const }),
  fc.constant({ kind: 'deepArray' as const }),
  fc.record({
    kind: fc.constant('hugeString' as const),
    bytes: fc.constantFrom(90_000, 1_000_000),
  }),
  fc.record({ kind: fc.constant('hugeArray' as const), items: fc.constantFrom(20_000, 200_000) }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      text: fc.constantFrom(...RAW_TEXTS),
    }),
  },
  fc.record({ kind: fc.constant('bytes' as const), hex: fc.constantFrom(...RAW_BYTES) }),
);

/** The bytes of a body shape, given a schema-valid body for the operation (or undefined). */
export function bodyBytes(shape: BodyShape, valid: unknown): Buffer | undefined {
  switch (shape.kind) {
    case 'none':
      return undefined;
    case 'schema':
      return Buffer.from(toJsonText(valid ?? {}), 'utf8');
    case 'mutated':
      return Buffer.from(toJsonText(mutateBody(valid ?? {}, shape.mutations)), 'utf8');
    case 'hostile':
      return Buffer.from(toJsonText(shape.value), 'utf8');
    case 'deepObject':
      return Buffer.from(deepObject().text);
    case 'deepArray':
      return Buffer.from(
        toJsonText(isRecord(valid) ? withKey(valid, firstKey(valid), deepArray()) : deepArray()),
      );
    case 'hugeString': {
      const huge = 'é'.repeat(shape.bytes / 2);
      return Buffer.from(
        toJsonText(isRecord(valid) ? withKey(valid, firstKey(valid), huge) : huge),
      );
    }
    case 'hugeArray':
      return Buffer.from(`[${new Array<string>(shape.items).fill('0').join(',')}]`);
    case 'text':
      return Buffer.from(shape.text, 'utf8');
    case 'bytes':
      return Buffer.from(shape.hex, 'hex');
  }
}

function firstKey(value: Record<string, unknown>): string {
  return Object.keys(value)[0] ?? 'a';
}
