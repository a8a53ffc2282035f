import type { ColumnType, Generated } from 'kysely';
import type { InstitutionSector } from '../modules/institutions/institutions.schemas';
import type {
  CertificateAuthorityTable,
  ConsentEventsTable,
  InstitutionCertificatesTable,
  ConsentsTable,
  ReferralConsentsTable,
  ReferralEventsTable,
  ReferralKeysTable,
  ReferralPackagesTable,
  ReferralsTable,
} from './schema.partners';
import type {
  MailOutboxTable,
  NotificationsTable,
  ReferralOverdueNoticesTable,
} from './schema.notifications';
import type {
  PrivacyBudgetLedgerTable,
  PrivacyBudgetsTable,
  StatisticsReleasesTable,
} from './schema.statistics';
import type {
  CampaignActivitiesTable,
  CampaignActivityReachTable,
  CampaignPlannedReachTable,
  CampaignReleasesTable,
  CampaignsTable,
} from './schema.campaigns';
import type {
  TrainingAttendanceTable,
  TrainingCompletionsView,
  TrainingEnrolmentsTable,
  TrainingParticipantsTable,
  TrainingProgrammesTable,
  TrainingSessionsTable,
} from './schema.trainings';
import type {
  TrainingCertificatesTable,
  TrainingCertificateVerificationsTable,
} from './schema.training-certificates';
import type { ManagementReportsTable } from './schema.management-reports';
import type {
  BudgetEntriesTable,
  PlanProgramsTable,
  PlanProjectsTable,
  TargetManualValuesTable,
  TargetsTable,
} from './schema.targets';

/** Kysely's view of the tables. Column names stay snake_case, as in the SQL. */
export interface DB {
  schema_migrations: SchemaMigrationsTable;
  institutions: InstitutionsTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  users: UsersTable;
  sessions: SessionsTable;
  teams: TeamsTable;
  cases: CasesTable;
  case_keys: CaseKeysTable;
  case_blind_indexes: CaseBlindIndexesTable;
  case_access_grants: CaseAccessGrantsTable;
  review_decisions: ReviewDecisionsTable;
  case_notes: CaseNotesTable;
  case_attachments: CaseAttachmentsTable;
  consents: ConsentsTable;
  consent_events: ConsentEventsTable;
  referrals: ReferralsTable;
  referral_consents: ReferralConsentsTable;
  referral_keys: ReferralKeysTable;
  referral_packages: ReferralPackagesTable;
  referral_events: ReferralEventsTable;
  certificate_authority: CertificateAuthorityTable;
  institution_certificates: InstitutionCertificatesTable;
  notifications: NotificationsTable;
  mail_outbox: MailOutboxTable;
  referral_overdue_notices: ReferralOverdueNoticesTable;
  statistics_releases: StatisticsReleasesTable;
  privacy_budgets: PrivacyBudgetsTable;
  privacy_budget_ledger: PrivacyBudgetLedgerTable;
  campaigns: CampaignsTable;
  campaign_planned_reach: CampaignPlannedReachTable;
  campaign_releases: CampaignReleasesTable;
  campaign_activities: CampaignActivitiesTable;
  campaign_activity_reach: CampaignActivityReachTable;
  training_programmes: TrainingProgrammesTable;
  training_sessions: TrainingSessionsTable;
  training_participants: TrainingParticipantsTable;
  training_enrolments: TrainingEnrolmentsTable;
  training_attendance: TrainingAttendanceTable;
  training_completions: TrainingCompletionsView;
  training_certificates: TrainingCertificatesTable;
  training_certificate_verifications: TrainingCertificateVerificationsTable;
  management_reports: ManagementReportsTable;
  plan_programs: PlanProgramsTable;
  plan_projects: PlanProjectsTable;
  budget_entries: BudgetEntriesTable;
  targets: TargetsTable;
  target_manual_values: TargetManualValuesTable;
  scheduled_jobs: ScheduledJobsTable;
}

/** One row per periodic job (server/jobs); bigint as text. */
export interface ScheduledJobsTable {
  name: string;
  runs: ColumnType<string, never, never>;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_failed_at: Date | null;
  last_instance: string | null;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, never, never>;
}

