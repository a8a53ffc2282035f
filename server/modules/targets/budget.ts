import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems, type FieldError, refuseInvalid } from '../../http/problem';
import { record } from '../audit';
import * as repo from './budget.repository';
import {
  accruedWithin,
  codedOn,
  execution,
  executionOf,
  overAccrued,
  totalOf,
  type CountedEntry,
} from './budget-execution';
import type {
  BudgetEntry,
  BudgetEntryVoid,
  BudgetQuarter,
  BudgetSummary,
  BudgetSummaryQuery,
  NewBudgetEntry,
  ProjectBudget,
} from './budget.schemas';
import { compareDecimals, toDecimal2 } from '../../db/decimal';
import { quartersUpTo } from './periods';
import * as plan from './plan.repository';
import { type TargetsDeps } from './targets.service';
import type { VoidReason } from './targets.vocabularies';
import { personalTextErrors } from '../../http/plain-text';
import { requireCoordinator } from '../auth';
import { ecuadorDate, quarterPeriod, yearToDate } from '../../http/ecuador-calendar';

/**
 * A project's budget entries and the execution they add up to: coordinators;
 * each entry and each void audited once. Entries are never changed or
 * deleted: one made in error is voided, and the right one recorded.
 */

export function toEntry(row: repo.EntryRow): BudgetEntry {
  return {
    id: row.id,
    projectId: row.project_id,
    kind: row.kind,
    date: row.date_text,
    amount: toDecimal2(row.amount_text),
    note: row.note,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
    voided:
      row.voided_at && row.voided_by
        ? {
            by: row.voided_by,
            at: row.voided_at.toISOString(),
            reason: row.void_reason as VoidReason,
          }
        : null,
  };
}

/** The entries that count, ranked in the order given (entriesOfYear's: as recorded). */
export const counted = (rows: readonly repo.EntryRow[]): CountedEntry[] =>
  rows
    .map((r, recordOrder) => ({ r, recordOrder }))
    .filter(({ r }) => r.voided_at === null)
    .map(({ r, recordOrder }) => ({
      projectId: r.project_id,
      kind: r.kind,
      date: r.date_text,
      amount: r.amount_text,
      recordOrder,
    }));

/** Q1 up to `quarter`: coded at each quarter's end, accrued within it and up to it. */
export function quartersOf(
  entries: readonly CountedEntry[],
  year: number,
  quarter?: 1 | 2 | 3 | 4,
): BudgetQuarter[] {
  const from = `${year}-01-01`;
  return quartersUpTo(quarter).map((q) => {
    const period = quarterPeriod(year, q);
    const toDate = execution(
      codedOn(entries, from, period.to),
      accruedWithin(entries, from, period.to),
    );
    return {
      quarter: q,
      coded: toDate.coded,
      accrued: accruedWithin(entries, period.from, period.to),
      accruedToDate: toDate.accrued,
      executionPercent: toDate.executionPercent,
    };
  });
}

async function projectBudget(
  trx: plan.Trx,
  projectId: string,
  year: number,
): Promise<ProjectBudget> {
  const rows = await repo.entriesOfYear(trx, year, [projectId]);
  const entries = counted(rows);
  const whole = executionOf(entries, yearToDate(year));
  return {
    projectId,
    year,
    execution: whole,
    quarters: quartersOf(entries, year),
    overAccrued: overAccrued(whole),
    entries: rows.map(toEntry),
  };
}

export function readProjectBudget(
  deps: TargetsDeps,
  actor: StaffActor,
  projectId: string,
  year: number,
): Promise<ProjectBudget> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    if (!(await plan.findProject(trx, projectId))) throw problems.notFound();
    return projectBudget(trx, projectId, year);
  });
}

const entryErrors = (input: NewBudgetEntry, today: string): FieldError[] => [
  ...personalTextErrors({ note: input.note }),
  ...(input.date > today
    ? [{ path: 'body.date', code: 'in_the_future', message: 'Must not be after today' }]
    : []),
  ...(input.kind === 'devengado' && compareDecimals(input.amount, '0') === 0
    ? [{ path: 'body.amount', code: 'too_small', message: 'An accrued amount is more than 0' }]
    : []),
];

/** Records an entry; answers the project's budget for the entry's year as it now stands. */
export function createEntry(
  deps: TargetsDeps,
  actor: StaffActor,
  projectId: string,
  input: NewBudgetEntry,
): Promise<ProjectBudget> {
  requireCoordinator(actor);
  const today = ecuadorDate(deps.clock());
  return inActorTransaction(deps.store, actor, async (trx) => {
    if (!(await plan.findProject(trx, projectId))) throw problems.notFound();
    refuseInvalid(entryErrors(input, today));
    const id = await repo.insertEntry(trx, {
      project_id: projectId,
      kind: input.kind,
      entry_date: input.date,
      amount: input.amount,
      note: input.note,
      recorded_by: actor.id,
    });
    record(trx, {
      action: 'budget.entry.create',
      outcome: 'success',
      resourceType: 'budget_entry',
      resourceId: id,
    });
    return projectBudget(trx, projectId, Number(input.date.slice(0, 4)));
  });
}

/** Voids an entry made in error (once: 409 already_voided); answers the project's budget for its year. */
export function voidEntry(
  deps: TargetsDeps,
  actor: StaffActor,
  id: string,
  input: BudgetEntryVoid,
): Promise<ProjectBudget> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.findEntry(trx, id, true);
    if (!row) throw problems.notFound();
    if (row.voided_at !== null || !(await repo.voidEntry(trx, id, actor.id, input.reason))) {
      throw problems.conflict('already_voided', 'The entry is already voided');
    }
    record(trx, {
      action: 'budget.entry.void',
      outcome: 'success',
      resourceType: 'budget_entry',
      resourceId: id,
      purpose: input.reason,
    });
    return projectBudget(trx, row.project_id, Number(row.date_text.slice(0, 4)));
  });
}

/** Every program and project with its budget execution for a year, or up to a quarter. */
export function budgetSummary(
  deps: TargetsDeps,
  actor: StaffActor,
  query: BudgetSummaryQuery,
): Promise<BudgetSummary> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const period = yearToDate(query.year, query.quarter);
    const programs = await plan.programs(trx);
    const projects = await plan.projects(trx);
    const entries = counted(
      await repo.entriesOfYear(trx, query.year, undefined, { counted: true }),
    );
    const rows = programs.map((program) => {
      const own = projects
        .filter((p) => p.program_id === program.id)
        .map((project) => {
          const mine = entries.filter((e) => e.projectId === project.id);
          return {
            id: project.id,
            code: project.code,
            name: project.name,
            budget: executionOf(mine, period),
            quarters: quartersOf(mine, query.year, query.quarter),
          };
        });
      return {
        id: program.id,
        code: program.code,
        name: program.name,
        budget: totalOf(own.map((p) => p.budget)),
        projects: own,
      };
    });
    return {
      year: query.year,
      quarter: query.quarter ?? null,
      period,
      programs: rows,
      budget: totalOf(rows.map((p) => p.budget)),
    };
  });
}
