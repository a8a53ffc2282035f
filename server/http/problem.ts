import type { Response } from 'express';
import { z } from './zod';
import type { AuditPurpose } from '../modules/audit/audit.vocabulary';

/**
 * RFC 9457 problem details. `code` is stable: clients branch and translate on
 * it. `title` and `detail` are fixed English texts written by us — never built
 * from input values, database messages or stack traces.
 */
export const FieldError = z
  .object({
    path: z.string().openapi({ example: 'body.sector' }),
    code: z.string().openapi({ example: 'invalid_value' }),
    message: z.string(),
  })
  .openapi('FieldError');
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .openapi('Problem');
export type Problem = z.infer<typeof Problem>;

export class ProblemError extends Error {
  /** Response headers that belong to the problem (e.g. Retry-After). */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(code);
    this.name = 'ProblemError';
  }

  /**
   * Set on a refusal that is not a 403 but must be audited as one (a four-eyes
   * rule): the purpose the `access.denied` event records.
   */
  refusalPurpose: AuditPurpose | undefined;

  /** Marks this problem as a refusal the audit log records (see withAuditedRefusals). */
  asRefusal(purpose: AuditPurpose): this {
    this.refusalPurpose = purpose;
    return this;
  }

  /** Machine-readable members beside the standard ones (RFC 9457 extensions); never personal data. */
  readonly extensions: Record<string, unknown> = {};

  with(name: string, value: unknown): this {
    this.extensions[name] = value;
    return this;
  }

  withHeader(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
}

export function sendProblem(res: Response, problem: ProblemError): void {
  const body: Problem = {
    ...problem.extensions,
    type: `urn:amparo:problem:${problem.code}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...(typeof res.req.id === 'string' ? { requestId: res.req.id } : {}),
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  res.set(problem.headers);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

/**
 * What a 503 from the database asks clients to wait: about the time a
 * PostgreSQL restart takes, so a client retrying on it finds the server back
 * without hammering it while it is away (docs/RELIABILITY.md).
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const problems = {
  notFound: () => new ProblemError(404, 'not_found', 'Not found'),
  malformedJson: () =>
    new ProblemError(
      400,
      'malformed_json',
      'Malformed JSON',
      'The request body is not valid JSON.',
    ),
  validation: (errors: FieldError[]) =>
    new ProblemError(
      400,
      'validation_failed',
      'Invalid request',
      'One or more fields are invalid.',
      errors,
    ),
  payloadTooLarge: () => new ProblemError(413, 'payload_too_large', 'Request body too large'),
  unsupportedMediaType: () =>
    new ProblemError(
      415,
      'unsupported_media_type',
      'Unsupported media type',
      'Send the body as application/json.',
    ),
  unauthenticated: () =>
    new ProblemError(401, 'unauthenticated', 'Not signed in', 'Sign in to use this endpoint.'),
  forbidden: () =>
    new ProblemError(403, 'forbidden', 'Forbidden', 'Your role may not use this endpoint.'),
  stepUpRequired: () =>
    new ProblemError(
      401,
      'step_up_required',
      'Confirm your identity',
      'This operation needs a second-factor code entered within the last 5 minutes.',
    ),
  csrfFailed: () =>
    new ProblemError(
      403,
      'csrf_failed',
      'Missing or invalid CSRF token',
      'Send the token from GET /api/v1/auth/csrf in the x-csrf-token header.',
    ),
  crossSite: () => new ProblemError(403, 'cross_site_request', 'Cross-site request refused'),
  invalidCredentials: () => new ProblemError(401, 'invalid_credentials', 'Invalid credentials'),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new ProblemError(
      429,
      'too_many_attempts',
      'Too many attempts',
      'Wait before trying again.',
    ).withHeader('Retry-After', String(retryAfterSeconds)),
  busy: () =>
    new ProblemError(
      503,
      'busy',
      'Busy',
      'The server is handling many sign-ins; try again in a moment.',
    ).withHeader('Retry-After', '1'),
  conflict: (code: string, title: string, detail?: string) =>
    new ProblemError(409, code, title, detail),
  /** Whoever made or asked for something may not also approve or review it (audited). */
  fourEyes: (title: string, detail: string) =>
    new ProblemError(409, 'four_eyes', title, detail).asRefusal('four_eyes'),
  notReady: (detail: string) => new ProblemError(503, 'not_ready', 'Not ready', detail),
  databaseUnavailable: () =>
    new ProblemError(
      503,
      'database_unavailable',
      'Service temporarily unavailable',
      'The database cannot be reached; nothing was changed. Try again shortly.',
    ).withHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS)),
  databaseTimeout: () =>
    new ProblemError(
      503,
      'database_timeout',
      'The database took too long',
      'The request ran past a time limit and was undone. Try again shortly.',
    ).withHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS)),
  integrityCheckFailed: () =>
    new ProblemError(
      500,
      'integrity_check_failed',
      'Stored data failed its integrity check',
      'The operators have been alerted. Quote the request id when reporting it.',
    ),
  internal: () =>
    new ProblemError(
      500,
      'internal_error',
      'Internal server error',
      'Something went wrong on our side. Quote the request id when reporting it.',
    ),
};

/** Throws 400 validation_failed with the errors, if any. */
export function refuseInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw problems.validation(errors);
}
