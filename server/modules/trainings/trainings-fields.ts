import { isPlainName, NO_CONTROL_CHARACTERS } from '../../http/plain-text';
import { z } from '../../http/zod';
import { MODALITIES, PROVINCES, TRAINING_SECTORS } from './trainings.vocabularies';

export { atLeastOneChange, Day, distinct, FreeText, Version } from '../campaigns/campaign-fields';

/*
 * The fields the trainings' schemas share. Programme and session texts are
 * about the training, never about a person (the service refuses one that
 * looks like a person's data: 400 looks_personal); participants' identifying
 * fields are the only personal data, and are encrypted (participant-crypto.ts).
 */

export const Sector = z.enum(TRAINING_SECTORS).openapi('TrainingSector', {
  description: 'The sector of the institution whose staff the programme trains',
});
export const Modality = z.enum(MODALITIES).openapi('TrainingModality');
export const Province = z.enum(PROVINCES).openapi('TrainingProvince', {
  description: "One of Ecuador's 24 provinces, as campaigns and statistics releases name them",
});

/** A decimal with at most two places (stored exactly, numeric(p,2)). */
export const TwoDecimals = (min: number, max: number, exclusiveMin = false) =>
  (exclusiveMin ? z.number().gt(min) : z.number().min(min))
    .max(max)
    .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, {
      message: 'At most two decimals',
    });

/** A score of an evaluation, 0 to 100, at most two decimals. */
export const Score = TwoDecimals(0, 100).openapi({ description: '0 to 100, at most two decimals' });

/** A person's name as typed: one line, no control or bidirectional characters. */
export const PersonName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(isPlainName, { message: NO_CONTROL_CHARACTERS });
