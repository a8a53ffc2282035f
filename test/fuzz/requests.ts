import fc from 'fast-check';
import { ACTOR_ROLES, type ActorRole } from '../../server/db/actor-transaction';
import { RAW_TRICKS, type RawTrick } from './http-send';
import { bodyBytes, bodyMutation, bodyShape, HOSTILE_STRINGS, type BodyShape } from './hostile';
import { schemaArbitrary, type Components, type IdPool, type JsonSchema } from './schema-arbitrary';

/** One operation of the OpenAPI document. */
export interface Operation {
  method: string;
  /** As documented: `/api/v1/cases/{id}`. */
  template: string;
  parameters: { name: string; in: 'path' | 'query' | 'header'; schema: JsonSchema }[];
  body?: { contentType: string; schema: JsonSchema };
}

interface OpenApiOperation {
  parameters?: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Components };
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = Object.entries(op.requestBody?.content ?? {})[0];
      operations.push({
        method: method.toUpperCase(),
        template,
        parameters: (op.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in as 'path' | 'query' | 'header',
          schema: p.schema,
        })),
        ...(content ? { body: { contentType: content[0], schema: content[1].schema } } : {}),
      });
    }
  }
  return operations;
}

export type Who = ActorRole | 'anonymous';
export const WHO: readonly Who[] = ['anonymous', ...ACTOR_ROLES];

/** How the session travels: the role's cookie, none, garbage, or several. */
export type CookieMode = 'session' | 'none' | 'garbage' | 'several' | 'forged' | 'huge';
export type CsrfMode = 'valid' | 'none' | 'wrong' | 'other-session';

/** A request as generated: everything but the live session cookie and CSRF token. */
export interface Draft {
  operation: string;
  method: string;
  /** Path and query as sent on the request line (latin1: one char, one byte). */
  target: string;
  who: Who;
  cookie: CookieMode;
  csrf: CsrfMode;
  headers: [string, string][];
  /** A body is built at send time (1 MB bodies are not kept by the thousand). */
  body?: { shape: BodyShape; valid: unknown; contentType: string | undefined };
  /** Sent over a raw socket with this corruption: things Node's own HTTP client refuses to write. */
  raw: RawTrick | null;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];
const ODD_METHODS = ['PROPFIND', 'FOO', 'get', 'CONNECT'];

/** Malformed spellings of an id in a path segment. */
const BAD_IDS = [
  'x',
  '1',
  '0',
  '-1',
  'null',
  'undefined',
  '%00',
  '%2F',
  'a%2Fb',
  '%2e%2e',
  '..',
  '.',
  '%252e%252e%252f',
  '%C0%AF',
  '%ED%A0%80',
  '%E2%80%AE',
  '%F0%9F%98%80',
  "'%20OR%201=1--",
  '{00000000-0000-4000-8000-000000000000}',
  '00000000-0000-4000-8000-00000000000',
  '00000000000040008000000000000000',
  'zzzzzzzz-zzzz-4zzz-8zzz-zzzzzzzzzzzz',
  '%',
  '%zz',
  'TRT-2026-000001',
  'a'.repeat(5000),
];

/** `value` one time in `oneIn` (or all but one in `oneIn` when `mostly`), null otherwise. */
function sometimes<T>(
  value: fc.Arbitrary<T>,
  oneIn: number,
  mostly = false,
): fc.Arbitrary<T | null> {
  const none = fc.constant(null);
  return mostly
    ? fc.oneof({ weight: oneIn - 1, arbitrary: value }, { weight: 1, arbitrary: none })
    : fc.oneof({ weight: oneIn - 1, arbitrary: none }, { weight: 1, arbitrary: value });
}

export type IdsFor = (template: string, param: string) => readonly string[];

interface GenerationContext {
  components: Components;
  idsFor: IdsFor;
  allIds: IdPool;
}

