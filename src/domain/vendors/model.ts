/** Vendors: the inventory, its periodic reviews, and each vendor's own SOC 2 reports (CC9.2). */
import type { OpinionKind } from '../evaluation/result.js';

/** How much the system depends on the vendor. */
export const VENDOR_CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type VendorCriticality = (typeof VENDOR_CRITICALITIES)[number];

export interface Vendor {
  /** The vendor's code in its engagement, e.g. V-001. */
  code: string;
  name: string;
  /** The service it provides. */
  service: string;
  criticality: VendorCriticality;
  /** The data it touches, in the organisation's words (customer data, payroll, none). */
  data: string;
  subprocessor: boolean;
  owner: string;
  lastReviewedOn: string | null;
  nextReviewOn: string | null;
}

/** A complementary user entity control the vendor's report expects of us, mapped to one of our controls or a gap (null). */
export interface Cuec {
  text: string;
  control: string | null;
}

/** A vendor's SOC 2 report as read by the organisation: recorded once, never altered (it is evidence). */
export interface VendorReport {
  id: string;
  periodStart: string;
  periodEnd: string;
  opinion: OpinionKind;
  /** How many exceptions the service auditor reported in its tests. */
  exceptions: number;
  cuecs: Cuec[];
}
