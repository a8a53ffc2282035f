/**
 * HAProxy's own answers (no instance can take the request: 503; an instance
 * died mid-request: 502; an instance did not answer in time: 504) in the
 * API's error format, problem+json with a stable `code`, instead of
 * HAProxy's HTML pages: a client reads every failure the same way, whoever
 * answers it. The 503 says when to try again, as the API's own 503 does.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Retry-After of HAProxy's 503: its health checks put an instance back within about a second. */
export const PROXY_RETRY_AFTER_SECONDS = 5;

const ANSWERS = [
  {
    status: 502,
    reason: 'Bad Gateway',
    code: 'bad_gateway',
    title: 'The instance serving the request failed',
    detail: 'The request may or may not have been carried out: check before repeating a change.',
  },
  {
    status: 503,
    reason: 'Service Unavailable',
    code: 'service_unavailable',
    title: 'No instance can take the request now',
    detail: 'Nothing was done. Try again later.',
  },
  {
    status: 504,
    reason: 'Gateway Timeout',
    code: 'gateway_timeout',
    title: 'The instance serving the request did not answer in time',
    detail: 'The request may or may not have been carried out: check before repeating a change.',
  },
] as const;

/** Writes one raw HTTP answer per status into `dir`; returns the `errorfile` lines for `defaults`. */
export function writeProxyErrorFiles(dir: string): string[] {
  return ANSWERS.map((answer) => {
    const body = JSON.stringify({
      type: `urn:amparo:problem:${answer.code}`,
      title: answer.title,
      status: answer.status,
      code: answer.code,
      detail: answer.detail,
    });
    const head = [
      `HTTP/1.1 ${answer.status} ${answer.reason}`,
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      ...(answer.status === 503 ? [`Retry-After: ${PROXY_RETRY_AFTER_SECONDS}`] : []),
      'Connection: close',
    ];
    const file = path.join(dir, `${answer.status}.http`);
    fs.writeFileSync(file, `${head.join('\r\n')}\r\n\r\n${body}`);
    return `  errorfile ${answer.status} ${file}`;
  });
}
