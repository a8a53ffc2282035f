import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Log lines carry no personal data. Serializers are allow-lists (what is not
 * named is not logged); the redaction paths are a second guard in case a
 * later change logs a whole object by mistake.
 */
export const REDACT_PATHS = [
  'req.headers',
  'req.body',
  'req.query',
  'req.url',
  'body',
  'headers',
  'cookie',
  'cookies',
  'authorization',
  'password',
  '*.password',
  '*.email',
  '*.phone',
  '*.name',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'amparo' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: safeError, error: safeError },
    },
    destination,
  );
}

/**
 * Error messages can quote data (a JSON parse error quotes the body, a
 * database error the offending value), so only the error's type, its
 * code (SQLSTATE or errno name) and the stack frames are kept.
 */
export function safeError(value: unknown): Record<string, unknown> {
  // pino-http hands serializers an already-serialized error with the original as `raw`.
  const raw = typeof value === 'object' && value !== null ? (value as ErrorLike).raw : undefined;
  const error = isErrorLike(raw) ? raw : value;
  if (!isErrorLike(error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    type: error.name,
    ...(typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code) ? { code } : {}),
    stack: frames.map((line) => line.trim()).join('\n'),
  };
}

interface ErrorLike {
  name: string;
  stack?: string;
  raw?: unknown;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return (
    typeof value === 'object' && value !== null && typeof (value as ErrorLike).name === 'string'
  );
}
