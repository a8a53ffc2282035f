import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { onAuditedRecord, withAuditedRefusals } from '../../db/audited-record';
import { violatedUniqueConstraint } from '../../db/errors';
import { problems, refuseInvalid } from '../../http/problem';
import { record } from '../audit';
import * as repo from './management-reports.repository';
import type {
  ManagementReportApproval,
  ManagementReportChange,
  ManagementReportDetail,
  ManagementReportReview,
  NewManagementReport,
} from './management-reports.schemas';
import {
  frozen,
  reportResource,
  stale,
  type ManagementReportsDeps,
} from './management-reports.service';
import { approvableFrom, detailOf, signatureOf, snapshotFor } from './report-read';
import { figuresDigest } from './report-figures';
import { ecuadorDate } from '../../http/ecuador-calendar';
import { personalTextErrors } from '../../http/plain-text';

/*
 * A report's life: a coordinator creates a draft (its preparer) and edits
 * its texts; another coordinator reviews it (at any time); a third approves
 * it once its period has ended, which freezes its figures (the snapshot) for
 * good. Each change audited once; the four-eyes refusals audited too. The
 * database (0028's trigger, 0029's checks) holds the same rules.
 */

const alreadyApproved = () =>
  problems.conflict(
    'period_already_approved',
    'The period already has an approved report',
    'An approved report is the one on record; it never changes.',
  );

const periodNotEnded = (row: Pick<repo.ReportRow, 'period_year' | 'period_quarter'>) =>
  problems.conflict(
    'period_not_ended',
    "The report's period has not ended",
    `It can be approved from ${approvableFrom(row)} (Ecuador): until then its figures are ` +
      'still moving.',
  );

export function createReport(
  deps: ManagementReportsDeps,
  actor: StaffActor,
  input: NewManagementReport,
): Promise<ManagementReportDetail> {
  return inActorTransaction(deps.store, actor, async (trx) => {
    const { year, quarter, ...texts } = input;
    refuseInvalid(personalTextErrors(texts));
    if (await repo.approvedOfPeriod(trx, year, quarter)) throw alreadyApproved();
    const id = await repo.insertReport(trx, { year, quarter, preparedBy: actor.id, ...texts });
    record(trx, {
      action: 'management_report.create',
      outcome: 'success',
      resourceType: 'management_report',
      resourceId: id,
    });
    return detailOf(trx, deps, id);
  });
}

function textsOf(input: Partial<repo.Texts>): Partial<repo.Texts> {
  const texts: Partial<repo.Texts> = {};
  for (const key of ['conclusions', 'recommendations', 'challenges'] as const) {
    if (input[key] !== undefined) texts[key] = input[key];
  }
  return texts;
}

/**
 * The draft, held until the transaction ends (409 report_approved when it
 * is approved). Row-level security lets no one lock an approved report (the
 * update policy: drafts only), hence the plain read first.
 */
async function heldDraft(trx: repo.Trx, id: string): Promise<repo.ReportRow> {
  const row = await repo.findReport(trx, id);
  if (!row) throw problems.notFound();
  if (row.status === 'approved') throw frozen();
  const held = await repo.findReport(trx, id, true);
  // Approved meanwhile, by a transaction that committed first.
  if (!held || held.status === 'approved') throw frozen();
  return held;
}

/** The draft at `version`, held; 409 stale_version at another one. */
async function draftAt(trx: repo.Trx, id: string, version: number): Promise<repo.ReportRow> {
  const row = await heldDraft(trx, id);
  if (row.version !== version) throw stale();
  return row;
}

/** The preparer changes the texts of their draft; that withdraws its review. */
export function updateReport(
  deps: ManagementReportsDeps,
  actor: StaffActor,
  id: string,
  change: ManagementReportChange,
): Promise<ManagementReportDetail> {
  return onAuditedRecord(
    deps.store,
    actor,
    { resource: reportResource(id), audit: { action: 'management_report.update' } },
    async (trx) => {
      const row = await draftAt(trx, id, change.version);
      if (row.prepared_by !== actor.id) throw problems.forbidden();
      const texts = textsOf(change);
      refuseInvalid(personalTextErrors(texts));
      if (!(await repo.updateTexts(trx, id, change.version, texts))) throw stale();
      return detailOf(trx, deps, id);
    },
  );
}

