import type { ColumnType, Generated } from 'kysely';

/** Tables of prevention campaigns and their activities (migration 0024). Nothing personal. */

/** Dates are read as text (`to_char`), never as a JS Date in some time zone. */
type DateColumn = ColumnType<Date, string, string>;

/** version and updated_at are moved by the database on every update. */
export interface CampaignsTable {
  id: Generated<string>;
  name: string;
  objective: string;
  territories: string[];
  target_groups: string[];
  channels: string[];
  starts_on: DateColumn;
  ends_on: DateColumn;
  /** numeric(14,2): read as text, written as text, exact. */
  budget_usd: ColumnType<string, string, string>;
  planned_reach: number;
  created_by: ColumnType<string, string, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  version: ColumnType<number, never, never>;
}

export interface CampaignPlannedReachTable {
  campaign_id: string;
  territory: string;
  reach_group: string;
  planned: number;
}

export interface CampaignReleasesTable {
  campaign_id: string;
  release_id: string;
}

export interface CampaignActivitiesTable {
  id: Generated<string>;
  campaign_id: ColumnType<string, string, never>;
  happened_on: DateColumn;
  territory: string;
  channel: string;
  description: string | null;
  created_by: ColumnType<string, string, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  version: ColumnType<number, never, never>;
}

export interface CampaignActivityReachTable {
  activity_id: string;
  reach_group: string;
  reached: number;
}
