import {
  CampaignForm,
  campaignFormOf,
  cellKey,
  emptyCampaignForm,
  toCampaignChange,
  toNewCampaign,
  type CampaignFormValues,
} from '../../client/src/features/campaigns/campaign-form';
import { parseAmount, parseCount } from '../../client/src/features/campaigns/numbers';
import type { CampaignDetail } from '../../client/src/features/campaigns/campaign-types';

/**
 * The campaign editor's arithmetic: amounts typed the Ecuadorian way or the
 * English way become the exact decimal sent; the plan by territory and group
 * sends only the boxes on screen; an edit sends only what changed.
 */
describe('amounts and counts as people type them', () => {
  it.each([
    ['5500', '5500'],
    ['5500,5', '5500.5'],
    ['5500.50', '5500.5'],
    ['5.500,00', '5500'],
    ['5,500.00', '5500'],
    ['5.500', '5500'],
    ['1.234.567,89', '1234567.89'],
    ['USD 6.250,75', '6250.75'],
    ['$ 12 000,5', '12000.5'],
    ['0,05', '0.05'],
    ['007', '7'],
  ])('%s is %s dollars', (typed, exact) => {
    expect(parseAmount(typed)).toBe(exact);
  });

  it.each(['', 'abc', '5,5,5', '5.500,001', '1234.567,89', '-5', '5e3', '12,3456'])(
    '%s is not an amount',
    (typed) => {
      expect(parseAmount(typed)).toBeUndefined();
    },
  );

  it('counts are whole, with or without thousands separators', () => {
    expect(parseCount('1000')).toBe(1000);
    expect(parseCount('1.000')).toBe(1000);
    expect(parseCount('1 000 000')).toBe(1_000_000);
    expect(parseCount('1,5')).toBeUndefined();
    expect(parseCount('10.5')).toBeUndefined();
    expect(parseCount('')).toBeUndefined();
  });
});

const filled = (): CampaignFormValues => ({
  ...emptyCampaignForm(),
  name: ' Rutas seguras ',
  objective: 'Prevenir la captación.',
  targetTerritories: ['Pichincha', 'Azuay'],
  targetGroups: ['woman'],
  channels: ['radio'],
  startsOn: '2026-03-01',
  endsOn: '2026-06-30',
  budgetUsd: '5.500,00',
  plannedReach: {
    total: '1.000',
    byTerritoryGroup: {
      [cellKey('Pichincha', 'woman')]: '300',
      [cellKey('Azuay', 'general_public')]: '',
      // A box of a territory no longer chosen is not sent.
      [cellKey('Guayas', 'woman')]: '50',
    },
  },
  releaseIds: [],
});

describe('the campaign form', () => {
  it('sends lists in the vocabularies’ order and only the planned boxes on screen', () => {
    expect(toNewCampaign(filled())).toEqual({
      name: 'Rutas seguras',
      objective: 'Prevenir la captación.',
      targetTerritories: ['Azuay', 'Pichincha'],
      targetGroups: ['woman'],
      channels: ['radio'],
      startsOn: '2026-03-01',
      endsOn: '2026-06-30',
      budgetUsd: 5500,
      plannedReach: {
        total: 1000,
        byTerritoryGroup: [{ territory: 'Pichincha', group: 'woman', planned: 300 }],
      },
      releaseIds: [],
    });
  });

  it('refuses an end before the start and a plan above its total, on their fields', () => {
    const values = filled();
    values.endsOn = '2026-02-01';
    values.plannedReach.byTerritoryGroup[cellKey('Azuay', 'woman')] = '800';
    values.plannedReach.byTerritoryGroup[cellKey('Pichincha', 'general_public')] = '1,5';
    const result = CampaignForm.safeParse(values);
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        ['endsOn', 'ends_before_start'],
        ['plannedReach.byTerritoryGroup', 'exceeds_total'],
        [`plannedReach.byTerritoryGroup.${cellKey('Pichincha', 'general_public')}`, 'whole_number'],
      ]),
    );
  });

  it('an edit sends only what changed, with the version read', () => {
    const stored: CampaignDetail = {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Rutas seguras',
      objective: 'Prevenir la captación.',
      targetTerritories: ['Azuay', 'Pichincha'],
      targetGroups: ['woman'],
      channels: ['radio'],
      startsOn: '2026-03-01',
      endsOn: '2026-06-30',
      status: 'running',
      budgetUsd: 5500,
      plannedReach: {
        total: 1000,
        byTerritoryGroup: [{ territory: 'Pichincha', group: 'woman', planned: 300 }],
      },
      releases: [],
      createdBy: '00000000-0000-4000-8000-000000000002',
      createdAt: '2026-02-01T12:00:00.000Z',
      updatedAt: '2026-02-01T12:00:00.000Z',
      version: 4,
      activities: [],
    };
    const form = campaignFormOf(stored, ',');
    expect(form.budgetUsd).toBe('5500,00');
    expect(toCampaignChange(stored, form)).toBeNull();
    // The same lists in another order are no change.
    expect(
      toCampaignChange(stored, { ...form, targetTerritories: ['Pichincha', 'Azuay'] }),
    ).toBeNull();
    expect(toCampaignChange(stored, { ...form, budgetUsd: '6.250,75' })).toEqual({
      version: 4,
      budgetUsd: 6250.75,
    });
    const plan = {
      ...form.plannedReach,
      byTerritoryGroup: {
        ...form.plannedReach.byTerritoryGroup,
        [cellKey('Azuay', 'woman')]: '10',
      },
    };
    expect(toCampaignChange(stored, { ...form, plannedReach: plan })).toEqual({
      version: 4,
      plannedReach: {
        total: 1000,
        byTerritoryGroup: [
          { territory: 'Azuay', group: 'woman', planned: 10 },
          { territory: 'Pichincha', group: 'woman', planned: 300 },
        ],
      },
    });
  });
});
