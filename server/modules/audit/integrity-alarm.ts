import type { ErrorRequestHandler } from 'express';
import { DecryptionError, UnknownKeyVersionError } from '../../../security/crypto';
import { auditAlone, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import { routeTemplate } from '../../http/router';

/**
 * Ids are canonical from the moment they are parsed, so a ciphertext that
 * fails to authenticate (or names a key version this process cannot load)
 * means stored data or keys are not what Amparo wrote: an integrity alarm,
 * not something a request can raise at will. It is recorded in the audit log
 * (by the system, for the endpoint) before the request gets its 500, and the
 * request log names it. The use case's own transaction has rolled back.
 */
export function integrityAlarm(store: Store): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (!(error instanceof DecryptionError || error instanceof UnknownKeyVersionError)) {
      return next(error);
    }
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    auditAlone(
      store,
      { ...SYSTEM_ACTOR, requestId },
      {
        action: 'integrity.alarm',
        outcome: 'error',
        resourceType: 'endpoint',
        resourceId: `${req.method}:${routeTemplate(req, res)}`,
        purpose: error instanceof DecryptionError ? 'decryption_failed' : 'unknown_key_version',
      },
    ).then(
      () => next(error),
      () => next(error),
    );
  };
}
