import type { Transaction } from 'kysely';
import { envelopeForRecipient } from '../../../security/pki';
import type { ReferralSide } from '../../../security/policy';
import type { DB } from '../../db/schema';
import { problems } from '../../http/problem';
import { activeCertificateOf } from '../certificates';
import { type ReferralActor, type ReferralsDeps, withReferral } from './referral-access';
import { openReferralKey, packageAddress, unseal } from './referral-crypto';
import { historyOf, toReferral } from './referral-view';
import {
  findPackage,
  findReferralKey,
  lockReferralForFirstOpen,
  markOpened,
  type ReferralRow,
} from './referrals.repository';
import type { DisclosurePackage, Referral } from './referrals.schemas';

/** One referral with its history (outcome and feedback included): an audited read. */
export function readReferral(
  deps: ReferralsDeps,
  actor: ReferralActor,
  id: string,
): Promise<Referral> {
  const audit = { action: 'referral.read', purpose: 'view' } as const;
  return withReferral(deps, actor, id, audit, async (trx, row, { side }) => ({
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
): Promise<DisclosurePackage> {
  const audit = { action: 'referral.package.read', purpose: 'disclosure' } as const;
  return withReferral(deps, actor, id, audit, (trx, row, { side }) =>
    openPackage(deps, trx, row, side),
  );
}

/**
 * The same package as CMS EnvelopedData (DER) that only the institution's
 * current certificate can open (`openssl cms -decrypt`). An audited export.
 */
export function exportPackage(
  deps: ReferralsDeps,
  actor: ReferralActor,
  id: string,
): Promise<Buffer> {
  const audit = { action: 'referral.package.export', purpose: 'disclosure' } as const;
  return withReferral(deps, actor, id, audit, async (trx, row, { side }) => {
    const disclosed = await openPackage(deps, trx, row, side);
    const certificate = await activeCertificateOf(trx, row.institution_id, deps.clock());
    if (!certificate) {
      throw problems.conflict(
        'no_certificate',
        'The institution has no valid certificate',
        'An administrator must issue one before packages can be exported.',
      );
    }
    return envelopeForRecipient(
      Buffer.from(JSON.stringify(disclosed), 'utf8'),
      certificate.certificate_pem,
    );
  });
}

async function openPackage(
  deps: ReferralsDeps,
  trx: Transaction<DB>,
  found: ReferralRow,
  side: ReferralSide,
): Promise<DisclosurePackage> {
  if (side !== 'recipient') throw problems.notFound();
  // Later opens read without a lock: a closure committed meanwhile hides the
  // package row from the next statement already (a new snapshot per statement).
  const row = found.opened_at ? found : await lockReferralForFirstOpen(trx, found.id);
  if (!row) throw problems.notFound();
  const stored = row.package_closed_at ? undefined : await findPackage(trx, row.id);
  const wrapped = stored && (await findReferralKey(trx, row.id));
  if (!stored || !wrapped) {
    throw problems
      .conflict(
        'package_closed',
        'This package is no longer available',
        'The referral ended, the consent it was shared under was revoked, or the case was erased.',
      )
      .with('reason', row.package_closed_reason ?? 'case_erased');
  }
  const key = openReferralKey(deps.keyring, row.id, wrapped);
  const content = JSON.parse(unseal(key, packageAddress(row.id), stored.content_enc)) as unknown;
  if (!row.opened_at) await markOpened(trx, row.id, deps.clock()); // only the first open writes
  return {
    referralId: row.id,
    institutionId: row.institution_id,
    createdAt: stored.created_at.toISOString(),
    categories: row.categories as DisclosurePackage['categories'],
    content: content as DisclosurePackage['content'],
  };
}
