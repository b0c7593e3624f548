import { describe, expect, it } from 'vitest';
import { loadWorkspace } from './load.js';
import { refusal, workspaceWith } from './testing.js';
import { loadRegister } from './register.js';
import { loadVendors } from './vendors.js';

const VENDOR = `code: V-001
name: Amazon Web Services
service: Hosting
criticality: critical
data: Customer data
subprocessor: true
owner: cto@acme.example
nextReviewOn: 2027-01-15
reports:
  - periodStart: 2025-04-01
    periodEnd: 2026-03-31
    opinion: unmodified
    exceptions: 0
    cuecs:
      - { text: Customers remove their leavers, control: AC-04 }
      - { text: Customers encrypt what they upload }
`;

async function vendorsOf(dir: string) {
  return loadVendors(dir, await loadWorkspace(dir));
}

const problemsOf = (dir: string) => refusal(dir, vendorsOf(dir));

describe('vendors/', () => {
  it('has no vendors without the folder', async () => {
    expect(await vendorsOf(await workspaceWith({}))).toEqual([]);
  });

  it('reads a vendor with its reports, a CUEC without a control being a gap', async () => {
    const [vendor] = await vendorsOf(await workspaceWith({ 'vendors/aws.yaml': VENDOR }));
    expect(vendor).toMatchObject({ code: 'V-001', criticality: 'critical', subprocessor: true, lastReviewedOn: null, nextReviewOn: '2027-01-15' });
    expect(vendor?.reports).toEqual([
      {
        periodStart: '2025-04-01',
        periodEnd: '2026-03-31',
        opinion: 'unmodified',
        exceptions: 0,
        cuecs: [
          { text: 'Customers remove their leavers', control: 'AC-04' },
          { text: 'Customers encrypt what they upload', control: null },
        ],
      },
    ]);
  });

  it('names each problem at its file and line: bad enum, bad date, negative exceptions', async () => {
    const bad = VENDOR.replace('criticality: critical', 'criticality: vital').replace('periodStart: 2025-04-01', 'periodStart: 2025-04-31').replace('exceptions: 0', 'exceptions: -1');
    expect(await problemsOf(await workspaceWith({ 'vendors/aws.yaml': bad }))).toEqual([
      'vendors/aws.yaml:4: criticality: must be one of low, medium, high, critical (got "vital")',
      'vendors/aws.yaml:10: reports[0].periodStart: must be a real date written YYYY-MM-DD (got "2025-04-31")',
      'vendors/aws.yaml:13: reports[0].exceptions: too small: expected number to be >=0 (got -1)',
    ]);
  });

  it("refuses a CUEC mapped to a control the workspace does not hold, a report's period backwards and a code used twice", async () => {
    const bad = VENDOR.replace('control: AC-04', 'control: AC-99').replace('periodStart: 2025-04-01', 'periodStart: 2026-04-01');
    const dir = await workspaceWith({ 'vendors/a.yaml': VENDOR, 'vendors/b.yaml': bad });
    expect(await problemsOf(dir)).toEqual([
      `vendors/b.yaml:1: duplicate vendor code "V-001" (also in ${dir}/vendors/a.yaml:1)`,
      'vendors/b.yaml:10: the period starts (2026-04-01) after it ends (2026-03-31)',
      'vendors/b.yaml:15: unknown control "AC-99"',
    ]);
  });

  it('is refused with the problems of risks/ and vendors/ together where both are read (the demo)', async () => {
    const dir = await workspaceWith({ 'vendors/a.yaml': VENDOR.replace('opinion: unmodified', 'opinion: fine'), 'risks/r.yaml': 'code: R-1\n' });
    const problems = await refusal(dir, loadWorkspace(dir).then((examination) => loadRegister(dir, examination)));
    expect(problems).toContain('risks/r.yaml:1: title: is required');
    expect(problems.at(-1)).toBe('vendors/a.yaml:12: reports[0].opinion: must be one of unmodified, qualified, adverse, disclaimer (got "fine")');
  });
});

describe('a risk raised by a vendor’s report', () => {
  const RISK = `code: R-001
title: Hosting report has exceptions
scenario: The host fails a control we rely on.
owner: cto@acme.example
category: Vendor
likelihood: 3
impact: 4
treatment: mitigate
raisedBy: {vendor: V-001, report: 1, reason: exceptions}
`;

  it('names the report by its vendor and its place in the vendor’s file', async () => {
    const dir = await workspaceWith({ 'vendors/aws.yaml': VENDOR, 'risks/r.yaml': RISK });
    const { risks } = await loadRegister(dir, await loadWorkspace(dir));
    expect(risks[0]?.raisedBy).toEqual({ vendor: 'V-001', report: 1, reason: 'exceptions' });
  });

  it('is refused at file:line when its vendor or report is not in the workspace, and not named again when the vendor file is bad', async () => {
    const dir = await workspaceWith({
      'vendors/aws.yaml': VENDOR,
      'risks/a.yaml': RISK.replace('V-001', 'V-404'),
      'risks/b.yaml': RISK.replace('R-001', 'R-002').replace('report: 1', 'report: 2'),
    });
    expect(await refusal(dir, loadWorkspace(dir).then((examination) => loadRegister(dir, examination)))).toEqual([
      'risks/a.yaml:9: unknown vendor "V-404"',
      'risks/b.yaml:9: V-001 lists 1 report: there is no report 2',
    ]);
    const badVendor = await workspaceWith({ 'vendors/aws.yaml': VENDOR.replace('criticality: critical', 'criticality: extreme'), 'risks/a.yaml': RISK });
    expect(await refusal(badVendor, loadWorkspace(badVendor).then((examination) => loadRegister(badVendor, examination)))).toEqual([
      'vendors/aws.yaml:4: criticality: must be one of low, medium, high, critical (got "extreme")',
    ]);
  });
});
