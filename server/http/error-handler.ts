import { types } from 'node:util';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DecryptionError, UnknownKeyVersionError } from '../../security/crypto';
import { HasherSaturatedError } from '../../security/passwords';
import { databaseFailure } from '../db/database-failure';
import { ProblemError, problems, sendProblem } from './problem';

export const notFound: RequestHandler = (_req, _res, next) => next(problems.notFound());

/** Only JSON bodies are accepted on the API; anything else is refused before parsing. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
  if (hasBody && !req.is('application/json')) return next(problems.unsupportedMediaType());
  next();
};

/**
 * The last handler. Whatever went wrong, the client gets problem+json with a
 * stable code and no trace of the input, the SQL or the stack. Server errors
 * are attached to the response so that the request log records them (safely).
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  const problem = toProblem(error);
  // isNativeError: a socket error may come from another realm (a test's VM), where instanceof fails.
  if (problem.status >= 500)
    res.err =
      error instanceof Error || types.isNativeError(error) ? error : new Error('non-error thrown');
  sendProblem(res, problem);
};

function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  switch (databaseFailure(error)) {
    case 'unavailable':
      return problems.databaseUnavailable();
    case 'timeout':
      return problems.databaseTimeout();
  }
  if (error instanceof HasherSaturatedError) return problems.busy();
  if (error instanceof DecryptionError || error instanceof UnknownKeyVersionError) {
    return problems.integrityCheckFailed();
  }
  switch (bodyParserErrorType(error)) {
    case undefined:
      return problems.internal();
    case 'entity.parse.failed':
      return problems.malformedJson();
    case 'entity.too.large':
      return problems.payloadTooLarge();
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problems.unsupportedMediaType();
    default:
      return new ProblemError(400, 'bad_request', 'Bad request');
  }
}

/** body-parser marks its errors with `type` and a 4xx status. */
function bodyParserErrorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status } = error as { type?: unknown; status?: unknown };
  return typeof type === 'string' && typeof status === 'number' && status < 500 ? type : undefined;
}
