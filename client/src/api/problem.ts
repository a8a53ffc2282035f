/** A field error of a problem (RFC 9457 extension `errors`): `path` is e.g. `body.sex`. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/**
 * An API refusal as the client handles it: `code` is the stable problem code the
 * screens translate; `body` keeps the problem's extensions (e.g. `missingConsent`).
 * The server's English `title`/`detail` are never shown: screens say it in the
 * user's language from the code.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: FieldError[],
    readonly body: Record<string, unknown>,
    /** Seconds from a Retry-After header (lock-out, busy server). */
    readonly retryAfterSeconds: number | undefined,
    readonly requestId: string | undefined,
  ) {
    super(code);
    this.name = 'ApiProblem';
  }

  /** Field errors keyed by the field's path inside the body (`body.contact.phone` → `contact.phone`). */
  fieldErrors(prefix = 'body.'): Map<string, FieldError> {
    const byField = new Map<string, FieldError>();
    for (const error of this.errors) {
      if (!error.path.startsWith(prefix)) continue;
      const field = error.path.slice(prefix.length);
      if (!byField.has(field)) byField.set(field, error);
    }
    return byField;
  }
}

/** Errors that never reached an answer from the server. */
export const NETWORK_PROBLEM_CODE = 'network_error';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fieldErrorsOf(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((e) => ({
    path: typeof e.path === 'string' ? e.path : '',
    code: typeof e.code === 'string' ? e.code : 'invalid',
    message: typeof e.message === 'string' ? e.message : '',
  }));
}

function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Builds the problem of a non-2xx response from its (already parsed) body. */
export function problemFrom(response: Response, body: unknown): ApiProblem {
  const record = isRecord(body) ? body : {};
  const code = typeof record.code === 'string' ? record.code : `http_${response.status}`;
  return new ApiProblem(
    response.status,
    code,
    fieldErrorsOf(record.errors),
    record,
    retryAfter(response),
    typeof record.requestId === 'string' ? record.requestId : undefined,
  );
}

export function networkProblem(): ApiProblem {
  return new ApiProblem(0, NETWORK_PROBLEM_CODE, [], {}, undefined, undefined);
}

export const isProblem = (error: unknown, code?: string): error is ApiProblem =>
  error instanceof ApiProblem && (code === undefined || error.code === code);
