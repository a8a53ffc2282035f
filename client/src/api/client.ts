import createClient, { type Middleware } from 'openapi-fetch';
import { CSRF_HEADER, csrfToken, forgetCsrfToken, isUnsafeMethod } from './csrf';
import { networkProblem, problemFrom, type ApiProblem } from './problem';
import type { paths } from './schema';

/**
 * What the application does when the API says the session needs the person:
 * a step-up code (resolves true once confirmed, false when they cancel), or a
 * new sign-in (the session ended). Registered by app/session.
 */
export interface SessionHandlers {
  stepUp(): Promise<boolean>;
  sessionEnded(): void;
  activity(): void;
}

/** No signed-in page: nothing to step up, end or keep alive. */
export const SIGNED_OUT_HANDLERS: SessionHandlers = {
  stepUp: () => Promise.resolve(false),
  sessionEnded: () => undefined,
  activity: () => undefined,
};

let handlers: SessionHandlers = SIGNED_OUT_HANDLERS;

export function setSessionHandlers(next: SessionHandlers): void {
  handlers = next;
}

/**
 * What any answer from the API means for the session: a success is activity,
 * `unauthenticated` outside sign-in means the session has ended. Used for
 * retried requests and for uploads sent outside this client (XHR, for progress).
 */
export function noteSessionAnswer(status: number, code: string | undefined, url: string): void {
  if (status >= 200 && status < 300) {
    handlers.activity();
    return;
  }
  const signingIn = SIGN_IN_PATHS.some((path) =>
    new URL(url, window.location.origin).pathname.startsWith(path),
  );
  if (status === 401 && code === 'unauthenticated' && !signingIn) handlers.sessionEnded();
}

/** Paths that answer 401 as part of signing in, not because a session ended. */
const SIGN_IN_PATHS = ['/api/v1/auth/'];

const originals = new WeakMap<Request, Request>();

/** Sends a refused request once more (fresh CSRF token) and reads its answer like any other. */
async function retry(original: Request): Promise<Response> {
  const response = await fetch(await withCsrf(original));
  const code = response.ok ? undefined : (await problemOf(response)).code;
  noteSessionAnswer(response.status, code, original.url);
  return response;
}

async function withCsrf(request: Request): Promise<Request> {
  if (!isUnsafeMethod(request.method)) return request;
  const headers = new Headers(request.headers);
  headers.set(CSRF_HEADER, await csrfToken());
  return new Request(request, { headers });
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  return problemFrom(response, body);
}

/**
 * One mechanism for every screen: a CSRF token on each state-changing request
 * (fetched again once if the session changed under it), the step-up dialog on
 * `step_up_required` with the request retried after the code, and the return
 * to sign-in when the session has ended.
 */
const sessionMiddleware: Middleware = {
  async onRequest({ request }) {
    const prepared = await withCsrf(request);
    originals.set(prepared, prepared.clone());
    return prepared;
  },
  async onResponse({ request, response }) {
    if (response.ok) {
      handlers.activity();
      return response;
    }
    if (response.status !== 401 && response.status !== 403) return response;
    const problem = await problemOf(response);
    const original = originals.get(request);
    // Both refusals come before the server does anything: one retry writes once.
    if (problem.code === 'csrf_failed' && original) {
      forgetCsrfToken();
      return retry(original);
    }
    if (problem.code === 'step_up_required' && original) {
      if (!(await handlers.stepUp())) return response;
      return retry(original.clone());
    }
    noteSessionAnswer(response.status, problem.code, request.url);
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(sessionMiddleware);

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiProblem
 * (status 0 and `network_error` when the server could not be reached).
 */
export async function call<T>(pending: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await pending;
  } catch {
    throw networkProblem();
  }
  if (!answer.response.ok) throw problemFrom(answer.response, answer.error);
  return answer.data as T;
}
