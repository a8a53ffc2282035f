import { inActorTransaction, type StaffActor, type Store } from '../../db/actor-transaction';
import { ProblemError } from '../../http/problem';
import * as repo from './statistics.repository';
import { type Budget } from './statistics.schemas';
import { fromHundredths } from './release-request';
import { requireCoordinator } from '../auth';

/** The yearly budget an installation starts each year with, unless configured (ε × 100). */
export const DEFAULT_YEARLY_BUDGET_HUNDREDTHS = 200;

export interface StatisticsDeps {
  store: Store;
  clock: () => Date;
  yearlyBudgetHundredths: number;
}

export async function budgetOf(
  trx: Parameters<typeof repo.budgetSpent>[0],
  deps: StatisticsDeps,
  year: number,
): Promise<Budget> {
  const fixedTotal = await repo.budgetTotal(trx, year);
  const total = fixedTotal ?? deps.yearlyBudgetHundredths;
  const spent = await repo.budgetSpent(trx, year);
  return {
    year,
    total: fromHundredths(total),
    spent: fromHundredths(spent),
    remaining: fromHundredths(total - spent),
    fixed: fixedTotal !== undefined,
  };
}

export function readBudget(deps: StatisticsDeps, actor: StaffActor, year: number): Promise<Budget> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, (trx) => budgetOf(trx, deps, year));
}

export function budgetExceeded(year: number, remaining: number, needed: number): ProblemError {
  const message =
    `The privacy budget of ${year} has ε ${remaining.toFixed(2)} left; ` +
    `this release needs ε ${needed.toFixed(2)}.`;
  return new ProblemError(409, 'privacy_budget_exceeded', 'Privacy budget exceeded', message, [
    { path: 'body.epsilon', code: 'privacy_budget_exceeded', message },
  ]);
}
