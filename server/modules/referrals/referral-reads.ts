import { problems } from '../../http/problem';
import { type ReferralActor, type ReferralsDeps, withReferral } from './referral-access';
import { openReferralKey, packageAddress, unseal } from './referral-crypto';
import { historyOf, toReferral } from './referral-view';
import { findPackage, findReferralKey, markOpened } from './referrals.repository';
import type { DisclosurePackage, Referral } from './referrals.schemas';

/** One referral with its history (outcome and feedback included): an audited read. */
export function readReferral(
  deps: ReferralsDeps,
  actor: ReferralActor,
  id: string,
): Promise<Referral> {
  const audit = { action: 'referral.read', purpose: 'view' };
  return withReferral(deps, actor, id, audit, async (trx, row, side) => ({
    ...toReferral(row, side, deps.clock()),
    history: await historyOf(trx, deps.keyring, id),
  }));
}

/**
 * The disclosure package, for the receiving institution only; the first
 * open is remembered (revocation then closes it rather than withdrawing the
 * referral). Every open is an audited disclosure.
 */
export function readPackage(
  deps: ReferralsDeps,
  actor: ReferralActor,
  id: string,
  audit: { action: string } = { action: 'referral.package.read' },
): Promise<DisclosurePackage> {
  return withReferral(
    deps,
    actor,
    id,
    { ...audit, purpose: 'disclosure' },
    async (trx, row, side) => {
      if (side !== 'recipient') throw problems.notFound();
      const stored = row.package_closed_at ? undefined : await findPackage(trx, id);
      const wrapped = stored && (await findReferralKey(trx, id));
      if (!stored || !wrapped) {
        throw problems.conflict(
          'package_closed',
          'This package is no longer available',
          'The consent it was shared under was revoked, or the case was erased.',
        );
      }
      const key = openReferralKey(deps.keyring, id, wrapped);
      const content = JSON.parse(unseal(key, packageAddress(id), stored.content_enc)) as unknown;
      await markOpened(trx, id, deps.clock());
      return {
        referralId: id,
        institutionId: row.institution_id,
        createdAt: stored.created_at.toISOString(),
        categories: row.categories as DisclosurePackage['categories'],
        content: content as DisclosurePackage['content'],
      };
    },
  );
}
