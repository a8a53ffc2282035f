import { jsonContent, problemResponses, type OpenAPIRegistry } from '../../http/openapi';
import type { z } from '../../http/zod';
import {
  ChangePasswordRequest,
  CsrfToken,
  LoginRequest,
  Me,
  NextStepResponse,
  StepUp,
  TotpEnrolment,
  TotpRequest,
} from './auth.schemas';

const CSRF_NOTE =
  'State-changing requests send the token from GET /api/v1/auth/csrf in x-csrf-token; ' +
  'the session id (and so the token) changes at each login step.';

export function registerAuthOpenApi(registry: OpenAPIRegistry): void {
  const path = (
    method: 'get' | 'post',
    route: string,
    summary: string,
    options: { body?: z.ZodType; response?: z.ZodType; status?: number; problems: number[] },
  ) =>
    registry.registerPath({
      method,
      path: `/api/v1/auth${route}`,
      summary,
      description: method === 'post' ? CSRF_NOTE : undefined,
      ...(options.body ? { request: { body: jsonContent(options.body) } } : {}),
      responses: {
        [options.status ?? 200]: options.response
          ? { description: 'OK', ...jsonContent(options.response) }
          : { description: 'Done' },
        ...problemResponses(...options.problems),
      },
    });

  path('get', '/csrf', 'The CSRF token of this session', { response: CsrfToken, problems: [] });
  path('post', '/login', 'Login step 1: email and password', {
    body: LoginRequest,
    response: NextStepResponse,
    problems: [400, 401, 403, 429, 503],
  });
  path(
    'post',
    '/password',
    'Change the password: signed in, or as the login step after an initial or reset ' +
      'password (409 wrong_login_step when the next step is the second factor)',
    {
      body: ChangePasswordRequest,
      response: NextStepResponse,
      problems: [400, 401, 403, 409, 429],
    },
  );
  path('post', '/totp/enroll', 'Start second-factor enrolment: the secret is shown once', {
    response: TotpEnrolment,
    problems: [401, 403, 409],
  });
  path(
    'post',
    '/totp',
    'Login step 2: a TOTP code (activates the factor at enrolment). 5 wrong codes in a ' +
      'row lock the factor (403 second_factor_locked) until an administrator unlocks it',
    { body: TotpRequest, response: Me, problems: [400, 401, 403, 409, 429] },
  );
  path('post', '/step-up', 'Re-confirm with a TOTP code before a sensitive operation', {
    body: TotpRequest,
    response: StepUp,
    problems: [400, 401, 403, 429],
  });
  path('get', '/me', 'The signed-in user, their institution and the session expiry', {
    response: Me,
    problems: [401],
  });
  path('post', '/logout', 'End this session on the server', { status: 204, problems: [401, 403] });
}
