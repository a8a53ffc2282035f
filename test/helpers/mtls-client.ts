import { readFileSync } from 'node:fs';
import { request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { inActorTransaction, SYSTEM_ACTOR } from '../../server/db/actor-transaction';
import { createMtlsServer } from '../../server/http/mtls-listener';
import { certificateAuthority } from '../../server/modules/certificates/certificate-authority';
import { buildPartnerSystemApp } from '../../server/modules/partner-systems';
import type { TestApp } from './app';
import { selfSignedFiles, type TempDir } from './openssl';

/** A client certificate and its key (PEM). */
export interface ClientCertificate {
  cert: string;
  key: string;
}

export interface MtlsAnswer {
  status: number;
  body: unknown;
}

/**
 * One request to a mutual-TLS listener on 127.0.0.1 (server name `localhost`,
 * trusted through `serverCa`), with a client certificate or none; a JSON
 * answer is parsed, anything else kept as text.
 */
export function mtlsRequest(
  listener: { port: number; serverCa: string },
  client: ClientCertificate | undefined,
  method: string,
  path: string,
  body?: object,
): Promise<MtlsAnswer> {
  return new Promise<MtlsAnswer>((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: listener.port,
        method,
        path,
        servername: 'localhost',
        ca: listener.serverCa,
        ...(client ?? {}),
        headers: body ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = (res.headers['content-type'] ?? '').includes('json');
          resolve({
            status: res.statusCode ?? 0,
            body: json ? (JSON.parse(text) as unknown) : text,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

export interface MtlsListener {
  port: number;
  /** The listener's own (self-signed) certificate, for clients to trust. */
  serverCa: string;
  close(): Promise<void>;
}

/**
 * The partner-system app of a test app behind a real mutual-TLS listener on
 * an ephemeral port: its server certificate self-signed by openssl for
 * localhost, client certificates checked against the app's internal CA.
 */
export async function startMtlsListener(t: TestApp, dir: TempDir): Promise<MtlsListener> {
  const caCertificatePem = await inActorTransaction(
    t.database.store,
    SYSTEM_ACTOR,
    async (trx) => (await certificateAuthority(trx, t.keyring, new Date())).certificatePem,
  );
  const certFile = dir.file('mtls-server.pem');
  const keyFile = dir.file('mtls-server.key');
  selfSignedFiles(certFile, keyFile, '/CN=localhost', [
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  const serverCa = readFileSync(certFile, 'utf8');
  const app = buildPartnerSystemApp({
    store: t.database.store,
    keyring: t.keyring,
    blindIndexKey: t.secrets.BLIND_INDEX_KEY,
    clock: () => t.clock.now(),
    logger: t.logger,
    caCertificatePem,
  });
  const server: Server = createMtlsServer(app, {
    certificatePem: serverCa,
    privateKeyPem: readFileSync(keyFile, 'utf8'),
    caCertificatePem,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    serverCa,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
