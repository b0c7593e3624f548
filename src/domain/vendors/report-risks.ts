/**
 * When a vendor's SOC 2 report raises a risk (docs/risks-and-vendors.md, "Vendors"): a modified opinion, any
 * exceptions, or a report that has expired. A report is expired when its period ended more than 12 months
 * before today: SOC 2 reports cover a past period and are usually issued yearly, so a report whose period
 * ended over a year ago is no longer the vendor's current assurance (a bridge letter may cover a gap of a few
 * months, never a whole year). One risk per report and reason: raising again finds the one raised before.
 */
import type { Vendor, VendorCriticality, VendorReport } from './model.js';

export const VENDOR_RISK_REASONS = ['modified_opinion', 'exceptions', 'expired'] as const;
export type VendorRiskReason = (typeof VENDOR_RISK_REASONS)[number];

/** How long after its period ended a report is still the vendor's current assurance. */
const REPORT_VALID_MONTHS = 12;

/** The same day {@link REPORT_VALID_MONTHS} later (a day that month lacks: its last, so 29 February gives the 28th), as YYYY-MM-DD. */
function validUntil(iso: string): string {
  const months = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + REPORT_VALID_MONTHS;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(iso.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The reasons the report raises a risk as of `today` (YYYY-MM-DD), in the order of VENDOR_RISK_REASONS. */
export function reportRiskReasons(report: Pick<VendorReport, 'opinion' | 'exceptions' | 'periodEnd'>, today: string): VendorRiskReason[] {
  const reasons: VendorRiskReason[] = [];
  if (report.opinion !== 'unmodified') reasons.push('modified_opinion');
  if (report.exceptions > 0) reasons.push('exceptions');
  if (isExpired(report, today)) reasons.push('expired');
  return reasons;
}

/** Expired: `today` is past the day {@link REPORT_VALID_MONTHS} (a year) after the period ended. */
export function isExpired(report: Pick<VendorReport, 'periodEnd'>, today: string): boolean {
  return validUntil(report.periodEnd) < today;
}

/** A vendor's impact on the system, from its criticality: a critical vendor's failure is a severe one. */
const IMPACT: Readonly<Record<VendorCriticality, number>> = { low: 2, medium: 3, high: 4, critical: 5 };
/** How likely the vendor's controls fail us, from what its report says. */
const LIKELIHOOD: Readonly<Record<VendorRiskReason, number>> = { modified_opinion: 4, exceptions: 3, expired: 3 };

const WORDS: Readonly<Record<VendorRiskReason, string>> = {
  modified_opinion: 'its SOC 2 report has a modified opinion',
  exceptions: 'its SOC 2 report has exceptions',
  expired: 'its SOC 2 report has expired',
};

/**
 * The risk a report raises for a reason, as the register holds it: linked to the controls our side of the
 * report's CUECs maps to (so the residual risk follows them), inherent ratings from the vendor's criticality
 * and the reason.
 */
export function vendorRisk(vendor: Vendor, report: VendorReport, reason: VendorRiskReason) {
  const opinion = reason === 'modified_opinion' ? ` (${report.opinion})` : '';
  const exceptions = reason === 'exceptions' ? ` (${report.exceptions})` : '';
  return {
    title: `${vendor.name}: ${WORDS[reason]}${opinion}${exceptions}`,
    scenario: `${vendor.name} (${vendor.service}) fails a control we rely on: ${WORDS[reason]} for ${report.periodStart} to ${report.periodEnd}${opinion}${exceptions}.`,
    owner: vendor.owner,
    category: 'Vendor',
    likelihood: LIKELIHOOD[reason],
    impact: IMPACT[vendor.criticality],
    treatment: 'mitigate' as const,
    controls: [...new Set(report.cuecs.flatMap((c) => (c.control === null ? [] : [c.control])))],
    criteria: ['CC9.2'],
    findings: [],
    acceptance: null,
    lastReviewedOn: null,
    nextReviewOn: null,
  };
}

/** Whether the vendor's periodic review is late as of `today`. */
export function vendorReviewOverdue(vendor: Pick<Vendor, 'nextReviewOn'>, today: string): boolean {
  return vendor.nextReviewOn !== null && vendor.nextReviewOn < today;
}
