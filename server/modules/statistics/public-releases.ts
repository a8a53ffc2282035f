import { inActorTransaction, type DbActor } from '../../db/actor-transaction';
import { problems } from '../../http/problem';
import * as repo from './statistics.repository';
import { type Release } from './statistics.schemas';
import type { StatisticsDeps } from './budget';
import { toRelease } from './release-view';

/** The public observatory: published releases only, read with no session (not audited: public data). */
export function publishedReleases(
  deps: StatisticsDeps,
  anonymous: DbActor,
  tableId: string | undefined,
): Promise<Release[]> {
  return inActorTransaction(deps.store, anonymous, async (trx) => {
    const rows = await repo.listReleases(trx, { state: 'published', tableId, limit: 500 });
    return rows.map(toRelease);
  });
}

export function publishedRelease(
  deps: StatisticsDeps,
  anonymous: DbActor,
  id: string,
): Promise<Release> {
  return inActorTransaction(deps.store, anonymous, async (trx) => {
    const row = await repo.findRelease(trx, id);
    if (!row || row.published_at === null) throw problems.notFound();
    return toRelease(row);
  });
}
