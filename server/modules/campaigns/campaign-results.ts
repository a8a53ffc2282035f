import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { toRelease, type Release } from '../statistics';
import type { Campaign } from './campaign.schemas';
import { statusOn } from './campaign-dates';
import { activitiesWithReach, campaignOf } from './campaign-read';
import { trendsOf } from './campaign-trends';
import type { Trx } from './campaigns.repository';
import type { CampaignsDeps } from './campaigns.service';
import { reachResults } from './reach-results';
import type { CampaignResults } from './results.schemas';
import { trendReleases } from './trend-releases.repository';
import { ecuadorDate } from '../../http/ecuador-calendar';

/**
 * Results, computed on read (the campaigns' readers; not audited): reach
 * against plan, and — once the campaign has ended — the trend of each linked
 * release's table before and after it, from published releases only.
 */
export function campaignResults(
  deps: CampaignsDeps,
  actor: StaffActor,
  id: string,
): Promise<CampaignResults> {
  const today = ecuadorDate(deps.clock());
  return inActorTransaction(deps.store, actor, async (trx) => {
    const campaign = await campaignOf(trx, deps, id);
    const activities = await activitiesWithReach(trx, id);
    const status = statusOn(campaign, today);
    return {
      campaignId: id,
      asOf: today,
      status,
      reach: reachResults(campaign, activities),
      trends: status === 'ended' ? await trendsFor(trx, campaign) : null,
    };
  });
}

/** One bounded read: the linked releases and the nearest of their tables each side. */
async function trendsFor(trx: Trx, campaign: Campaign) {
  const sources = new Map(
    campaign.releases.map((r) => {
      const yearly = r.period.quarter === null;
      return [`${r.tableId}\u001f${yearly}`, { tableId: r.tableId, yearly }];
    }),
  );
  const rows = await trendReleases(
    trx,
    campaign.releases.map((r) => r.id),
    [...sources.values()],
    campaign,
  );
  const byId = new Map(rows.map((row) => [row.id, toRelease(row)]));
  const linked = campaign.releases
    .map((r) => byId.get(r.id))
    .filter((release): release is Release => release !== undefined);
  const nearest = rows.filter((row) => row.in_trend).map((row) => byId.get(row.id)!);
  return trendsOf(campaign, linked, (tableId) => nearest.filter((r) => r.table.id === tableId));
}
