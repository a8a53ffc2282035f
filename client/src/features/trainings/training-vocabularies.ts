import type { Covers } from '../../api/covers';
import type { components } from '../../api/schema';
import { TERRITORIES } from '../campaigns/campaign-vocabularies';

type Schemas = components['schemas'];
export type Sector = Schemas['TrainingSector'];
export type Modality = Schemas['TrainingModality'];
// The API document marks the shared schema nullable (its uses are); a province itself is never null.
export type Province = NonNullable<Schemas['TrainingProvince']>;

/** The closed lists a programme is described with, in the server's order. */
export const SECTORS = [
  'security',
  'justice',
  'health',
  'social_protection',
  'education',
  'labour',
  'migration',
  'other',
] as const satisfies readonly Sector[];

export const MODALITIES = ['in_person', 'online', 'mixed'] as const satisfies readonly Modality[];

/** Ecuador's provinces, as campaigns and the statistics releases name them. */
export const PROVINCES: readonly Province[] = TERRITORIES;

export const LISTS_ARE_COMPLETE: [
  Covers<Sector, typeof SECTORS>,
  Covers<Modality, typeof MODALITIES>,
  Covers<Province, typeof TERRITORIES>,
] = [true, true, true];

/** The server's limits (trainings.vocabularies.ts), checked here before sending. */
export const MAX_TOTAL_HOURS = 9999.99;
export const MAX_SESSION_HOURS = 24;
export const MAX_TRAINERS = 20;
