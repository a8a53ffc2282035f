/**
 * Writes the API's OpenAPI document to client/src/api/openapi.json, from which
 * the client's types are generated. `npm run api:types` runs both steps; a test
 * fails when the committed document differs from the one the server serves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildApiDocument } from '../server/http/api-document';

export const CLIENT_API_DOCUMENT = path.resolve(__dirname, '../client/src/api/openapi.json');

fs.writeFileSync(CLIENT_API_DOCUMENT, `${JSON.stringify(buildApiDocument(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), CLIENT_API_DOCUMENT)}`);
