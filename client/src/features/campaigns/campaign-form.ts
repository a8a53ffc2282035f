import { z } from '../../ui/form/zod';
import {
  CHANNELS,
  MAX_BUDGET_USD,
  MAX_LINKED_RELEASES,
  MAX_PLANNED_REACH,
  REACH_GROUPS,
  TARGET_GROUPS,
  TERRITORIES,
  type ReachGroup,
  type Territory,
} from './campaign-vocabularies';
import { amountText, parseAmount, parseCount } from './numbers';
import type { CampaignChange, CampaignDetail, NewCampaign } from './campaign-types';

/**
 * The campaign editor's values. Amounts and counts stay as typed until sent;
 * the planned reach by territory and group is one text per cell, keyed by
 * the positions of the territory and the group in their lists (stable codes
 * that make valid element ids, unlike province names).
 */
export type CellKey = `c_${number}_${number}`;
export const cellKey = (territory: Territory, group: ReachGroup): CellKey =>
  `c_${TERRITORIES.indexOf(territory)}_${REACH_GROUPS.indexOf(group)}`;

/** The groups reach can be planned for: the targets, then the general public. */
export const planGroups = (targetGroups: readonly string[]): ReachGroup[] =>
  REACH_GROUPS.filter((g) => g === 'general_public' || targetGroups.includes(g));

const LongText = (max: number) => z.string().trim().min(1, 'required').max(max, 'too_long');

const Count = (max: number) =>
  z.string().refine((text) => {
    const n = parseCount(text);
    return n !== undefined && n <= max;
  }, 'whole_number');

export const CampaignForm = z
  .object({
    name: LongText(200),
    objective: LongText(2000),
    targetTerritories: z.array(z.enum(TERRITORIES)).min(1, 'choose_one'),
    targetGroups: z.array(z.enum(TARGET_GROUPS)).min(1, 'choose_one'),
    channels: z.array(z.enum(CHANNELS)).min(1, 'choose_one'),
    startsOn: z.string({ message: 'required' }).min(1, 'required'),
    endsOn: z.string({ message: 'required' }).min(1, 'required'),
    budgetUsd: z.string().refine((text) => {
      const amount = parseAmount(text);
      return amount !== undefined && Number(amount) <= MAX_BUDGET_USD;
    }, 'amount'),
    plannedReach: z.object({
      total: Count(MAX_PLANNED_REACH),
      byTerritoryGroup: z.record(z.string(), z.string().optional()),
    }),
    releaseIds: z.array(z.string()).max(MAX_LINKED_RELEASES, 'too_many_releases'),
  })
  .superRefine((values, ctx) => {
    if (values.startsOn && values.endsOn && values.endsOn < values.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'ends_before_start' });
    }
    // Only the boxes on screen (the chosen targets' cells) are read and checked.
    for (const { key } of visibleCells(values)) {
      const text = values.plannedReach.byTerritoryGroup[key] ?? '';
      const n = parseCount(text);
      if (text.trim() !== '' && (n === undefined || n > MAX_PLANNED_REACH)) {
        ctx.addIssue({
          code: 'custom',
          path: ['plannedReach', 'byTerritoryGroup', key],
          message: 'whole_number',
        });
      }
    }
    const total = parseCount(values.plannedReach.total);
    const planned = plannedCells(values).reduce((sum, cell) => sum + cell.planned, 0);
    if (total !== undefined && planned > total) {
      ctx.addIssue({
        code: 'custom',
        path: ['plannedReach', 'byTerritoryGroup'],
        message: 'exceeds_total',
      });
    }
  });
export type CampaignFormValues = z.infer<typeof CampaignForm>;

/** Form fields, named as the API names them in `errors[].path`. */
export const CAMPAIGN_FIELDS = [
  'name',
  'objective',
  'targetTerritories',
  'targetGroups',
  'channels',
  'startsOn',
  'endsOn',
  'budgetUsd',
  'plannedReach.total',
  'plannedReach.byTerritoryGroup',
  'releaseIds',
];

export const emptyCampaignForm = (): CampaignFormValues => ({
  name: '',
  objective: '',
  targetTerritories: [],
  targetGroups: [],
  channels: [],
  startsOn: '',
  endsOn: '',
  budgetUsd: '',
  plannedReach: { total: '', byTerritoryGroup: {} },
  releaseIds: [],
});

type Targets = Pick<CampaignFormValues, 'targetTerritories' | 'targetGroups'>;

