import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Every module imports zod from here so that `.openapi()` metadata is available
// and the OpenAPI document can be generated from the same schemas that validate.
extendZodWithOpenApi(z);

/**
 * A record id, canonical (lower case) from the moment it is parsed: PostgreSQL
 * matches a uuid whatever its case, but keys, AAD contexts and audit rows use
 * the id as text, so one record must have one spelling everywhere.
 */
export const Id = z.uuid().toLowerCase();

export { z };
