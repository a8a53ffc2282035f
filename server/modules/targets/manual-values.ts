import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems, refuseInvalid } from '../../http/problem';
import { record } from '../audit';
import { targetDetailOf } from './target-read';
import { notManual } from './target-write';
import type { NewManualValue, TargetDetail } from './target.schemas';
import * as repo from './targets.repository';
import { type TargetsDeps } from './targets.service';
import { personalTextErrors } from '../../http/plain-text';
import { requireCoordinator } from '../auth';
import { ecuadorDate, quarterPeriod } from '../../http/ecuador-calendar';

/**
 * Entering the executed value of a quarter of a manual target: append-only,
 * naming who entered it and when (the row and its audit event); a later entry
 * for the same quarter replaces it in the figures, and both stay.
 */
export function createManualValue(
  deps: TargetsDeps,
  actor: StaffActor,
  targetId: string,
  input: NewManualValue,
): Promise<TargetDetail> {
  requireCoordinator(actor);
  const today = ecuadorDate(deps.clock());
  return inActorTransaction(deps.store, actor, async (trx) => {
    // Held, so that its measure cannot change meanwhile.
    const target = await repo.findTarget(trx, targetId, true);
    if (!target) throw problems.notFound();
    if (target.measure_kind !== 'manual') throw notManual();
    const quarter = input.quarter as 1 | 2 | 3 | 4;
    refuseInvalid([
      ...personalTextErrors({ note: input.note }),
      ...(quarterPeriod(target.year, quarter).from > today
        ? [
            {
              path: 'body.quarter',
              code: 'quarter_not_started',
              message: 'The quarter has not begun',
            },
          ]
        : []),
    ]);
    const id = await repo.insertManualValue(trx, {
      target_id: targetId,
      quarter,
      value: input.value,
      note: input.note,
      recorded_by: actor.id,
    });
    record(trx, {
      action: 'target.manual_value.create',
      outcome: 'success',
      resourceType: 'target_manual_value',
      resourceId: id,
    });
    return targetDetailOf(trx, targetId, today);
  });
}
