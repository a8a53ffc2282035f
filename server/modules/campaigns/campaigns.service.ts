import type { Store } from '../../db/actor-transaction';
import { problems } from '../../http/problem';

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

export const stale = (what: 'campaign' | 'activity') =>
  problems.conflict(
    'stale_version',
    what === 'campaign'
      ? 'The campaign changed since you read it'
      : 'The activity changed since you read it',
    'Read it again and reapply your change.',
  );
