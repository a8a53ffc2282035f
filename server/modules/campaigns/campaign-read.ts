import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { toPage } from '../../http/pagination';
import { problems } from '../../http/problem';
import type { Activity } from './activity.schemas';
import * as activitiesRepo from './activities.repository';
import { statusOn } from './campaign-dates';
import { planOf } from './campaign-plan';
import type {
  Campaign,
  CampaignDetail,
  CampaignPage,
  CampaignQuery,
  LinkedRelease,
} from './campaign.schemas';
import * as repo from './campaigns.repository';
import type { CampaignsDeps } from './campaigns.service';
import {
  REACH_GROUPS,
  type Channel,
  type ReachGroup,
  type Territory,
} from './campaigns.vocabularies';
import { ecuadorDate } from '../../http/ecuador-calendar';

/** Reading campaigns and their activities: the campaigns' readers; not audited (nothing personal). */

function toLinkedRelease(row: repo.LinkedReleaseRow): LinkedRelease {
  return {
    id: row.id,
    tableId: row.table_id as LinkedRelease['tableId'],
    period: { year: row.period_year, quarter: row.period_quarter },
    // Only published ones are read; publication is permanent (0023).
    publishedAt: (row.published_at as Date).toISOString(),
  };
}

function toCampaign(
  row: repo.CampaignRow,
  cells: repo.PlannedCellRow[],
  releases: repo.LinkedReleaseRow[],
  today: string,
): Campaign {
  const plan = planOf(row, cells);
  return {
    id: row.id,
    ...plan,
    status: statusOn(plan, today),
    releases: releases.filter((r) => r.campaign_id === row.id).map(toLinkedRelease),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function toActivity(
  row: activitiesRepo.ActivityRow,
  reach: activitiesRepo.ReachRow[],
): Activity {
  const counts = reach
    .filter((r) => r.activity_id === row.id)
    .map((r) => ({ group: r.reach_group as ReachGroup, count: r.reached }))
    .sort((a, b) => REACH_GROUPS.indexOf(a.group) - REACH_GROUPS.indexOf(b.group));
  return {
    id: row.id,
    campaignId: row.campaign_id,
    date: row.date_text,
    territory: row.territory as Territory,
    channel: row.channel as Channel,
    description: row.description,
    reach: counts,
    totalReach: counts.reduce((n, c) => n + c.count, 0),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export async function campaignOf(
  trx: repo.Trx,
  deps: CampaignsDeps,
  id: string,
): Promise<Campaign> {
  const row = await repo.findCampaign(trx, id);
  if (!row) throw problems.notFound();
  return toCampaign(
    row,
    await repo.plannedCellsOf(trx, [id]),
    await repo.linkedReleasesOf(trx, [id]),
    ecuadorDate(deps.clock()),
  );
}

export async function activitiesWithReach(trx: repo.Trx, campaignId: string): Promise<Activity[]> {
  const rows = await activitiesRepo.activitiesOf(trx, campaignId);
  const reach = await activitiesRepo.reachOf(
    trx,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toActivity(row, reach));
}

export async function detailOf(
  trx: repo.Trx,
  deps: CampaignsDeps,
  id: string,
): Promise<CampaignDetail> {
  return { ...(await campaignOf(trx, deps, id)), activities: await activitiesWithReach(trx, id) };
}

export function listCampaigns(
  deps: CampaignsDeps,
  actor: StaffActor,
  query: CampaignQuery,
): Promise<CampaignPage> {
  const today = ecuadorDate(deps.clock());
  return inActorTransaction(deps.store, actor, async (trx) => {
    const { limit, cursor, ...filter } = query;
    const rows = await repo.listCampaigns(trx, { today, ...filter }, limit, cursor);
    const page = toPage(rows, limit, (last) => ({ startsOn: last.starts_on_text, id: last.id }));
    const ids = page.items.map((r) => r.id);
    const cells = await repo.plannedCellsOf(trx, ids);
    const releases = await repo.linkedReleasesOf(trx, ids);
    return {
      items: page.items.map((row) => toCampaign(row, cells, releases, today)),
      nextCursor: page.nextCursor,
    };
  });
}

/** The campaign and its activities. */
export function readCampaign(
  deps: CampaignsDeps,
  actor: StaffActor,
  id: string,
): Promise<CampaignDetail> {
  return inActorTransaction(deps.store, actor, (trx) => detailOf(trx, deps, id));
}
