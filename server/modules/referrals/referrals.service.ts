import { randomUUID } from 'node:crypto';
import {
  canHoldCases,
  consentCoverage,
  referralNeeds,
  type DataCategory,
} from '../../../security/policy';
import { inActorTransaction } from '../../db/actor-transaction';
import { withAuditedRefusals } from '../../db/audited-record';
import type { StaffActor } from '../../db/actor-transaction';
import { toPage } from '../../http/pagination';
import { problems } from '../../http/problem';
import { record } from '../audit';
import {
  auditPurpose,
  caseResource,
  isMinorBand,
  lockedCase,
  visibleCase,
  withCase,
} from '../cases';
import { consentsOfCase, factsOf } from '../consents';
import { findInstitution } from '../institutions';
import { snapshotPackage } from './disclosure-package';
import { isStaff, type ReferralActor, type ReferralsDeps } from './referral-access';
import { newReferralKey, overrideAddress, packageAddress, seal } from './referral-crypto';
import { toReferral } from './referral-view';
import {
  insertPackage,
  insertReferral,
  insertReferralEvent,
  listReferrals,
} from './referrals.repository';
import type { NewReferral, Referral, ReferralListQuery } from './referrals.schemas';

/**
 * Refers a case to a partner institution: the consent check, the package
 * snapshot of exactly the chosen categories under the referral's own key,
 * the first history entry — one transaction, audited as a disclosure.
 */
export async function createReferral(
  deps: ReferralsDeps,
  actor: StaffActor,
  input: NewReferral,
): Promise<Referral> {
  if (!canHoldCases(actor)) throw problems.forbidden();
  const now = deps.clock();
  if (Date.parse(input.acknowledgeBy) <= now.getTime()) {
    throw fieldError('body.acknowledgeBy', 'in_past', 'Must be in the future');
  }
  const categories: DataCategory[] = [
    'minimal',
    ...input.categories.filter((c) => c !== 'minimal'),
  ];
  const id = randomUUID();
  const override = input.vitalInterestOverride;
  return withCase(deps, actor, input.caseId, REFER, async (trx, kase) => {
    // Serialised with consent revocation and erasure of the same case (which
    // lock it for update); what follows reads the case as it is once locked.
    const current = await lockedCase(trx, kase, 'share');
    const institution = await findInstitution(trx, input.institutionId);
    if (!institution || institution.isLeadAgency || institution.disabledAt) {
      throw fieldError('body.institutionId', 'not_a_partner', 'Not an active partner institution');
    }
    const consents = (await consentsOfCase(trx, current.id)).map(factsOf);
    const recipient = { institutionId: institution.id, sector: institution.sector };
    const minor = isMinorBand(current.age_band);
    const coverage = consentCoverage(consents, referralNeeds(categories), recipient, minor, now);
    if (coverage.missing.length > 0 && !override) throw consentMissing(coverage.missing, recipient);
    const caseKey = await kase.dataKey();
    const { dataKey, wrapped } = newReferralKey(deps.keyring, id);
    const content = snapshotPackage(current, caseKey, input, categories);
    const row = {
      id,
      case_id: current.id,
      institution_id: institution.id,
      services: input.services,
      urgency: input.urgency,
      categories,
      acknowledge_by: new Date(input.acknowledgeBy),
      status: 'sent',
      decline_reason: null,
      vital_interest_override: override !== undefined,
      override_justification_enc: override
        ? seal(caseKey, overrideAddress(id), override.justification)
        : null,
      opened_at: null,
      package_closed_at: null,
      package_closed_reason: null,
      // Set by the database from the case (a trigger); the same team, read here.
      sender_team_id: current.team_id,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    } as const;
    await insertReferral(trx, row, wrapped, coverage.usedConsentIds);
    await insertPackage(trx, id, seal(dataKey, packageAddress(id), JSON.stringify(content)));
    await insertReferralEvent(trx, {
      referral_id: id,
      from_status: null,
      to_status: 'sent',
      actor_kind: 'user',
      actor_id: actor.id,
      created_at: now,
    });
    record(trx, {
      action: 'referral.disclose',
      outcome: 'success',
      resourceType: 'referral',
      resourceId: id,
      purpose: override ? 'vital_interest' : 'consent',
    });
    return toReferral({ ...row, services: [...row.services], categories }, 'sender', now);
  });
}

const REFER = { action: 'referral.create', needs: 'refer' } as const;

function consentMissing(
  missing: { purpose: string; category: string }[],
  recipient: { sector: string },
) {
  const named = missing.map((m) => `${m.purpose} for ${m.category}`).join(', ');
  return problems
    .conflict(
      'consent_missing',
      'Not covered by an active consent',
      `No active consent covers ${named} to the ${recipient.sector} sector or this institution.`,
    )
    .with('missingConsent', missing);
}

/**
 * The partner's inbox (referrals addressed to their institution) or the
 * sender's outbox (referrals of their own cases; of a case reached by
 * break-glass only when it is named, which is audited); summaries only.
 */
export async function findReferrals(
  deps: ReferralsDeps,
  actor: ReferralActor,
  query: ReferralListQuery,
) {
  const recipient = !isStaff(actor) || actor.role === 'partner';
  const box = query.box ?? (recipient ? 'inbox' : 'sent');
  if ((box === 'inbox') !== recipient) {
    throw fieldError(
      'query.box',
      'wrong_box',
      recipient ? 'Partners have an inbox' : 'Senders have a sent box',
    );
  }
  const now = deps.clock();
  const caseId = recipient ? undefined : query.caseId;
  const list = () =>
    inActorTransaction(deps.store, actor, async (trx) => {
      // One case's referrals: a read about that case, audited (as `break_glass`
      // when it is reached that way); the case must be visible (404 otherwise).
      if (caseId && isStaff(actor)) {
        const kase = await visibleCase(deps, actor, trx, caseId);
        record(trx, {
          action: 'referral.list',
          outcome: 'success',
          resourceType: 'case',
          resourceId: kase.row.id,
          purpose: auditPurpose(kase, 'view'),
        });
      }
      return listReferrals(trx, {
        limit: query.limit,
        after: query.cursor,
        overdue: query.overdue ? { at: now, is: query.overdue === 'true' } : undefined,
        status: query.status,
        caseId,
        // A case reached by break-glass is listed only when named (an audited read).
        ownCasesOnly: !recipient && !caseId,
      });
    });
  const rows =
    caseId && isStaff(actor)
      ? await withAuditedRefusals(deps.store, actor, caseResource(caseId), list)
      : await list();
  const page = toPage(rows, query.limit, (last) => ({
    createdAt: last.created_at.toISOString(),
    id: last.id,
  }));
  const side = recipient ? 'recipient' : 'sender';
  return { ...page, items: page.items.map((row) => toReferral(row, side, now)) };
}

function fieldError(path: string, code: string, message: string) {
  return problems.validation([{ path, code, message }]);
}
