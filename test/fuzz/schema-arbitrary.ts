import fc from 'fast-check';

/**
 * A small converter from the OpenAPI document's JSON schemas (3.1, as
 * zod-to-openapi writes them) to fast-check arbitraries of values that are
 * valid, or nearly: the keywords the document uses are honoured, anything
 * else is ignored (the mutations make the invalid ones on purpose).
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

export type Components = Record<string, JsonSchema>;

/** Values the generator may use for an id: records that exist, so that some requests go deep. */
export interface IdPool {
  uuids: readonly string[];
}

const MAX_DEPTH = 6;

export function schemaArbitrary(
  schema: JsonSchema,
  components: Components,
  ids: IdPool,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = components[name];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    return schemaArbitrary(target, components, ids, depth);
  }
  if (depth > MAX_DEPTH) return fc.constant(null);
  const next = (s: JsonSchema) => schemaArbitrary(s, components, ids, depth + 1);
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map(next));
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(next));
  if (schema.allOf) {
    return fc
      .tuple(...schema.allOf.map(next))
      .map((parts) => Object.assign({}, ...parts.filter(isPlainObject)) as unknown);
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const nullable = schema.nullable === true || types.includes('null');
  const concrete = types.filter((type) => type !== 'null');
  if (concrete.length === 0) return nullable ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  const arbitraries = concrete.map((type) => typedArbitrary(type, schema, next, ids));
  if (nullable) arbitraries.push(fc.constant(null));
  return arbitraries.length === 1 ? arbitraries[0]! : fc.oneof(...arbitraries);
}

function typedArbitrary(
  type: string,
  schema: JsonSchema,
  next: (s: JsonSchema) => fc.Arbitrary<unknown>,
  ids: IdPool,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema, ids);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1_000_001) + 1;
      const max = schema.maximum ?? (schema.exclusiveMaximum ?? 1_000_001) - 1;
      return type === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map(next));
      const item = schema.items ? next(schema.items) : fc.jsonValue({ maxDepth: 1 });
      return fc.array(item, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)),
      });
    }
    case 'object':
      return objectArbitrary(schema, next);
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function objectArbitrary(
  schema: JsonSchema,
  next: (s: JsonSchema) => fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0) {
    const extra = schema.additionalProperties;
    if (extra && typeof extra === 'object') {
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), next(extra), {
        maxKeys: 3,
      });
    }
    return fc.constant({});
  }
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of names) record[name] = next(properties[name]!);
  return fc.record(record, { requiredKeys: schema.required ?? [] });
}

function stringArbitrary(schema: JsonSchema, ids: IdPool): fc.Arbitrary<unknown> {
  switch (schema.format) {
    case 'uuid':
      return ids.uuids.length > 0
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids.uuids) }, fc.uuid())
        : fc.uuid();
    case 'date':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    case 'binary':
      return fc.string();
  }
  if (schema.pattern) {
    const matching = fc.stringMatching(new RegExp(schema.pattern));
    return schema.maxLength === undefined
      ? matching
      : matching.filter(
          (s) => s.length <= schema.maxLength! && s.length >= (schema.minLength ?? 0),
        );
  }
  return fc.string({
    minLength: schema.minLength ?? 0,
    maxLength: Math.min(schema.maxLength ?? 40, Math.max(schema.minLength ?? 0, 40)),
    unit: 'grapheme',
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
