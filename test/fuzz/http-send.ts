import { request, type Agent } from 'node:http';
import { connect } from 'node:net';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Refused by Node's HTTP parser (connection closed with a bare 400/431), not by the app. */
  parserRefusal: boolean;
}

export interface Outgoing {
  method: string;
  /** Request target (path and query), latin1. */
  target: string;
  /** Header name → value(s); names in any case, two spellings of one name are two headers. */
  headers: Record<string, string | string[]>;
  body?: Buffer;
}

const TIMEOUT_MS = 30_000;

/** Sends over a keep-alive agent: Node's client, which writes only well-formed requests. */
export function sendHttp(agent: Agent, port: number, out: Outgoing): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const headers: Record<string, string | string[]> = { ...out.headers };
    if (out.body !== undefined) headers['Content-Length'] = String(out.body.length);
    const req = request(
      { host: '127.0.0.1', port, method: out.method, path: out.target, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            // Express always names its request id; Node's parser, refusing a request, does not.
            parserRefusal: res.headers['x-request-id'] === undefined,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(TIMEOUT_MS, () =>
      req.destroy(new Error(`timeout: ${out.method} ${out.target}`)),
    );
    req.on('error', reject);
    req.end(out.body);
  });
}

/**
 * Writes the request byte for byte on a fresh connection (closed after one
 * answer): the one way to send what Node's client refuses (a NUL in a header,
 * raw bytes in the request line, an unknown method, a body longer than its
 * Content-Length). A closed connection with no answer is reported as status 0.
 */
export function sendRaw(port: number, bytes: Buffer): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error('raw timeout')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE'
        ? resolve(parseRaw(Buffer.concat(chunks)))
        : reject(error),
    );
    socket.on('end', () => resolve(parseRaw(Buffer.concat(chunks))));
    socket.write(bytes);
  });
}

function parseRaw(received: Buffer): Answer {
  let data = received;
  // Interim answers (100 Continue to an Expect header) come before the real one.
  while (/^HTTP\/1\.[01] 1\d\d /.test(data.subarray(0, 13).toString('latin1'))) {
    const end = data.indexOf('\r\n\r\n');
    if (end < 0) break;
    data = data.subarray(end + 4);
  }
  const split = data.indexOf('\r\n\r\n');
  if (split < 0) return { status: 0, headers: {}, body: Buffer.alloc(0), parserRefusal: true };
  const head = data.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
  const headers: Record<string, string | string[]> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const seen = headers[name];
    headers[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  let body = data.subarray(split + 4);
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
  // Express always names its request id; Node's parser, refusing a request, does not.
  const parserRefusal = headers['x-request-id'] === undefined;
  return { status, headers, body, parserRefusal };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = data.indexOf('\r\n', at);
    if (end < 0) break;
    const size = parseInt(data.subarray(at, end).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Raw corruptions: each makes a request Node's client would not write. */
export const RAW_TRICKS = [
  'plain',
  'nulInHeader',
  'rawBytesInPath',
  'spaceInPath',
  'unknownMethod',
  'http10',
  'noHost',
  'bodyLongerThanLength',
  'obsFold',
  'lfOnly',
  'hugeHeader',
  'twoContentLengths',
] as const;
export type RawTrick = (typeof RAW_TRICKS)[number];

export function rawRequest(out: Outgoing, trick: RawTrick): Buffer {
  let method = out.method;
  let target = out.target;
  let version = 'HTTP/1.1';
  const lines: string[] = [];
  if (trick !== 'noHost') lines.push('Host: 127.0.0.1');
  for (const [name, value] of Object.entries(out.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${v}`);
  }
  const body = out.body ?? Buffer.alloc(0);
  switch (trick) {
    case 'nulInHeader':
      lines.push('X-Odd: a\u0000b');
      break;
    case 'rawBytesInPath':
      target = `${target}\u00c3\u00b1\u00ed\u00a0\u0080`;
      break;
    case 'spaceInPath':
      target = `${target} x`;
      break;
    case 'unknownMethod':
      method = 'FUZZ';
      break;
    case 'http10':
      version = 'HTTP/1.0';
      break;
    case 'obsFold':
      lines.push('X-Folded: a', ' b');
      break;
    case 'hugeHeader':
      lines.push(`X-Huge: ${'x'.repeat(20_000)}`);
      break;
    case 'twoContentLengths':
      lines.push(`Content-Length: ${body.length}`);
      break;
    default:
      break;
  }
  const length = trick === 'bodyLongerThanLength' ? Math.max(0, body.length - 1) : body.length;
  lines.push(`Content-Length: ${length}`, 'Connection: close');
  const eol = trick === 'lfOnly' ? '\n' : '\r\n';
  const head = `${method} ${target} ${version}${eol}${lines.join(eol)}${eol}${eol}`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
