export type { RevocationEffects } from './consents.service';
export { consentsOfCase } from './consents.repository';
export { factsOf } from './consent-view';