function pathSegmentArbitrary(
  op: Operation,
  param: Operation['parameters'][number],
  context: GenerationContext,
): fc.Arbitrary<string> {
  const real = context.idsFor(op.template, param.name);
  const fromSchema = schemaArbitrary(param.schema, context.components, context.allIds).map((v) =>
    percentEncode(String(v)),
  );
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 3, arbitrary: fromSchema },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_IDS) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map((s) => percentEncode(s) || '%20'),
    },
  ];
  if (real.length > 0) {
    options.push({ weight: 6, arbitrary: fc.constantFrom(...real) });
    options.push({ weight: 2, arbitrary: fc.constantFrom(...real).map((id) => id.toUpperCase()) });
  }
  return fc.oneof(...options);
}

/** Encodes a query value; sometimes leaves raw percent garbage in. */
const queryValue = (context: GenerationContext, schema: JsonSchema) =>
  fc
    .oneof(
      {
        weight: 5,
        arbitrary: schemaArbitrary(schema, context.components, context.allIds).map(String),
      },
      { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    )
    .map((v) => percentEncode(v));

const RAW_QUERY = [
  '%',
  '%zz',
  '%C0%AF',
  '%ED%A0%80',
  '%00',
  '&&&',
  '==',
  'a[b]=1',
  'a[]=1&a[]=2',
  '__proto__[x]=1',
  'constructor.prototype.x=1',
  ';',
];

function queryArbitrary(
  op: Operation,
  context: GenerationContext,
  clean = false,
): fc.Arbitrary<string> {
  const declared = op.parameters.filter((p) => p.in === 'query');
  if (clean) {
    const chosen = declared.map((p) =>
      fc.option(
        schemaArbitrary(p.schema, context.components, context.allIds).map(
          (v) => `${p.name}=${percentEncode(String(v))}`,
        ),
        { freq: 2 },
      ),
    );
    return fc.tuple(...chosen).map((parts) => {
      const present = parts.filter((p): p is string => p !== null);
      return present.length > 0 ? `?${present.join('&')}` : '';
    });
  }
  const pairs = declared.map((p) =>
    fc.option(
      fc
        .tuple(fc.constant(p.name), queryValue(context, p.schema), fc.boolean())
        .map(([name, value, twice]) =>
          twice ? `${name}=${value}&${name}=${value}x` : `${name}=${value}`,
        ),
      { freq: 2 },
    ),
  );
  return fc
    .tuple(
      fc.tuple(...pairs),
      sometimes(fc.constantFrom(...RAW_QUERY), 6),
      sometimes(
        fc.tuple(
          fc.constantFrom('limit[]', 'cursor[a]', 'x', '__proto__', 'constructor'),
          fc.constantFrom('1', '%00', 'a'.repeat(3000)),
        ),
        8,
      ),
    )
    .map(([chosen, raw, extra]) => {
      const parts = chosen.filter((p): p is string => p !== null);
      if (raw !== null) parts.push(raw);
      if (extra !== null) parts.push(`${extra[0]}=${extra[1]}`);
      return parts.length > 0 ? `?${parts.join('&')}` : '';
    });
}

/** Path tricks applied to the whole path: case, slashes, encoded separators, dot segments. */
type PathTrick =
  | 'none'
  | 'trailingSlash'
  | 'doubleSlash'
  | 'upperCase'
  | 'encodedSlash'
  | 'dotSegment'
  | 'encodedDot'
  | 'suffix'
  | 'semicolon';

function applyTrick(path: string, trick: PathTrick): string {
  switch (trick) {
    case 'none':
      return path;
    case 'trailingSlash':
      return `${path}/`;
    case 'doubleSlash':
      return path.replace('/api/v1/', '/api//v1/');
    case 'upperCase':
      return path.replace(/\/([a-z-]+)/, (_m, word: string) => `/${word.toUpperCase()}`);
    case 'encodedSlash':
      return path.replace(/\/(?=[^/]*$)/, '%2F');
    case 'dotSegment':
      return path.replace('/api/v1/', '/api/v1/./x/../');
    case 'encodedDot':
      return path.replace('/api/v1/', '/api/v1/%2e%2e/v1/');
    case 'suffix':
      return `${path}.json`;
    case 'semicolon':
      return `${path};jsessionid=1`;
  }
}

const pathTrick: fc.Arbitrary<PathTrick> = fc.oneof(
  { weight: 30, arbitrary: fc.constant<PathTrick>('none') },
  {
    weight: 8,
    arbitrary: fc.constantFrom<PathTrick>(
      'trailingSlash',
      'doubleSlash',
      'upperCase',
      'encodedSlash',
      'dotSegment',
      'encodedDot',
      'suffix',
      'semicolon',
    ),
  },
);

const UUID_UPPER = fc.uuid().map((u) => u.toUpperCase());
const requestIdHeaders: fc.Arbitrary<[string, string][]> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<[string, string][]>([]) },
  fc.uuid().map((u) => [['X-Request-Id', u]] as [string, string][]),
  UUID_UPPER.map((u) => [['x-ReQuEsT-iD', u]] as [string, string][]),
  fc.tuple(fc.uuid(), fc.uuid()).map(
    ([a, b]) =>
      [
        ['X-Request-Id', a],
        ['x-request-id', b],
      ] as [string, string][],
  ),
  fc
    .constantFrom(
      '',
      ' ',
      'x'.repeat(8000),
      'Ñandú',
      '\u00ff\u00fe',
      '../../x',
      "' OR 1=1",
      '0'.repeat(36),
    )
    .map((v) => [['X-Request-Id', v]] as [string, string][]),
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'application/json;charset="utf-8"',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=koi8-r',
  'application/json-patch+json',
  'application/problem+json',
  'application/merge-patch+json',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/pdf',
  'image/png',
  ';;;',
  'application/json; boundary',
  '*/*',
];

