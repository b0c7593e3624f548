/** The report jobs table (migration 2026120610_report_jobs), in the conventions of schema.ts. */
import type { ColumnType } from 'kysely';
import type { Timestamp } from './schema.js';

export interface ReportJobsTable {
  id: string;
  organization_id: string;
  engagement_id: string;
  /** A `DocumentType` (src/reports/render-report.ts). */
  type: string;
  /** A `DocumentFormat`. */
  format: string;
  /** The bridge letter's end date, YYYY-MM-DD; null for every other document, and for the default (the day generated). */
  bridge_to: string | null;
  /** `running`, `done` or `failed`. */
  status: string;
  /** Share done in thousandths (0 to 1000): an integer, so both engines store exactly the same. */
  progress: number;
  error: string | null;
  /** What the download is called; null until it is done. */
  file_name: string | null;
  /** The document's bytes: `blob` in SQLite, `bytea` in PostgreSQL; null until it is done. */
  content: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  size: number | null;
  requested_by: string;
  requested_at: Timestamp;
  /** Last written by the process running it: a running job not touched for long was left by a process that died. */
  touched_at: Timestamp;
  finished_at: Timestamp | null;
}
