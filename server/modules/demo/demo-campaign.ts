import { inActorTransaction } from '../../db/actor-transaction';
import { createActivity, createCampaign, NewActivity, NewCampaign } from '../campaigns';
import type { DemoCoordinators } from './demo-coordinators';
import type { DemoPartDeps } from './demo-deps';
import * as repo from './demo.repository';
import { inOneTransaction } from './shared-transaction';

/**
 * A demo prevention campaign of the current year with five activities held
 * and the people they reached (counts by group, never anyone's data),
 * written in one transaction by the third demo coordinator through the
 * campaigns' use cases. Only when the year has no campaign activity yet
 * (and no campaign of its name exists): the report's campaigns then show
 * real ones.
 */

export const DEMO_CAMPAIGN_NAME = 'Campaña de prevención de la trata de personas (demo)';

type Activity = Omit<NewActivity, 'date'>;

const ACTIVITIES: Activity[] = [
  {
    territory: 'Pichincha',
    channel: 'schools',
    description: 'Talleres en colegios sobre captación por redes sociales (demo)',
    reach: [
      { group: 'child_adolescent', count: 420 },
      { group: 'general_public', count: 35 },
    ],
  },
  {
    territory: 'Imbabura',
    channel: 'community_workshops',
    description: 'Taller comunitario con organizaciones de mujeres (demo)',
    reach: [
      { group: 'woman', count: 160 },
      { group: 'migrant', count: 40 },
      { group: 'general_public', count: 60 },
    ],
  },
  {
    territory: 'Pichincha',
    channel: 'transport_terminals',
    description: 'Punto informativo en el terminal terrestre (demo)',
    reach: [
      { group: 'general_public', count: 900 },
      { group: 'migrant', count: 210 },
    ],
  },
  {
    territory: 'Guayas',
    channel: 'social_media',
    description: 'Serie de publicaciones sobre ofertas de empleo engañosas (demo)',
    reach: [
      { group: 'general_public', count: 1500 },
      { group: 'child_adolescent', count: 300 },
    ],
  },
  {
    territory: 'Sucumbíos',
    channel: 'community_workshops',
    description: 'Encuentro en zona de frontera con población en movilidad (demo)',
    reach: [
      { group: 'migrant', count: 260 },
      { group: 'woman', count: 120 },
    ],
  },
];

export async function ensureDemoCampaign(
  deps: DemoPartDeps,
  { campaigner }: DemoCoordinators,
): Promise<{ added: boolean }> {
  const { year, activityDays } = deps.calendar;
  return inOneTransaction(deps.store, async (store) => {
    const present = await inActorTransaction(
      store,
      campaigner,
      async (trx) =>
        (await repo.campaignNamed(trx, DEMO_CAMPAIGN_NAME)) !== undefined ||
        (await repo.campaignActivityIn(trx, year)),
    );
    if (present) return { added: false };
    const campaigns = { store, clock: deps.clock };
    const campaign = await createCampaign(
      campaigns,
      campaigner,
      NewCampaign.parse({
        name: DEMO_CAMPAIGN_NAME,
        objective:
          'Informar a adolescentes, mujeres y población en movilidad sobre las formas de ' +
          'captación y las rutas de denuncia y atención (datos de demostración).',
        targetTerritories: ['Pichincha', 'Imbabura', 'Guayas', 'Sucumbíos'],
        targetGroups: ['migrant', 'child_adolescent', 'woman'],
        channels: ['schools', 'community_workshops', 'transport_terminals', 'social_media'],
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
        budgetUsd: 12000,
        plannedReach: { total: 5000 },
      }),
    );
    for (const [i, activity] of ACTIVITIES.entries()) {
      await createActivity(
        campaigns,
        campaigner,
        campaign.id,
        NewActivity.parse({ ...activity, date: activityDays[i] }),
      );
    }
    return { added: true };
  });
}
