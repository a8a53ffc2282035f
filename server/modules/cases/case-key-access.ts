import type { Transaction } from 'kysely';
import { withAuditedRefusals } from '../../db/audited-record';
import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import type { DB } from '../../db/schema';
import {
  canHoldCases,
  mayActOnCase,
  type CaseAccess,
  type CaseAction,
} from '../../../security/policy';
import { ProblemError, problems } from '../../http/problem';
import { record, type AuditAction, type AuditPurpose } from '../audit';
import { openCaseKey } from './case-crypto';
import { findCase, lockCase, type CaseRow } from './cases.repository';
import { findCaseForActor } from './case-visibility';
import type { CasesDeps } from './cases.service';

/** A case the actor may see (404 otherwise), how they reach it, and its data key on demand. */
export interface VisibleCase {
  row: CaseRow;
  access: Exclude<CaseAccess, 'none'>;
  dataKey(): Promise<Buffer>;
}

/** The case as a resource of audited use cases: its existence is asked as the system. */
export function caseResource(caseId: string) {
  return {
    type: 'case',
    id: caseId,
    exists: async (trx: Transaction<DB>) => (await findCase(trx, caseId)) !== undefined,
  };
}

export async function visibleCase(
  deps: CasesDeps,
  actor: StaffActor,
  trx: Transaction<DB>,
  caseId: string,
): Promise<VisibleCase> {
  const found = await findCaseForActor(trx, actor, caseId);
  if (!found || found.access === 'none') throw problems.notFound();
  const { row, access, wrappedKey } = found;
  return {
    row,
    access,
    dataKey: () => {
      if (row.erased_at || !wrappedKey) {
        return Promise.reject(problems.conflict('case_erased', 'This case has been erased'));
      }
      return Promise.resolve(openCaseKey(deps.keyring, row.id, wrappedKey));
    },
  };
}

/**
 * Locks the case (see lockCase) and answers it as it is now: 404 when it left
 * the actor's reach meanwhile, 409 when it was erased meanwhile.
 */
export async function lockedCase(
  trx: Transaction<DB>,
  kase: VisibleCase,
  mode: 'share' | 'update',
): Promise<CaseRow> {
  const row = await lockCase(trx, kase.row.id, mode);
  if (!row) throw problems.notFound();
  if (row.erased_at) throw problems.conflict('case_erased', 'This case has been erased');
  return row;
}

/** 403 unless the actor may do `action` the way they reach the case (break-glass reads only). */
export function assertMayAct(kase: Pick<VisibleCase, 'access'>, action: CaseAction): void {
  if (!mayActOnCase(kase.access, action)) throw breakGlassReadOnly();
}

/** Everything done to a case reached by break-glass is audited as such. */
export function auditPurpose(
  kase: Pick<VisibleCase, 'access'>,
  purpose?: AuditPurpose,
): AuditPurpose | undefined {
  return kase.access === 'break_glass' ? 'break_glass' : purpose;
}

export interface CaseUseCase {
  action: AuditAction;
  purpose?: 'view';
  /** What the use case does to the case: break-glass allows only reading and notes. */
  needs: CaseAction;
}

/**
 * The shape of every use case on a case: only case roles; the case loaded
 * under the actor's row-level security and the policy (404 otherwise, the
 * attempt audited), the act allowed for the way the actor reaches it (403,
 * audited); one audit event for the act, in the same transaction.
 */
export function withCase<T>(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  useCase: CaseUseCase,
  work: (trx: Transaction<DB>, kase: VisibleCase) => Promise<T>,
): Promise<T> {
  if (!canHoldCases(actor)) throw problems.forbidden();
  return onCase(deps, actor, caseId, async (trx, kase) => {
    assertMayAct(kase, useCase.needs);
    const result = await work(trx, kase);
    record(trx, {
      action: useCase.action,
      purpose: auditPurpose(kase, useCase.purpose),
      outcome: 'success',
      resourceType: 'case',
      resourceId: kase.row.id,
    });
    return result;
  });
}

/**
 * One transaction on a case the actor may see, refusals audited (404 alike,
 * 403); for use cases that check and audit their acts themselves.
 */
export function onCase<T>(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  work: (trx: Transaction<DB>, kase: VisibleCase) => Promise<T>,
): Promise<T> {
  return withAuditedRefusals(deps.store, actor, caseResource(caseId), () =>
    inActorTransaction(deps.store, actor, async (trx) =>
      work(trx, await visibleCase(deps, actor, trx, caseId)),
    ),
  );
}

/** `withCase` for use cases on the case's encrypted content. */
export function withCaseKey<T>(
  deps: CasesDeps,
  actor: StaffActor,
  caseId: string,
  useCase: CaseUseCase,
  work: (trx: Transaction<DB>, dataKey: Buffer) => Promise<T>,
): Promise<T> {
  return withCase(deps, actor, caseId, useCase, async (trx, kase) =>
    work(trx, await kase.dataKey()),
  );
}

const breakGlassReadOnly = () =>
  new ProblemError(
    403,
    'break_glass_read_only',
    'Break-glass access is for reading',
    'Only the case’s own team may change it, its consents or its referrals.',
  );