const contentTypeChoice = (declared: string | undefined) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(declared) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  );

const otherHeaders: fc.Arbitrary<[string, string][]> = fc
  .tuple(
    sometimes(
      fc.constantFrom(
        '*/*',
        'text/html',
        'application/xml',
        'application/json;q=0',
        'application/problem+json',
        '\u00ff\u00fe',
        'x'.repeat(4000),
      ),
      4,
    ),
    sometimes(fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'identity, gzip'), 20),
    sometimes(
      fc.constantFrom<[string, string]>(
        ['Origin', 'https://evil.example'],
        ['Origin', 'null'],
        ['Sec-Fetch-Site', 'cross-site'],
        ['Sec-Fetch-Site', 'same-origin'],
        ['X-Forwarded-For', 'not-an-ip, 999.1.1.1'],
        ['X-Forwarded-Proto', 'http'],
        ['X-HTTP-Method-Override', 'DELETE'],
        ['Range', 'bytes=0-1,5-'],
        ['If-None-Match', '*'],
        ['Expect', '100-continue'],
      ),
      10,
    ),
  )
  .map(([accept, encoding, extra]) => {
    const headers: [string, string][] = [];
    if (accept !== null) headers.push(['Accept', accept]);
    if (encoding !== null) headers.push(['Content-Encoding', encoding]);
    if (extra !== null) headers.push(extra);
    return headers;
  });

const cookieMode: fc.Arbitrary<CookieMode> = fc.oneof(
  { weight: 20, arbitrary: fc.constant<CookieMode>('session') },
  fc.constantFrom<CookieMode>('none', 'garbage', 'several', 'forged', 'huge'),
);
const csrfMode: fc.Arbitrary<CsrfMode> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<CsrfMode>('valid') },
  fc.constantFrom<CsrfMode>('none', 'wrong', 'other-session'),
);

/** Every method on the path that the document does not list, plus some no server knows. */
function wrongMethods(template: string, operations: Operation[]): string[] {
  const listed = new Set(operations.filter((o) => o.template === template).map((o) => o.method));
  return [...METHODS.filter((m) => !listed.has(m)), ...ODD_METHODS];
}

