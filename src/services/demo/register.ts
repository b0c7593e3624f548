/** The demo's risk register and vendors, so that the Risks and Vendors pages show something on first sight. */
import type { RiskInput } from '../risks/index.js';
import type { VendorInput, VendorReportInput } from '../vendors/index.js';

export interface DemoRegister {
  risks: readonly RiskInput[];
  vendors: readonly { vendor: VendorInput; reports: readonly VendorReportInput[] }[];
}

const risk = (fields: Pick<RiskInput, 'title' | 'scenario' | 'owner' | 'category' | 'likelihood' | 'impact' | 'controls' | 'criteria'>): RiskInput => ({
  treatment: 'mitigate',
  findings: [],
  acceptance: null,
  lastReviewedOn: '2026-01-15',
  nextReviewOn: '2027-01-15',
  ...fields,
});

export const DEMO_REGISTER: DemoRegister = {
  risks: [
    risk({
      title: 'Stolen workforce credentials reach production',
      scenario: 'A phished password is used to sign in to production consoles.',
      owner: 'it-ops@acme.example',
      category: 'Access',
      likelihood: 4,
      impact: 5,
      controls: ['AC-01'],
      criteria: ['CC6.1'],
    }),
    risk({
      title: 'Leavers keep access to customer data',
      scenario: 'A person who has left still signs in and exports customer data.',
      owner: 'it-ops@acme.example',
      category: 'Access',
      likelihood: 3,
      impact: 4,
      controls: ['AC-04'],
      criteria: ['CC6.2', 'CC6.3'],
    }),
    risk({
      title: 'An unreviewed change breaks production',
      scenario: 'A change merged without review takes the analytics platform down.',
      owner: 'compliance@acme.example',
      category: 'Change',
      likelihood: 3,
      impact: 3,
      controls: ['CM-01'],
      criteria: ['CC8.1'],
    }),
    risk({
      title: 'Customer data is lost',
      scenario: 'A database is corrupted and no usable backup exists.',
      owner: 'it-ops@acme.example',
      category: 'Availability',
      likelihood: 2,
      impact: 5,
      controls: ['BC-01'],
      criteria: ['A1.2'],
    }),
  ],
  vendors: [
    {
      vendor: {
        name: 'Nimbus Cloud',
        service: 'Infrastructure hosting',
        criticality: 'critical',
        data: 'Customer data, production systems',
        subprocessor: true,
        owner: 'it-ops@acme.example',
        lastReviewedOn: '2026-02-01',
        nextReviewOn: '2027-02-01',
      },
      reports: [{ periodStart: '2025-04-01', periodEnd: '2026-03-31', opinion: 'unmodified', exceptions: 0, cuecs: [{ text: 'Customers enforce MFA for console access', control: 'AC-01' }] }],
    },
    {
      vendor: {
        name: 'PayRight',
        service: 'Payroll',
        criticality: 'medium',
        data: 'Employee personal data',
        subprocessor: false,
        owner: 'compliance@acme.example',
        lastReviewedOn: '2025-03-01',
        nextReviewOn: '2026-03-01',
      },
      reports: [
        {
          periodStart: '2025-01-01',
          periodEnd: '2025-12-31',
          opinion: 'unmodified',
          exceptions: 1,
          cuecs: [
            { text: 'Customers remove leavers from payroll access', control: 'AC-04' },
            { text: 'Customers review payroll reports monthly', control: null },
          ],
        },
      ],
    },
  ],
};
