import { isIP } from 'node:net';

/**
 * The address to open in a browser for a server listening on `host:port`:
 * a wildcard host (0.0.0.0, ::, or none) is reached on this machine at
 * 127.0.0.1; an IPv6 literal goes in brackets.
 */
export function browserUrl(host: string | undefined, port: number): string {
  const wildcard = !host || host === '0.0.0.0' || host === '::' || host === '[::]';
  const name = wildcard ? '127.0.0.1' : host;
  const literal = isIP(name) === 6 ? `[${name}]` : name;
  return `http://${literal}:${port}/`;
}

/** What to tell the person who started the server. */
export function startMessage(url: string, serveClient: boolean): string {
  return serveClient
    ? `open ${url} in a browser to sign in`
    : `API at ${url}api/v1 (the web client is not served: SERVE_CLIENT=false)`;
}
