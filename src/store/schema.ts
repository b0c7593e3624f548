/**
 * The database as Kysely sees it: one interface per table, columns in snake_case exactly as stored, in the
 * storage conventions of src/store/README.md (the repositories turn them into plain camelCase values).
 */
import type { ColumnType, Generated } from 'kysely';
import type { CheckJobsTable, CheckRunsTable, CheckSourcesTable, ChecksTable } from './checks-schema.js';
import type { ReportJobsTable } from './report-jobs-schema.js';
import type { RisksTable, VendorReportsTable, VendorsTable } from './risks-schema.js';
import type { TrustDownloadsTable, TrustNdaAcceptancesTable, TrustNdasTable, TrustPagesTable, TrustReportsTable, TrustRequestsTable, TrustSubscriptionLinksTable, TrustSubscriptionsTable } from './trust-schema.js';

/** JSON kept as text. */
export type JsonText = string;
/** ISO-8601 timestamp in UTC, e.g. `2026-11-26T12:00:00.000Z`. */
export type Timestamp = string;
/** A boolean stored as 0 or 1. */
export type BooleanInt = number;
/** A column the database fills with its default unless told otherwise. */
export type Version = Generated<number>;

export interface OrganizationsTable {
  id: string;
  slug: string;
  name: string;
  created_at: Timestamp;
  version: Version;
  /** How the app writes its dates (a `Locale`); the default, en-GB, until its admin chooses. */
  locale: Generated<string>;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  created_at: Timestamp;
  version: Version;
  /** 1 for an instance administrator: may create organisations (unless anyone may) and is the operator's delegate. */
  instance_admin: ColumnType<BooleanInt, BooleanInt | undefined, BooleanInt>;
  /** Set when the operator removed the person from the instance: no sign-in, no session, no API token. */
  deactivated_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

export interface MembershipsTable {
  organization_id: string;
  user_id: string;
  role: string;
  created_at: Timestamp;
  version: Version;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the session token; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  csrf_secret: string;
}

export interface ApiTokensTable {
  id: string;
  organization_id: string;
  name: string;
  /** SHA-256 (hex) of the token; the token itself is shown once and never stored. */
  token_hash: string;
  role: string;
  created_by: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** An invitation to join an organisation in a role; single-use and expiring. */
export interface InvitationsTable {
  id: string;
  organization_id: string;
  /** Trimmed and lower-cased, like users' emails. */
  email: string;
  role: string;
  /** SHA-256 (hex) of the invitation's secret; the secret is shown once to the inviting admin. */
  token_hash: string;
  /** The actor who invited, as the audit log writes it. */
  invited_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  revoked_at: Timestamp | null;
}

/** A person's pending password-reset link (at most one). */
export interface PasswordResetsTable {
  user_id: string;
  /** SHA-256 (hex) of the link's secret. */
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** Failed sign-ins of one key (`account:<email>` or `address:<address>`) and how long it is locked. */
export interface SignInThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface EngagementsTable {
  id: string;
  organization_id: string;
  name: string;
  system: string;
  report_type: string;
  period_start: string | null;
  period_end: string;
  categories: JsonText;
  not_applicable: JsonText;
  sampling_confidence: number;
  tolerable_rate: number;
  pervasive_min_series: number;
  pervasive_min_share: number;
  misstatements: JsonText;
  created_at: Timestamp;
  version: Version;
  /**
   * Bumped in the transaction of every change to what the engine reads (settings, controls, tests, samples),
   * while `version` guards only the settings: the key of the cached evaluation.
   */
  revision: Generated<number>;
  /** The engagement this one re-examines (the previous period); null for a first period or once that one is deleted. */
  previous_engagement_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Since when the engagement is archived (read-only, out of the default lists); null while in use. */
  archived_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

export interface ControlsTable {
  id: string;
  engagement_id: string;
  /** The control's id in the auditor's sense, e.g. `AC-04`; unique within the engagement. */
  code: string;
  title: string;
  criteria: JsonText;
  frequency: string;
  nature: string;
  is_key: BooleanInt;
  design: string;
  compensates: JsonText;
  owner: string | null;
  /** Order of the controls in the engagement, kept so an import exports back in the same order. */
  position: number;
  version: Version;
  /** Since when the control is archived (read-only, out of the examination and the default lists); null while in use. */
  archived_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

export interface ControlTestsTable {
  id: string;
  control_id: string;
  method: string;
  population_size: number | null;
  scope_limitation: string | null;
  /** JSON array of the item ids selected but not yet tested (never counted as samples). */
  untested: Generated<string>;
  version: Version;
}

export interface SamplesTable {
  id: string;
  test_id: string;
  item: string;
  result: string;
  note: string | null;
  position: number;
  /** The role of whoever recorded the result, at the time; null when imported or recorded before it was kept. */
  recorded_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Management's proposal that a criterion does not apply, pending until the auditor decides; never deleted. */
export interface NotApplicableProposalsTable {
  id: string;
  engagement_id: string;
  criterion: string;
  reason: string;
  status: string;
  /** Who proposed it, in words (as the audit log writes the actor). */
  proposed_by: string;
  proposed_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  /** Why it was rejected (or a note on its acceptance). */
  decision_note: string | null;
  version: Version;
}

export interface AuditEventsTable {
  /** Assigned by the database (SQLite AUTOINCREMENT, PostgreSQL identity): never reused, never set by us. */
  seq: ColumnType<number, never, never>;
  organization_id: string | null;
  /** Who acted, in words (`user:<email>`, `operator:cli`, …). */
  actor: string;
  /** Who acted, whole (`AuditActor`); null in events recorded before the log kept it. */
  actor_detail: JsonText | null;
  type: string;
  subject: string;
  before: JsonText | null;
  after: JsonText | null;
  occurred_at: Timestamp;
  prev_hash: string;
  hash: string;
}

/** A root cause of an engagement, shared by the findings traced to it. */
export interface RootCausesTable {
  id: string;
  engagement_id: string;
  /** e.g. `RC-1`; unique within the engagement. */
  code: string;
  title: string;
  category: string;
  /** The 5-whys chain (JSON array of strings). */
  whys: JsonText;
  created_at: Timestamp;
  version: Version;
}

/** A finding of an engagement: the domain's `Finding`, its lists and judgments as JSON. */
export interface FindingsTable {
  id: string;
  engagement_id: string;
  /** The finding's id in the auditor's sense, e.g. `F-AC-04`; unique within the engagement. */
  code: string;
  title: string;
  description: string | null;
  source: string;
  control_code: string | null;
  criteria: JsonText;
  /** The engine's forecast and any override with its reason. */
  classification: JsonText;
  status: string;
  identified_on: string | null;
  /** The finding's failed samples (the domain's `failedSamples`), as found, never changed: remediation never erases a deviation. */
  deviations: JsonText;
  root_cause_id: string | null;
  corrective_actions: JsonText;
  retests: JsonText;
  risk_acceptance: JsonText | null;
  false_positive_reason: string | null;
  history: JsonText;
  created_at: Timestamp;
  version: Version;
  /** Marked a significant incident the system description must disclose (0 or 1). */
  significant_incident: Generated<BooleanInt>;
}

/** An engagement's system description (DC1–DC9), kept whole. */
export interface DescriptionsTable {
  id: string;
  engagement_id: string;
  /** The domain's `SystemDescription` as JSON text. */
  document: JsonText;
  updated_at: Timestamp;
  /** Who last edited it, as the audit log names the actor. */
  updated_by: string;
  version: Version;
}

/** Management's response to a finding, one per finding. */
export interface ManagementResponsesTable {
  id: string;
  /** Unique: one response per finding, deleted with it. */
  finding_id: string;
  what_happened: string;
  root_cause: string;
  corrective_action: string;
  remediated_on: string | null;
  /** draft | approved */
  status: string;
  edited_by: string | null;
  edited_on: Timestamp;
  approved_by: string | null;
  approved_on: Timestamp | null;
  version: Version;
}

export interface EvaluationSnapshotsTable {
  id: string;
  engagement_id: string;
  taken_at: Timestamp;
  opinion: string;
  result: JsonText;
  /** The engagement revision evaluated; unique per engagement (null for snapshots taken without one). */
  revision: number | null;
  /** Counts for the trend line (JSON), so that a history needs no result parsed. */
  summary: JsonText | null;
  /** SHA-256 (hex) of the result's JSON. */
  result_hash: string | null;
}

/** The corrective action plan of an engagement; a missing row is the default plan. */
export interface RemediationPlansTable {
  engagement_id: string;
  /** `YYYY-MM-DD`, or null: the latest due date of the actions stands in. */
  target_date: string | null;
  webhook_url: string | null;
  due_soon_days: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

/** The audit chain's head (seq and hash) at a time, signed with the installation's Ed25519 key. */
export interface AuditCheckpointsTable {
  id: string;
  event_seq: number;
  event_hash: string;
  created_at: Timestamp;
  /** Which key signed it: the first 16 hex digits of the SHA-256 of the raw public key. */
  key_id: string;
  /** Ed25519 signature (base64) of the checkpoint's statement. */
  signature: string;
}

/** Settings of the installation as a whole, e.g. `demo` on a database `assay demo` made. */
export interface InstanceSettingsTable {
  name: string;
  value: string;
}

/** File contents by SHA-256 (hex): identical bytes stored once; empty when a folder holds them (`ASSAY_BLOB_DIR`). */
export interface EvidenceBlobsTable {
  sha256: string;
  size: number;
  content: Uint8Array;
  created_at: Timestamp;
}

/** A file provided as evidence for an engagement; never edited: superseded by a newer record, or marked deleted. */
export interface EvidenceTable {
  id: string;
  organization_id: string;
  engagement_id: string;
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
  /** The period the evidence covers (`YYYY-MM-DD`), null where not stated. */
  covers_from: string | null;
  covers_to: string | null;
  collected_at: Timestamp;
  /** Who collected it, in words (as the audit log writes the actor). */
  collected_by: string;
  collected_by_user_id: string | null;
  /** upload | export | check-run */
  source: string;
  superseded_by: string | null;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
  deletion_reason: string | null;
  version: Version;
}

export interface EvidenceControlsTable {
  evidence_id: string;
  control_id: string;
}

/** A request of the auditor's "provided by client" list. */
export interface EvidenceRequestsTable {
  id: string;
  engagement_id: string;
  /** The request's id in the auditor's list, e.g. `PBC-12`; unique within the engagement. */
  code: string;
  item: string;
  control_id: string | null;
  due_on: string;
  owner: string | null;
  /** open | answered | accepted | returned */
  status: string;
  comment: string | null;
  return_reason: string | null;
  requested_by: string;
  requested_at: Timestamp;
  answered_by: string | null;
  answered_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  version: Version;
}

export interface EvidenceRequestAnswersTable {
  request_id: string;
  evidence_id: string;
}

export interface DatabaseSchema {
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  sign_in_throttle: SignInThrottleTable;
  engagements: EngagementsTable;
  controls: ControlsTable;
  control_tests: ControlTestsTable;
  samples: SamplesTable;
  not_applicable_proposals: NotApplicableProposalsTable;
  audit_events: AuditEventsTable;
  evaluation_snapshots: EvaluationSnapshotsTable;
  root_causes: RootCausesTable;
  findings: FindingsTable;
  remediation_plans: RemediationPlansTable;
  management_responses: ManagementResponsesTable;
  instance_settings: InstanceSettingsTable;
  audit_checkpoints: AuditCheckpointsTable;
  evidence_blobs: EvidenceBlobsTable;
  evidence: EvidenceTable;
  evidence_controls: EvidenceControlsTable;
  evidence_requests: EvidenceRequestsTable;
  evidence_request_answers: EvidenceRequestAnswersTable;
  checks: ChecksTable;
  check_sources: CheckSourcesTable;
  check_runs: CheckRunsTable;
  check_jobs: CheckJobsTable;
  report_jobs: ReportJobsTable;
  trust_pages: TrustPagesTable;
  trust_reports: TrustReportsTable;
  trust_ndas: TrustNdasTable;
  trust_requests: TrustRequestsTable;
  trust_nda_acceptances: TrustNdaAcceptancesTable;
  trust_downloads: TrustDownloadsTable;
  descriptions: DescriptionsTable;
  risks: RisksTable;
  vendors: VendorsTable;
  vendor_reports: VendorReportsTable;
  trust_subscriptions: TrustSubscriptionsTable;
  trust_subscription_links: TrustSubscriptionLinksTable;
}