/** The preparer deletes a draft they no longer want; an approved report is never deleted. */
export function deleteReport(
  deps: ManagementReportsDeps,
  actor: StaffActor,
  id: string,
): Promise<void> {
  return onAuditedRecord(
    deps.store,
    actor,
    { resource: reportResource(id), audit: { action: 'management_report.delete' } },
    async (trx) => {
      const row = await heldDraft(trx, id);
      if (row.prepared_by !== actor.id) throw problems.forbidden();
      if (!(await repo.deleteDraft(trx, id))) throw problems.notFound();
    },
  );
}

/** A coordinator other than the preparer reviews the draft as it stands (its version). */
export function reviewReport(
  deps: ManagementReportsDeps,
  actor: StaffActor,
  id: string,
  input: ManagementReportReview,
): Promise<ManagementReportDetail> {
  return onAuditedRecord(
    deps.store,
    actor,
    { resource: reportResource(id), audit: { action: 'management_report.review' } },
    async (trx) => {
      const row = await draftAt(trx, id, input.version);
      if (row.prepared_by === actor.id) {
        throw problems.fourEyes(
          'You prepared this report',
          'Another coordinator reviews and approves it.',
        );
      }
      if (!(await repo.recordReview(trx, id, input.version, actor.id))) throw stale();
      return detailOf(trx, deps, id);
    },
  );
}

/**
 * A coordinator who neither prepared nor reviewed it approves a reviewed
 * draft whose period has ended (in Ecuador): its
 * figures, computed now, must be those the approver read (figuresDigest),
 * and are stored with it — the approved report never reads the records
 * again. One approved report per period.
 */
export function approveReport(
  deps: ManagementReportsDeps,
  actor: StaffActor,
  id: string,
  input: ManagementReportApproval,
): Promise<ManagementReportDetail> {
  return withAuditedRefusals(deps.store, actor, reportResource(id), () =>
    inActorTransaction(deps.store, actor, async (trx) => {
      const row = await draftAt(trx, id, input.version);
      if (row.prepared_by === actor.id) {
        throw problems.fourEyes('You prepared this report', 'A third coordinator approves it.');
      }
      if (!row.reviewed_by) {
        throw problems.conflict(
          'not_reviewed',
          'The report has not been reviewed',
          'A coordinator other than its preparer reviews it first.',
        );
      }
      if (row.reviewed_by === actor.id) {
        throw problems.fourEyes(
          'You reviewed this report',
          'A third coordinator, neither its preparer nor its reviewer, approves it.',
        );
      }
      // The approver's name and the time, as the database records them (0028).
      const { name, now } = await repo.signingContext(trx);
      // Approved from the day after its period, in Ecuador (0029 checks it too).
      if (ecuadorDate(now) < approvableFrom(row)) throw periodNotEnded(row);
      if (await repo.approvedOfPeriod(trx, row.period_year, row.period_quarter)) {
        throw alreadyApproved();
      }
      const live = await snapshotFor(trx, deps, row, now);
      if (figuresDigest(live) !== input.figuresDigest) {
        throw problems.conflict(
          'figures_changed',
          "The report's figures changed since you read them",
          'Read the preview again and approve what it shows.',
        );
      }
      const snapshot = {
        ...live,
        status: 'approved' as const,
        approvedBy: signatureOf(name, now),
      };
      try {
        const approved = await repo.recordApproval(trx, id, input.version, actor.id, snapshot);
        if (!approved) throw stale();
      } catch (error) {
        if (violatedUniqueConstraint(error) === 'management_reports_one_approved') {
          throw alreadyApproved();
        }
        throw error;
      }
      record(trx, {
        action: 'management_report.approve',
        outcome: 'success',
        resourceType: 'management_report',
        resourceId: id,
      });
      return detailOf(trx, deps, id);
    }),
  );
}
