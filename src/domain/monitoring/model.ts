/**
 * Continuous monitoring (DESIGN §8): a check tests every item of a population found in an export, as of a date.
 * The shapes here are shared by the readers, the engine, the command line and the examination.
 */

/** The export formats a check's source may name. */
export const EVIDENCE_FORMATS = [
  'aws-iam-credential-report',
  'okta-users',
  'google-workspace-users',
  'github-pulls',
  'dependabot-alerts',
  'trivy',
  'hr-csv',
  'csv',
  'json',
] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

/** How a generic source (`csv`, `json`) types a column: its values are strings unless it says otherwise. */
export const COLUMN_TYPES = ['date', 'number', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * One row of an export as the readers give it: every field the source wrote, dates and date-times as `Date`
 * (00:00:00Z for a date), empty values and the format's sentinels as null, other values in their JSON type.
 */
export type Row = Record<string, unknown>;

export const CHECK_STATUSES = ['pass', 'fail', 'empty', 'error'] as const;
/** `empty` and `error` prove nothing, so neither is ever shown as a pass. */
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface FailingItem {
  item: string;
  reason: string;
}

/** One check's result, exactly as `assay monitor run --format json` prints it. */
export interface CheckResult {
  id: string;
  title: string;
  controls: string[];
  status: CheckStatus;
  population: number;
  failures: number;
  failing: FailingItem[];
  /** Only when `status` is `error`: the source file, the row number and the message. */
  error?: string;
}

/** What one population item came to: `failure` says why it fails, null when it passes. */
export interface ItemOutcome {
  item: string;
  failure: string | null;
}

/** The dates a check runs against, each 00:00:00Z of its day. `periodStart` is null for a Type 1 report. */
export interface CheckDates {
  asOf: Date;
  periodStart: Date | null;
  periodEnd: Date;
}

/** What `assay monitor run --format json` prints. */
export interface MonitoringReport {
  asOf: string;
  checks: CheckResult[];
}
