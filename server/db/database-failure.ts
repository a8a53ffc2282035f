/**
 * Why a statement failed when the reason is the database rather than the
 * request: `unavailable` (the server is away, restarting, refusing
 * connections, or stopped answering) or `timeout` (it answered, but a
 * statement or lock wait ran past its limit). Neither says anything about
 * the input, and both are worth retrying later: the API answers 503 with
 * Retry-After (see http/error-handler.ts and docs/RELIABILITY.md).
 */
export type DatabaseFailure = 'unavailable' | 'timeout';

/** Socket errors (errno names) on the way to the server. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** SQLSTATEs of a server that is going away or cannot take us now (class 08 is matched apart). */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping or restarting
  '57P02', // crash_shutdown: another backend crashed, the server resets
  '57P03', // cannot_connect_now: starting up, or in recovery
  '53300', // too_many_connections
]);

/** SQLSTATEs of a limit this process set: the statement did not finish, nothing was written. */
const TIMEOUT_SQLSTATES = new Set([
  '57014', // query_canceled (statement_timeout; nothing else cancels our statements)
  '55P03', // lock_not_available (lock_timeout)
]);

/**
 * The messages of `pg` and `pg-pool` errors that carry no code. Matched
 * exactly: these texts are the libraries' own, never a server message
 * (which could quote data).
 */
const UNAVAILABLE_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Query read timeout',
]);

/** Classifies an error thrown by a database call (either engine), or undefined when it is not the database's. */
export function databaseFailure(error: unknown, depth = 0): DatabaseFailure | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  if (error instanceof DatabaseUnreachableError) return 'unavailable';
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) {
      return 'unavailable';
    }
    if (TIMEOUT_SQLSTATES.has(code)) return 'timeout';
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.has(message)) return 'unavailable';
  // A connection attempt to several addresses (localhost: ::1 and 127.0.0.1) fails as one AggregateError.
  if (Array.isArray(errors)) {
    const failures = errors.map((inner) => databaseFailure(inner, depth + 1));
    if (failures.length > 0 && failures.every((failure) => failure === 'unavailable')) {
      return 'unavailable';
    }
  }
  return databaseFailure(cause, depth + 1);
}

/**
 * Raised by this process, not the driver: the server stopped answering a
 * statement (no reply within the client-side query timeout, see
 * database.ts). The connection is then destroyed, never reused.
 */
export class DatabaseUnreachableError extends Error {
  readonly code = 'QUERY_TIMEOUT';

  constructor() {
    super('the database did not answer within the query timeout');
    this.name = 'DatabaseUnreachableError';
  }
}
