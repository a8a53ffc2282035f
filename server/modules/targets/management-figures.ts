/*
 * The figures of a management report (issue 15): the year's plan as the
 * municipality's report runs it — program → project → budget execution →
 * targets. The management-report module calls managementFigures(trx, query)
 * inside its own transaction (actor context already set: a coordinator, or
 * the system) and freezes what it gets.
 *
 * Every amount and value is a decimal string (never a JS number): money as
 * "5500.00", values as the database holds them ("1000.00", "12.50"),
 * percentages rounded half-up to two decimals by progressPercent() ("88.80");
 * null where the denominator is 0 (nothing coded, nothing programmed).
 * docs/TARGETS.md is the long form.
 */

/** A non-negative or signed decimal written with a '.' and two decimals: "1234.50". */
export type Decimal = string;

export type Quarter = 1 | 2 | 3 | 4;

export interface ManagementFiguresQuery {
  /** The fiscal year (Ecuador's runs January to December). */
  year: number;
  /**
   * A quarterly report: the figures accumulated from 1 January to the end of
   * this quarter (year to date), and the quarters up to it. Omitted: the
   * whole year.
   */
  quarter?: Quarter;
  /**
   * The instant the figures are read at (the caller's clock): the case-work
   * measures count only the quarters that have ended by then in Ecuador.
   */
  asOf: Date;
}

export const MEASURE_KINDS = [
  'people_trained',
  'people_certified',
  'training_hours_delivered',
  'campaign_activities_held',
  'people_reached',
  'referrals_completed',
  'cases_attended',
  'manual',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/**
 * The filters a computed measure was defined with (ids are uuids; codes are
 * the vocabularies' codes). Empty or absent: no restriction.
 */
export interface MeasureFilters {
  /** people_trained, people_certified, training_hours_delivered */
  programmeIds?: string[];
  /** people_trained, people_certified: the participant's sector; training_hours_delivered: the programme's target sectors; referrals_completed: the receiving institution's sector */
  sectors?: string[];
  /** trainings: the participant's (hours: the programme's) province; campaigns: the activity's territory */
  provinces?: string[];
  /** campaign_activities_held, people_reached */
  campaignIds?: string[];
  /** campaign_activities_held, people_reached */
  channels?: string[];
  /** people_reached: the reach group (vulnerability groups and general_public) */
  groups?: string[];
}

export interface Measure {
  kind: MeasureKind;
  filters: MeasureFilters;
}

export interface BudgetExecution {
  /** Presupuesto codificado at the end of the period: the initial allocation plus the reforms dated up to then. */
  coded: Decimal;
  /** Presupuesto devengado: accrued from 1 January to the end of the period. */
  accrued: Decimal;
  /** accrued / coded × 100, half-up to 2 decimals; null when coded is 0. */
  executionPercent: Decimal | null;
}

export interface QuarterFigures {
  quarter: Quarter;
  /** The quarter's own programmed value, when the target was programmed by quarter. */
  programmed: Decimal | null;
  /**
   * Executed within the quarter alone (not accumulated); null: pending — a
   * case-work measure (referrals_completed, cases_attended) counts a quarter
   * only once it has ended in Ecuador.
   */
  executed: Decimal | null;
  /** executed / programmed × 100 for the quarter; null without a quarterly programme, when it is 0, or pending. */
  progressPercent: Decimal | null;
}

export interface TargetFigures {
  id: string;
  description: string;
  indicator: string;
  unitOfMeasure: string;
  measure: Measure;
  /** The year's programmed value. */
  programmed: Decimal;
  /**
   * Executed from 1 January to the end of the period. For a measure of
   * distinct people it is counted over the whole period (a person counted
   * in two quarters counts once here), so it may be less than the sum of
   * the quarters. A case-work measure counts only ended quarters: see
   * executedThrough; null while no quarter of the period has ended (pending).
   */
  executed: Decimal | null;
  /** executed / programmed × 100, half-up to 2 decimals; null when programmed is 0 or executed is pending. */
  progressPercent: Decimal | null;
  /**
   * Set when `executed` stops before the end of the period because the
   * quarters after this one have not ended (a case-work measure): the report
   * says "hasta el trimestre N". null when it covers the whole period.
   */
  executedThrough: Quarter | null;
  /**
   * A programme or campaign the measure's filters name was deleted: the
   * value counts only what remains.
   */
  filtersMissing: boolean;
  /** Q1 up to the period's quarter (all four for a yearly report). */
  quarters: QuarterFigures[];
  executingUnits: string[];
  resultsDescription: string | null;
  /** The plan objective the target contributes to (alineación al plan). */
  planObjective: string | null;
}

export interface ProjectFigures {
  id: string;
  code: string;
  name: string;
  executingUnits: string[];
  budget: BudgetExecution;
  targets: TargetFigures[];
}

export interface ProgramFigures {
  id: string;
  code: string;
  name: string;
  planObjective: string | null;
  /** The sum of its projects'. */
  budget: BudgetExecution;
  projects: ProjectFigures[];
}

export interface ManagementFigures {
  year: number;
  quarter: Quarter | null;
  /** Inclusive ISO dates: 1 January of the year, and the end of the quarter or the year. */
  period: { from: string; to: string };
  programs: ProgramFigures[];
  /** Every program's budget, summed. */
  budget: BudgetExecution;
}
