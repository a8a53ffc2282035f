import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { buildApiDocument } from '../../server/http/api-document';
import type { OpenApiDocument } from './requests';

/**
 * The app behind a real HTTP listener on loopback: the fuzzer's bytes go
 * through Node's HTTP parser and Express's own parsing (headers, query,
 * body), which supertest's in-memory requests would smooth over.
 */
export async function listen(
  app: Express,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The document the server serves, as plain JSON. */
export function apiDocument(): OpenApiDocument {
  return JSON.parse(JSON.stringify(buildApiDocument())) as OpenApiDocument;
}

/** A plain GET over the listener (after the run: is it still serving?). */
export function plainGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { 'X-Forwarded-Proto': 'https', ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
