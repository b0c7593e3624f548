/** The monitoring tables (migration 2026120550_checks), in the conventions of schema.ts. */
import type { Timestamp, Version } from './schema.js';

export interface ChecksTable {
  id: string;
  engagement_id: string;
  /** The check's own id (`MON-AC-04`), unique in the engagement. */
  check_id: string;
  title: string;
  /** Where the check file sits under `checks/` in the workspace. */
  file_name: string;
  /** The check file's YAML text, as imported or written. */
  definition: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  retired_at: Timestamp | null;
  version: Version;
}

export interface CheckSourcesTable {
  id: string;
  check_row_id: string;
  source_name: string;
  /** 1, 2, … per check, in the order attached: the latest per source is the one read. */
  seq: number;
  evidence_id: string;
  sha256: string;
  file_name: string;
  attached_at: Timestamp;
  attached_by: string;
}

export interface CheckRunsTable {
  id: string;
  check_row_id: string;
  as_of: string;
  ran_at: Timestamp;
  trigger: string;
  status: string;
  population: number;
  failures: number;
  /** JSON: the failing items `{ item, reason }[]`. */
  failing: string;
  error: string | null;
  /** JSON: the evidence each source was read from `{ source, evidenceId, sha256, fileName }[]`. */
  sources: string;
  finding_code: string | null;
}

export interface CheckJobsTable {
  check_row_id: string;
  /** A cron pattern (croner). */
  schedule: string;
  next_due_at: Timestamp;
  last_claimed_at: Timestamp | null;
  last_claimed_by: string | null;
  version: Version;
}