export function draftArbitrary(
  operations: Operation[],
  context: GenerationContext,
): fc.Arbitrary<Draft> {
  const perOperation = operations.map((op) => {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const segments = fc.tuple(...pathParams.map((p) => pathSegmentArbitrary(op, p, context)));
    const valid =
      op.body?.contentType === 'application/json'
        ? schemaArbitrary(op.body.schema, context.components, context.allIds)
        : fc.constant(undefined);
    const shape: fc.Arbitrary<BodyShape> = op.body
      ? op.body.contentType === 'application/json'
        ? bodyShape
        : fc.constantFrom<BodyShape>(
            { kind: 'bytes', hex: '25504446' },
            { kind: 'text', text: '%PDF-1.4\n' },
            { kind: 'bytes', hex: '89504e470d0a1a0a' },
            { kind: 'none' },
            { kind: 'hugeString', bytes: 1_000_000 },
          )
      : fc.oneof({ weight: 8, arbitrary: fc.constant<BodyShape>({ kind: 'none' }) }, bodyShape);
    const method = fc.oneof(
      { weight: 12, arbitrary: fc.constant(op.method) },
      fc.constantFrom(...wrongMethods(op.template, operations)),
    );
    const attachmentName = op.parameters.some((p) => p.in === 'header')
      ? sometimes(
          fc.oneof(
            fc.constantFrom(
              'informe.pdf',
              'a/../../b.png',
              'x'.repeat(600),
              '',
              'ÑANDÚ.jpg',
              '%00.pdf',
            ),
            fc.string({ maxLength: 40 }),
          ),
          8,
          true,
        )
      : fc.constant(null);
    const fields = {
      method,
      segments,
      query: queryArbitrary(op, context),
      trick: pathTrick,
      who: fc.constantFrom(...WHO),
      cookie: cookieMode,
      csrf: csrfMode,
      requestId: requestIdHeaders,
      other: otherHeaders,
      shape,
      valid,
      contentType: contentTypeChoice(op.body?.contentType ?? 'application/json'),
      attachmentName,
      raw: fc.oneof(
        { weight: 40, arbitrary: fc.constant<RawTrick | null>(null) },
        fc.constantFrom(...RAW_TRICKS),
      ),
    };
    // A clean request: the right method, path, session and headers; only the values vary.
    const clean = {
      ...fields,
      method: fc.constant(op.method),
      query: queryArbitrary(op, context, true),
      trick: fc.constant<PathTrick>('none'),
      cookie: fc.constant<CookieMode>('session'),
      csrf: fc.constant<CsrfMode>('valid'),
      requestId: fc.constant<[string, string][]>([]),
      other: fc.constant<[string, string][]>([]),
      contentType: fc.constant(op.body?.contentType),
      raw: fc.constant<RawTrick | null>(null),
      shape: op.body
        ? fc.oneof(
            { weight: 2, arbitrary: fc.constant<BodyShape>({ kind: 'schema' }) },
            fc.record({
              kind: fc.constant('mutated' as const),
              mutations: fc.array(bodyMutation, { minLength: 1, maxLength: 1 }),
            }),
          )
        : fc.constant<BodyShape>({ kind: 'none' }),
    };
    const build = (r: {
      method: string;
      segments: string[];
      query: string;
      trick: PathTrick;
      who: Who;
      cookie: CookieMode;
      csrf: CsrfMode;
      requestId: [string, string][];
      other: [string, string][];
      shape: BodyShape;
      valid: unknown;
      contentType: string | undefined;
      attachmentName: string | null;
      raw: RawTrick | null;
    }): Draft => {
      let index = 0;
      const path = op.template.replace(/\{[^}]+\}/g, () => r.segments[index++] ?? 'x');
      const headers: [string, string][] = [...r.requestId, ...r.other];
      if (r.attachmentName !== null) headers.push(['X-Attachment-Name', latin1(r.attachmentName)]);
      return {
        operation: `${op.method} ${op.template}`,
        method: r.method,
        target: latin1(`${applyTrick(path, r.trick)}${r.query}`),
        who: r.who,
        cookie: r.cookie,
        csrf: r.csrf,
        headers,
        ...(r.shape.kind === 'none'
          ? {}
          : { body: { shape: r.shape, valid: r.valid, contentType: r.contentType } }),
        raw: r.raw,
      };
    };
    return fc.oneof(
      { weight: 2, arbitrary: fc.record(fields).map(build) },
      { weight: 1, arbitrary: fc.record(clean).map(build) },
    );
  });
  return fc.oneof(...perOperation);
}

/** A string as latin1 bytes of its UTF-8 form: what a header or request line carries on the wire. */
export function latin1(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

export function draftBody(draft: Draft): Buffer | undefined {
  return draft.body ? bodyBytes(draft.body.shape, draft.body.valid) : undefined;
}

/** Percent-encodes the UTF-8 bytes of a string (a lone surrogate as U+FFFD's; never throws). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
