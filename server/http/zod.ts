import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Every module imports zod from here so that `.openapi()` metadata is available
// and the OpenAPI document can be generated from the same schemas that validate.
extendZodWithOpenApi(z);

export { z };
