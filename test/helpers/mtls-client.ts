import { request as httpsRequest } from 'node:https';

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
