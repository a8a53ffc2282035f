import type { Store, StaffActor } from '../../db/actor-transaction';
import { looksPersonal } from '../../http/plain-text';
import { problems, type FieldError } from '../../http/problem';

/*
 * What the campaigns' use cases share (campaign-read.ts, campaign-write.ts,
 * activities.ts, campaign-results.ts). Campaigns hold no personal data: the
 * lead agency's staff read them (CAMPAIGN_READERS; not partners), and reads
 * are not audited (nothing personal is disclosed, and the linked releases
 * are public). Only coordinators write (the routes refuse anyone else,
 * audited as access.denied; row-level security refuses them too), and every
 * change is audited once, naming the campaign or the activity.
 */

export interface CampaignsDeps {
  store: Store;
  clock: () => Date;
}

export function requireCoordinator(actor: StaffActor): void {
  if (actor.role !== 'coordinator') throw problems.forbidden();
}

export const stale = (what: 'campaign' | 'activity') =>
  problems.conflict(
    'stale_version',
    what === 'campaign'
      ? 'The campaign changed since you read it'
      : 'The activity changed since you read it',
    'Read it again and reapply your change.',
  );

/** Throws 400 with the errors, if any. */
export function refuseInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw problems.validation(errors);
}

export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * 400 looks_personal on each free text sent that carries what looks like a
 * person's data (an e-mail address, a phone or identity number): texts about
 * campaigns are read by all their readers and kept for good.
 */
export function personalTextErrors(texts: Record<string, string | null | undefined>): FieldError[] {
  return Object.entries(texts)
    .filter(([, text]) => typeof text === 'string' && looksPersonal(text))
    .map(([field]) => ({
      path: `body.${field}`,
      code: 'looks_personal',
      message: 'Must not contain an e-mail address, a phone number or an identity number',
    }));
}
