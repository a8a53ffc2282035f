import { VULNERABILITY_GROUPS } from '../cases/cases.vocabularies';
import { INSTITUTION_SECTORS } from '../institutions/institutions.schemas';

/**
 * The catalogue of statistics tables: each defined once, with its dimensions
 * (every value a cell may take, fixed in advance — the cells of a release
 * never depend on the data, or an empty cell would be a disclosure), where its
 * rows come from, and what one person can contribute to it (the L1
 * sensitivity the noise is scaled to). docs/STATISTICS.md explains each.
 */

/** GLOTIP groups (the SQL function glotip_exploitation_group, migration 0023, maps HTCDS codes to them). */
export const EXPLOITATION_GROUPS = [
  'sexual_exploitation',
  'forced_labour',
  'other_forms',
  'mixed',
  'not_recorded',
] as const;
export const SEX_GROUPS = ['female', 'male', 'other', 'unknown'] as const;
export const AGE_GROUPS = ['child', 'adult', 'unknown'] as const;
export const NATIONALITY_GROUPS = ['national', 'foreign', 'unknown'] as const;
/** Ecuador's provinces as statistics_provinces (0023) names them, then what matched none. */
export const PROVINCES = [
  'Azuay',
  'Bolívar',
  'Cañar',
  'Carchi',
  'Cotopaxi',
  'Chimborazo',
  'El Oro',
  'Esmeraldas',
  'Guayas',
  'Imbabura',
  'Loja',
  'Los Ríos',
  'Manabí',
  'Morona Santiago',
  'Napo',
  'Pastaza',
  'Pichincha',
  'Tungurahua',
  'Zamora Chinchipe',
  'Galápagos',
  'Sucumbíos',
  'Orellana',
  'Santo Domingo de los Tsáchilas',
  'Santa Elena',
  'other',
  'not_recorded',
] as const;
export const REFERRAL_OUTCOMES = [
  'in_course',
  'completed',
  'declined',
  'withdrawn',
  'expired',
] as const;
export const ACKNOWLEDGEMENT_BANDS = [
  'within_7_days',
  'within_30_days',
  'after_30_days',
  'not_acknowledged',
] as const;
export const QUARTERS = ['1', '2', '3', '4'] as const;

/** How many referrals of one person a referral table counts (the first ones, in time order). */
export const REFERRALS_PER_PERSON = 5;

export const DIMENSIONS = {
  quarter: { column: 'identified_quarter', values: QUARTERS },
  exploitation_group: { column: 'exploitation_group', values: EXPLOITATION_GROUPS },
  sex: { column: 'sex', values: SEX_GROUPS },
  age_group: { column: 'age_group', values: AGE_GROUPS },
  nationality_group: { column: 'nationality_group', values: NATIONALITY_GROUPS },
  province: { column: 'province', values: PROVINCES },
  vulnerability_group: { column: 'vulnerability_group', values: VULNERABILITY_GROUPS },
  sector: { column: 'sector', values: INSTITUTION_SECTORS },
  outcome: { column: 'outcome', values: REFERRAL_OUTCOMES },
  acknowledgement: { column: 'acknowledgement', values: ACKNOWLEDGEMENT_BANDS },
} as const satisfies Record<string, { column: string; values: readonly string[] }>;
export type DimensionId = keyof typeof DIMENSIONS;

export interface CatalogueTable {
  id: string;
  /** Victims (one row per person) or their referrals (several per person). */
  source: 'victims' | 'referrals';
  dimensions: readonly DimensionId[];
  /**
   * The most one person can add to the table's cells in all (L1). A victim
   * is one row, except where a dimension holds several values per person
   * (vulnerability groups: one in each). Referral tables count a person's
   * first REFERRALS_PER_PERSON referrals only.
   */
  contributionBound: number;
}

export const CATALOGUE = [
  {
    id: 'victims_by_quarter_exploitation',
    source: 'victims',
    dimensions: ['quarter', 'exploitation_group'],
    contributionBound: 1,
  },
  {
    id: 'victims_by_sex_age_group',
    source: 'victims',
    dimensions: ['sex', 'age_group'],
    contributionBound: 1,
  },
  {
    id: 'victims_by_nationality_exploitation',
    source: 'victims',
    dimensions: ['nationality_group', 'exploitation_group'],
    contributionBound: 1,
  },
  { id: 'victims_by_province', source: 'victims', dimensions: ['province'], contributionBound: 1 },
  {
    id: 'victims_by_vulnerability_group',
    source: 'victims',
    dimensions: ['vulnerability_group'],
    contributionBound: VULNERABILITY_GROUPS.length,
  },
  {
    id: 'referrals_by_sector_outcome',
    source: 'referrals',
    dimensions: ['sector', 'outcome'],
    contributionBound: REFERRALS_PER_PERSON,
  },
  {
    id: 'referrals_acknowledgement_by_sector',
    source: 'referrals',
    dimensions: ['sector', 'acknowledgement'],
    contributionBound: REFERRALS_PER_PERSON,
  },
] as const satisfies readonly CatalogueTable[];
export type TableId = (typeof CATALOGUE)[number]['id'];
export const TABLE_IDS = CATALOGUE.map((t) => t.id) as [TableId, ...TableId[]];

export function tableById(id: string): CatalogueTable | undefined {
  return (CATALOGUE as readonly CatalogueTable[]).find((t) => t.id === id);
}

/** A year of identification, or one quarter of it. */
export interface ReleasePeriod {
  year: number;
  quarter?: number;
}

/** The values a dimension takes in a release: a quarter release has one quarter. */
export function dimensionValues(dimension: DimensionId, period: ReleasePeriod): readonly string[] {
  if (dimension === 'quarter' && period.quarter) return [String(period.quarter)];
  return DIMENSIONS[dimension].values;
}

/** Every cell of the table for the period, in a fixed order: the cross product of its dimensions. */
export function cellKeys(table: CatalogueTable, period: ReleasePeriod): string[][] {
  return table.dimensions.reduce<string[][]>(
    (keys, dimension) =>
      keys.flatMap((key) => dimensionValues(dimension, period).map((value) => [...key, value])),
    [[]],
  );
}
