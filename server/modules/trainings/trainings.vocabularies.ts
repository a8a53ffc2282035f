import { TERRITORIES, type Territory } from '../campaigns/campaigns.vocabularies';

/**
 * The closed lists trainings are described with. Migration 0025 checks the
 * same lists (training_sectors(); provinces by campaign_territories());
 * test/api/trainings.test.ts compares them.
 */

/** The sectors whose staff the programme trains (PRODUCT.md). */
export const TRAINING_SECTORS = [
  'security',
  'justice',
  'health',
  'social_protection',
  'education',
  'labour',
  'migration',
  'other',
] as const;
export type TrainingSector = (typeof TRAINING_SECTORS)[number];

export const MODALITIES = ['in_person', 'online', 'mixed'] as const;
export type Modality = (typeof MODALITIES)[number];

/** Ecuador's provinces, as campaigns and the statistics releases name them. */
export const PROVINCES = TERRITORIES;
export type Province = Territory;

/** Limits that keep one request and one programme a bounded size. */
export const MAX_SESSIONS = 200;
/** Participants enrolled in one programme, and so the rows of one attendance sheet. */
export const MAX_ENROLMENT = 500;
export const MAX_TRAINERS = 20;
export const MAX_TOTAL_HOURS = 9999.99;
export const MAX_SESSION_HOURS = 24;

/**
 * How many years after the end of their latest programme a participant's
 * identity is kept (TRAINING_RETENTION_YEARS): their certificates must stay
 * verifiable, by name, for as long as an employer may ask (docs/TRAININGS.md).
 */
export const DEFAULT_RETENTION_YEARS = 5;

/** Erasure on request: the reasons a coordinator may give (audit purposes). */
export const PARTICIPANT_ERASURE_REASONS = [
  'person_request',
  'created_in_error',
  'duplicate_record',
] as const;
