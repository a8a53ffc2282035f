import type { OpenAPIRegistry } from '../../http/openapi';
import { CreateInstitution, Institution } from './institutions.schemas';

export function registerInstitutionsOpenApi(registry: OpenAPIRegistry): void {
  registry.register('CreateInstitution', CreateInstitution);
  registry.register('Institution', Institution);
}
