import type { Server } from 'node:http';

/** Node's HTTP server timeouts (docs/RELIABILITY.md, "Timeouts and database outages"). */
export interface HttpTimeouts {
  /**
   * An idle keep-alive connection is closed after this. Behind a load
   * balancer or reverse proxy it must exceed the proxy's own idle timeout for
   * connections to us, so that the proxy always closes first and never sends
   * a request on a connection we are closing (a 502 at the proxy).
   */
  keepAliveTimeoutMs: number;
  /** The request's headers must have arrived within this (one second more than keep-alive). */
  headersTimeoutMs: number;
  /** The whole request, body included, must have arrived within this (uploads on slow links). */
  requestTimeoutMs: number;
}

export function httpTimeouts(keepAliveTimeoutMs: number, requestTimeoutMs: number): HttpTimeouts {
  // Longer than keep-alive: a connection idle between requests is closed by
  // the keep-alive timer, never by the headers timer racing it.
  return { keepAliveTimeoutMs, headersTimeoutMs: keepAliveTimeoutMs + 1_000, requestTimeoutMs };
}

export function applyHttpTimeouts(
  server: Pick<Server, 'keepAliveTimeout' | 'headersTimeout' | 'requestTimeout'>,
  timeouts: HttpTimeouts,
): void {
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
}