export interface InstitutionsTable {
  id: Generated<string>;
  name: string;
  sector: InstitutionSector;
  is_lead_agency: Generated<boolean>;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  disabled_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface AuditEventsTable {
  /** Chain position, set by the sealer after commit (bigint as text: exact). */
  seq: string | null;
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_role: string;
  institution_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  purpose: string | null;
  outcome: 'success' | 'denied' | 'error';
  request_id: string | null;
  prev_hash: Buffer | null;
  hash: Buffer | null;
  /** HMAC of the content; null only on events sealed before migration 0007. */
  mac: Buffer | null;
  /** Insertion order: the sealer seals in this order. */
  written: ColumnType<string, never, never>;
}

export interface AuditChainHeadTable {
  singleton: Generated<boolean>;
  seq: string;
  hash: Buffer;
}

export interface UsersTable {
  id: Generated<string>;
  institution_id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'supervisor' | 'caseworker' | 'partner' | 'coordinator' | 'auditor';
  password_hash: string;
  password_must_change: Generated<boolean>;
  active: Generated<boolean>;
  sessions_valid_after: Generated<Date>;
  totp_secret_enc: Buffer | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null; // bigint, as text
  /** Keyring version that wraps totp_secret_enc; null: the earlier format (0017). */
  totp_kek_version: number | null;
  totp_failures: Generated<number>;
  totp_locked_at: Date | null;
  team_id: string | null;
  team_access: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface SessionsTable {
  id_hash: Buffer;
  user_id: string | null;
  data: ColumnType<unknown, string, string>;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
}

export interface TeamsTable {
  id: Generated<string>;
  name: string;
  created_at: ColumnType<Date, never, never>;
}

/** Identifying fields are the `*_enc` columns (ciphertext); everything else is clear. */
export interface CasesTable {
  id: Generated<string>;
  case_number: string;
  status: Generated<'intake' | 'active' | 'follow_up' | 'closed' | 'closed_referred'>;
  risk_level: 'low' | 'medium' | 'high' | 'critical';
  team_id: string;
  assigned_to: string | null;
  version: Generated<number>;
  identified_on: ColumnType<Date, string, string>;
  sex: string;
  age_at_identification: number | null;
  age_band: string;
  nationality: string | null;
  migrant_status: string | null;
  province: string | null;
  canton: string | null;
  trafficking_status: string;
  status_determined_by: string | null;
  exploitation_types: Generated<string[]>;
  recruitment_methods: Generated<string[]>;
  control_methods: Generated<string[]>;
  vulnerability_groups: Generated<string[]>;
  identifying_agency_id: string | null;
  language: string | null;
  full_name_enc: Buffer | null;
  aliases_enc: Buffer | null;
  date_of_birth_enc: Buffer | null;
  document_type_enc: Buffer | null;
  document_number_enc: Buffer | null;
  phone_enc: Buffer | null;
  email_enc: Buffer | null;
  address_enc: Buffer | null;
  emergency_contact_enc: Buffer | null;
  narrative_enc: Buffer | null;
  health_notes_enc: Buffer | null;
  legal_notes_enc: Buffer | null;
  education_notes_enc: Buffer | null;
  created_by: string;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  erased_at: Date | null;
  /** A requested correction that makes a minor an adult, awaiting approval (0018). */
  age_correction_to: number | null;
  age_correction_reason: string | null;
  age_correction_by: string | null;
  age_correction_at: Date | null;
}

export interface CaseKeysTable {
  case_id: string;
  kek_version: number;
  wrapped_key: Buffer;
  created_at: ColumnType<Date, never, never>;
  rewrapped_at: Date | null;
}

export interface CaseBlindIndexesTable {
  case_id: string;
  team_id: string;
  field: 'document_number' | 'phone';
  value: Buffer;
}

export interface CaseAccessGrantsTable {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  expires_at: Date;
  created_at: ColumnType<Date, never, never>;
  justification_enc: Buffer | null;
  /** The team whose review queue lists the grant: the case's team when it was made (0016). */
  owner_team_id: string;
}

/** A supervisor's decision on an entry of the review queue (0016). */
export interface ReviewDecisionsTable {
  id: Generated<string>;
  kind: 'break_glass' | 'consent_override';
  subject_id: string;
  team_id: string;
  outcome: 'justified' | 'not_justified' | 'needs_follow_up';
  reviewed_by: string;
  created_at: ColumnType<Date, never, never>;
}

export interface CaseNotesTable {
  id: string;
  case_id: string;
  author_id: string;
  body_enc: Buffer;
  created_at: ColumnType<Date, never, never>;
}

export interface CaseAttachmentsTable {
  id: string;
  case_id: string;
  uploaded_by: string;
  content_type: 'application/pdf' | 'image/png' | 'image/jpeg';
  size_bytes: number;
  filename_enc: Buffer;
  content_enc: Buffer;
  created_at: ColumnType<Date, never, never>;
}