/** The keys of the boxes on screen: each chosen territory × each group planned for. */
function visibleCells(
  values: Targets,
): { key: CellKey; territory: Territory; group: ReachGroup }[] {
  return TERRITORIES.filter((t) => values.targetTerritories.includes(t)).flatMap((territory) =>
    planGroups(values.targetGroups).map((group) => ({
      key: cellKey(territory, group),
      territory,
      group,
    })),
  );
}

type Cell = NewCampaign['plannedReach']['byTerritoryGroup'][number];

/**
 * The cells typed for the campaign's current targets, in the lists' order:
 * a cell of a territory or group no longer chosen is not sent.
 */
export function plannedCells(
  values: Pick<CampaignFormValues, 'targetTerritories' | 'targetGroups' | 'plannedReach'>,
): Cell[] {
  return visibleCells(values).flatMap(({ key, territory, group }) => {
    const text = values.plannedReach.byTerritoryGroup[key] ?? '';
    const planned = text.trim() === '' ? undefined : parseCount(text);
    return planned === undefined ? [] : [{ territory, group, planned }];
  });
}

export function toNewCampaign(values: CampaignFormValues): NewCampaign {
  return {
    name: values.name.trim(),
    objective: values.objective.trim(),
    targetTerritories: TERRITORIES.filter((t) => values.targetTerritories.includes(t)),
    targetGroups: TARGET_GROUPS.filter((g) => values.targetGroups.includes(g)),
    channels: CHANNELS.filter((c) => values.channels.includes(c)),
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    budgetUsd: Number(parseAmount(values.budgetUsd)),
    plannedReach: {
      total: parseCount(values.plannedReach.total) ?? 0,
      byTerritoryGroup: plannedCells(values),
    },
    releaseIds: values.releaseIds,
  };
}

/** The form of a stored campaign; the amount with the interface's decimal separator. */
export function campaignFormOf(campaign: CampaignDetail, decimal: ',' | '.'): CampaignFormValues {
  const byTerritoryGroup: Record<string, string> = {};
  for (const cell of campaign.plannedReach.byTerritoryGroup) {
    byTerritoryGroup[cellKey(cell.territory, cell.group)] = String(cell.planned);
  }
  return {
    name: campaign.name,
    objective: campaign.objective,
    targetTerritories: [...campaign.targetTerritories],
    targetGroups: [...campaign.targetGroups],
    channels: [...campaign.channels],
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    budgetUsd: amountText(campaign.budgetUsd).replace('.', decimal),
    plannedReach: { total: String(campaign.plannedReach.total), byTerritoryGroup },
    releaseIds: campaign.releases.map((r) => r.id),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

const cellsText = (cells: readonly Cell[]) =>
  cells
    .map((c) => `${c.territory}\u001f${c.group}\u001f${c.planned}`)
    .sort()
    .join('\n');

/**
 * Only what differs from the version read, with that version; null when
 * nothing changed. Lists are compared as sets (their order means nothing).
 */
export function toCampaignChange(
  base: CampaignDetail,
  values: CampaignFormValues,
): CampaignChange | null {
  const next = toNewCampaign(values);
  const change: CampaignChange = { version: base.version };
  if (next.name !== base.name) change.name = next.name;
  if (next.objective !== base.objective) change.objective = next.objective;
  if (!sameSet(next.targetTerritories, base.targetTerritories))
    change.targetTerritories = next.targetTerritories;
  if (!sameSet(next.targetGroups, base.targetGroups)) change.targetGroups = next.targetGroups;
  if (!sameSet(next.channels, base.channels)) change.channels = next.channels;
  if (next.startsOn !== base.startsOn) change.startsOn = next.startsOn;
  if (next.endsOn !== base.endsOn) change.endsOn = next.endsOn;
  if (amountText(next.budgetUsd) !== amountText(base.budgetUsd)) change.budgetUsd = next.budgetUsd;
  if (
    next.plannedReach.total !== base.plannedReach.total ||
    cellsText(next.plannedReach.byTerritoryGroup) !== cellsText(base.plannedReach.byTerritoryGroup)
  ) {
    change.plannedReach = next.plannedReach;
  }
  const releaseIds = next.releaseIds ?? [];
  if (
    !sameSet(
      releaseIds,
      base.releases.map((r) => r.id),
    )
  ) {
    change.releaseIds = releaseIds;
  }
  return Object.keys(change).length > 1 ? change : null;
}
