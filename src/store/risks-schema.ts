/** The risk register's and the vendors' tables (migration 2026120630_risks_vendors), in the conventions of schema.ts. */
import type { Timestamp, Version } from './schema.js';

export interface RisksTable {
  id: string;
  engagement_id: string;
  /** The risk's code (`R-001`), unique in the engagement. */
  code: string;
  title: string;
  scenario: string;
  owner: string;
  category: string;
  /** 1 to 5 each. */
  likelihood: number;
  impact: number;
  /** mitigate | accept | transfer | avoid */
  treatment: string;
  /** JSON lists: control ids, criterion ids, finding codes. */
  controls: string;
  criteria: string;
  findings: string;
  /** All three set, or none: management's acceptance. */
  acceptance_approver: string | null;
  acceptance_reason: string | null;
  acceptance_expires_on: string | null;
  last_reviewed_on: string | null;
  next_review_on: string | null;
  /** Set on a risk a vendor's report raised: the vendor's code, the report and the reason. */
  vendor_code: string | null;
  vendor_report_id: string | null;
  vendor_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export interface VendorsTable {
  id: string;
  engagement_id: string;
  /** V-001, unique in the engagement. */
  code: string;
  name: string;
  service: string;
  /** low | medium | high | critical */
  criticality: string;
  data: string;
  /** 0 or 1 */
  subprocessor: number;
  owner: string;
  last_reviewed_on: string | null;
  next_review_on: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export interface VendorReportsTable {
  id: string;
  vendor_id: string;
  period_start: string;
  period_end: string;
  /** unmodified | qualified | adverse | disclaimer */
  opinion: string;
  exceptions: number;
  /** JSON: [{ text, control | null }] */
  cuecs: string;
  recorded_at: Timestamp;
  recorded_by: string;
}
