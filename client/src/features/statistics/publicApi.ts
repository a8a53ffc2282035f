import createClient from 'openapi-fetch';
import type { paths } from '../../api/schema';

/**
 * The observatory's API client: public reads only, sent without cookies —
 * the published figures are the same for everyone, and reading them never
 * touches a session (nor extends one).
 */
export const publicApi = createClient<paths>({ baseUrl: '/', credentials: 'omit' });
