import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { ProblemError, problems, type FieldError, refuseInvalid } from '../../http/problem';
import { record } from '../audit';
import { compareDecimals, sumDecimals } from '../../db/decimal';
import type { MeasureFilters } from './management-figures';
import * as plan from './plan.repository';
import { measureOf } from './progress';
import { targetDetailOf } from './target-read';
import type { MeasureInput, NewTarget, TargetChange, TargetDetail } from './target.schemas';
import * as repo from './targets.repository';
import { inUse, stale, type TargetsDeps } from './targets.service';
import { definedOnly } from '../../http/validate';
import { isForeignKeyViolation } from '../../db/errors';
import { personalTextErrors } from '../../http/plain-text';
import { requireCoordinator } from '../auth';
import { ecuadorDate } from '../../http/ecuador-calendar';

/** Defining, changing and deleting targets: coordinators; each change audited once. */

const audited = (
  trx: plan.Trx,
  action: 'target.create' | 'target.update' | 'target.delete',
  id: string,
) => record(trx, { action, outcome: 'success', resourceType: 'target', resourceId: id });

type Definition = Omit<NewTarget, 'projectId' | 'year'>;

/** The filters as stored: only the lists given, none empty. */
function storedFilters(measure: MeasureInput): MeasureFilters {
  return Object.fromEntries(
    Object.entries(measure.filters).filter(([, list]) => Array.isArray(list) && list.length > 0),
  );
}

function columnsOf(d: Definition): repo.TargetColumns {
  const quarters = d.programmedByQuarter;
  return {
    description: d.description,
    indicator: d.indicator,
    unit_of_measure: d.unitOfMeasure,
    programmed_value: d.programmed,
    programmed_q1: quarters?.[0] ?? null,
    programmed_q2: quarters?.[1] ?? null,
    programmed_q3: quarters?.[2] ?? null,
    programmed_q4: quarters?.[3] ?? null,
    executing_units: d.executingUnits,
    results_description: d.resultsDescription,
    plan_objective: d.planObjective,
    measure_kind: d.measure.kind,
    measure_filters: JSON.stringify(storedFilters(d.measure)),
  };
}

function definitionOf(row: repo.TargetRow): Definition {
  const quarters = row.quarters_text;
  return {
    description: row.description,
    indicator: row.indicator,
    unitOfMeasure: row.unit_of_measure,
    programmed: row.programmed_text,
    programmedByQuarter: quarters ? [quarters[0]!, quarters[1]!, quarters[2]!, quarters[3]!] : null,
    executingUnits: row.executing_units,
    resultsDescription: row.results_description,
    planObjective: row.plan_objective,
    measure: measureOf(row) as MeasureInput,
  };
}

async function definitionErrors(
  trx: plan.Trx,
  d: Definition,
  given: ReadonlySet<string>,
): Promise<FieldError[]> {
  const errors = personalTextErrors({
    description: given.has('description') ? d.description : undefined,
    indicator: given.has('indicator') ? d.indicator : undefined,
    unitOfMeasure: given.has('unitOfMeasure') ? d.unitOfMeasure : undefined,
    executingUnits: given.has('executingUnits') ? d.executingUnits : undefined,
    resultsDescription: given.has('resultsDescription') ? d.resultsDescription : undefined,
    planObjective: given.has('planObjective') ? d.planObjective : undefined,
  });
  const quarters = d.programmedByQuarter;
  if (quarters && compareDecimals(sumDecimals(quarters), d.programmed) !== 0) {
    errors.push({
      path: given.has('programmedByQuarter') ? 'body.programmedByQuarter' : 'body.programmed',
      code: 'quarters_do_not_add_up',
      message: 'The quarters must add up to the programmed value exactly',
    });
  }
  if (given.has('measure')) errors.push(...(await missingIds(trx, d.measure)));
  return errors;
}

/** Each campaign or training programme a filter names must exist. */
async function missingIds(trx: plan.Trx, measure: MeasureInput): Promise<FieldError[]> {
  const filters: MeasureFilters = measure.filters;
  const errors: FieldError[] = [];
  const check = (
    ids: readonly string[] | undefined,
    found: Set<string>,
    field: string,
    code: string,
  ) =>
    ids?.forEach((id, i) => {
      if (!found.has(id)) {
        errors.push({ path: `body.measure.filters.${field}.${i}`, code, message: 'Not found' });
      }
    });
  if (filters.campaignIds?.length) {
    const found = await repo.existingCampaigns(trx, filters.campaignIds);
    check(filters.campaignIds, found, 'campaignIds', 'campaign_not_found');
  }
  if (filters.programmeIds?.length) {
    const found = await repo.existingProgrammes(trx, filters.programmeIds);
    check(filters.programmeIds, found, 'programmeIds', 'programme_not_found');
  }
  return errors;
}

export function createTarget(
  deps: TargetsDeps,
  actor: StaffActor,
  input: NewTarget,
): Promise<TargetDetail> {
  requireCoordinator(actor);
  const today = ecuadorDate(deps.clock());
  return inActorTransaction(deps.store, actor, async (trx) => {
    const errors = await definitionErrors(trx, input, new Set(Object.keys(input)));
    if (!(await plan.findProject(trx, input.projectId))) {
      errors.unshift({
        path: 'body.projectId',
        code: 'project_not_found',
        message: 'No such project',
      });
    }
    refuseInvalid(errors);
    const id = await repo.insertTarget(trx, {
      ...columnsOf(input),
      project_id: input.projectId,
      year: input.year,
      created_by: actor.id,
    });
    audited(trx, 'target.create', id);
    return targetDetailOf(trx, id, today);
  });
}

/**
 * A partial change from the version read (409 stale_version otherwise).
 * Changing the measure keeps any manual values entered: they count again if
 * the target becomes manual again.
 */
export function updateTarget(
  deps: TargetsDeps,
  actor: StaffActor,
  id: string,
  change: TargetChange,
): Promise<TargetDetail> {
  requireCoordinator(actor);
  const today = ecuadorDate(deps.clock());
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.findTarget(trx, id, true);
    if (!row) throw problems.notFound();
    if (row.version !== change.version) throw stale('target');
    const { version, ...fields } = change;
    const definition: Definition = { ...definitionOf(row), ...definedOnly(fields) };
    const given = new Set(Object.keys(definedOnly(fields)));
    refuseInvalid(await definitionErrors(trx, definition, given));
    if (!(await plan.updateAtVersion(trx, 'targets', id, version, columnsOf(definition)))) {
      throw stale('target');
    }
    audited(trx, 'target.update', id);
    return targetDetailOf(trx, id, today);
  });
}

/** A target defined in error, while no manual value was entered for it (409 in_use otherwise). */
export async function deleteTarget(
  deps: TargetsDeps,
  actor: StaffActor,
  id: string,
): Promise<void> {
  requireCoordinator(actor);
  try {
    await inActorTransaction(deps.store, actor, async (trx) => {
      if (!(await repo.findTarget(trx, id, true))) throw problems.notFound();
      if (await repo.hasManualValues(trx, id)) {
        throw inUse('Values were entered for it: they are kept; change it instead.');
      }
      await plan.deleteRow(trx, 'targets', id);
      audited(trx, 'target.delete', id);
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw inUse('Values were entered for it meanwhile.');
    throw error;
  }
}

export const notManual = () =>
  new ProblemError(
    409,
    'not_manual',
    'The target is computed',
    "Its executed value is computed from Amparo's records; values are entered only for a manual one.",
  );
