import { describe, expect, it } from 'vitest';
import { isExpired, reportRiskReasons, vendorReviewOverdue, vendorRisk } from './report-risks.js';
import type { Vendor, VendorReport } from './model.js';
import { buildVendorInput } from './testing.js';

const report: VendorReport = { id: 'r1', periodStart: '2025-01-01', periodEnd: '2025-12-31', opinion: 'unmodified', exceptions: 0, cuecs: [] };
const vendor: Vendor = { code: 'V-001', ...buildVendorInput({ nextReviewOn: '2026-06-30' }) };

describe('vendor report → risk', () => {
  it('raises nothing for a clean, current report', () => {
    expect(reportRiskReasons(report, '2026-03-01')).toEqual([]);
  });

  it('raises one reason each for a modified opinion, exceptions and expiry', () => {
    expect(reportRiskReasons({ ...report, opinion: 'qualified', exceptions: 2 }, '2027-01-01')).toEqual(['modified_opinion', 'exceptions', 'expired']);
  });

  it('keeps a report current through the day a year after its period ended, expired the day after', () => {
    expect(isExpired(report, '2026-12-31')).toBe(false);
    expect(isExpired(report, '2027-01-01')).toBe(true);
    expect(isExpired({ periodEnd: '2024-02-29' }, '2025-02-28')).toBe(false);
    expect(isExpired({ periodEnd: '2024-02-29' }, '2025-03-01')).toBe(true);
  });

  it("writes the risk with the vendor's criticality as impact and our CUEC controls linked", () => {
    const cuecs = [
      { text: 'Customers review access', control: 'AC-04' },
      { text: 'Customers encrypt', control: null },
      { text: 'Customers review access again', control: 'AC-04' },
    ];
    expect(vendorRisk(vendor, { ...report, exceptions: 3, cuecs }, 'exceptions')).toMatchObject({
      title: 'CloudHost: its SOC 2 report has exceptions (3)',
      likelihood: 3,
      impact: 5,
      controls: ['AC-04'],
      criteria: ['CC9.2'],
      owner: 'cto@acme.example',
    });
  });

  it('flags a review whose date has passed', () => {
    expect(vendorReviewOverdue(vendor, '2026-06-30')).toBe(false);
    expect(vendorReviewOverdue(vendor, '2026-07-01')).toBe(true);
  });
});
