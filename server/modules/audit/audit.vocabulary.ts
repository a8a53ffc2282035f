/**
 * Every action and purpose code an audit event may carry. `AuditEntry` is
 * typed by these lists, so the compiler refuses a code that is not here, and
 * the OpenAPI document publishes them as enums, so the client cannot show a
 * code without a Spanish and an English label.
 *
 * Append-only: a code once written to an audit log stays here for as long as
 * logs holding it exist (the auditors' console must still label it), even if
 * no code path writes it any more. Codes only, never free text.
 */
export const AUDIT_ACTIONS = [
  'access.denied',
  'audit.export',
  'audit.read',
  'audit.report',
  'audit.verify',
  'auth.lockout',
  'auth.login',
  'auth.logout',
  'auth.mfa.enrol',
  'auth.mfa.enrol_start',
  'auth.mfa.lock',
  'auth.password',
  'auth.password_change',
  'auth.step_up',
  'auth.totp',
  'budget.entry.create',
  'budget.entry.void',
  'campaign.activity.create',
  'campaign.activity.delete',
  'campaign.activity.update',
  'campaign.create',
  'campaign.update',
  'case.age_correction.reject',
  'case.age_correction.request',
  'case.assign',
  'case.attachment.create',
  'case.attachment.list',
  'case.attachment.read',
  'case.break_glass',
  'case.create',
  'case.erase',
  'case.minor_status_lifted',
  'case.note.create',
  'case.note.read',
  'case.read',
  'case.status_change',
  'case.update',
  'certificate.issue',
  'certificate.revoke',
  'consent.approve',
  'consent.create',
  'consent.list',
  'consent.revoke',
  'demo.seed',
  'institution.create',
  'institution.disable',
  'institution.enable',
  'institution.update',
  'integrity.alarm',
  'key.rewrap',
  'management_report.approve',
  'management_report.create',
  'management_report.delete',
  'management_report.export_pdf',
  'management_report.export_xlsx',
  'management_report.review',
  'management_report.update',
  'plan.program.create',
  'plan.program.delete',
  'plan.program.update',
  'plan.project.create',
  'plan.project.delete',
  'plan.project.update',
  'referral.create',
  'referral.disclose',
  'referral.list',
  'referral.package.close',
  'referral.package.export',
  'referral.package.read',
  'referral.read',
  'referral.transition',
  'review.acknowledge',
  'review.read',
  'statistics.release.compute',
  'statistics.release.discard',
  'statistics.release.publish',
  'target.create',
  'target.delete',
  'target.manual_value.create',
  'target.update',
  'team.create',
  'training.attendance.record',
  'training.enrolment.add',
  'training.enrolment.list',
  'training.enrolment.remove',
  'training.participant.create',
  'training.participant.erase',
  'training.participant.link',
  'training.participant.list',
  'training.participant.read',
  'training.participant.unlink',
  'training.participant.update',
  'training.programme.create',
  'training.programme.delete',
  'training.programme.update',
  'training.scores.record',
  'training.session.create',
  'training.session.delete',
  'training.session.update',
  'training_certificate.download',
  'training_certificate.issue',
  'training_certificate.list',
  'training_certificate.revoke',
  'training_certificate.verify',
  'user.create',
  'user.disable',
  'user.enable',
  'user.institution_change',
  'user.mfa_reset',
  'user.mfa_unlock',
  'user.password_reset',
  'user.role_change',
  'user.team_change',
  'user.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Why something was done (or refused). Grouped by where the code comes from;
 * a code shared by several groups appears once.
 */
export const AUDIT_PURPOSES = [
  // Reading and changing case data
  'view',
  'edit',
  'break_glass',
  // Disclosure to a partner institution
  'disclosure',
  'consent',
  'vital_interest',
  // Referral statuses a transition moves to, and why a package closed
  'sent',
  'acknowledged',
  'accepted',
  'declined',
  'in_progress',
  'completed',
  'withdrawn',
  'expired',
  'consent_revoked',
  'case_erased',
  'retention_ended',
  'closed_by_sender',
  // Case status reasons
  'assessment_done',
  'services_in_progress',
  'services_completed',
  'referred_elsewhere',
  'lost_contact',
  'declined_services',
  'relocated',
  'reopened',
  // Erasure reasons
  'person_request',
  'legal_obligation',
  'data_minimisation',
  'duplicate_record',
  'created_in_error',
  // Age corrections
  'document_verified',
  'age_assessment',
  'data_entry_error',
  // Consent revocation reasons
  'person_withdrew',
  'guardian_withdrew',
  'recorded_in_error',
  // Supervisors' review outcomes
  'justified',
  'not_justified',
  'needs_follow_up',
  // Certificates: how issued, why revoked
  'csr',
  'generated',
  'key_compromise',
  'superseded',
  'cessation_of_operation',
  // Key rotation (the key family rewrapped)
  'case',
  'referral',
  'ca',
  'totp',
  'totp_upgrade',
  'training_participant',
  // Reading one's own record (training participants)
  'own_record',
  // Sign-in failures
  'unknown_account',
  'account_disabled',
  'wrong_password',
  'second_factor_locked',
  // Integrity alarms
  'decryption_failed',
  'unknown_key_version',
  'uncatalogued_code',
  // Refusals
  'certificate_revoked',
  'institution_disabled',
  'minor_status',
  'four_eyes',
  'cannot_change_own_role',
  'cannot_disable_self',
  'cannot_reset_own_credentials',
  'privacy_budget_exceeded',
  // Shared by several groups
  'other',
] as const;
export type AuditPurpose = (typeof AUDIT_PURPOSES)[number];

export function isAuditAction(code: string): code is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(code);
}

export function isAuditPurpose(code: string): code is AuditPurpose {
  return (AUDIT_PURPOSES as readonly string[]).includes(code);
}

/**
 * A code read back from a column whose CHECK admits only catalogued codes
 * (e.g. a pending age correction's reason). An unlisted one is a programming
 * error: the catalogue must grow first.
 */
export function knownPurpose(code: string | null): AuditPurpose | undefined {
  if (code === null) return undefined;
  if (!isAuditPurpose(code)) throw new Error('audit purpose not in the catalogue');
  return code;
}
