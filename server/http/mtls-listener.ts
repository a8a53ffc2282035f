import { createServer, type Server } from 'node:https';
import type { Express } from 'express';

export interface MtlsCredentials {
  /** The listener's own certificate and key (PEM), as for any HTTPS server. */
  certificatePem: string;
  privateKeyPem: string;
  /** The internal CA: the only issuer whose client certificates are accepted. */
  caCertificatePem: string;
}

/**
 * HTTPS that requires a client certificate chaining to the internal CA and
 * valid now: anything else is refused in the handshake, before any request.
 */
export function createMtlsServer(app: Express, credentials: MtlsCredentials): Server {
  return createServer(
    {
      cert: credentials.certificatePem,
      key: credentials.privateKeyPem,
      ca: [credentials.caCertificatePem],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    app,
  );
}
