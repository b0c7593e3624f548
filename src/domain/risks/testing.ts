/** Test data: a risk as a person writes it, mitigated by AC-04 unless told otherwise. */
import type { Risk } from './model.js';

export function buildRiskInput(overrides: Partial<Omit<Risk, 'code'>> = {}): Omit<Risk, 'code'> {
  return {
    title: 'Leavers keep access',
    scenario: 'A person who left signs in and takes customer data',
    owner: 'it-ops@acme.example',
    category: 'Access',
    likelihood: 4,
    impact: 5,
    treatment: 'mitigate',
    controls: ['AC-04'],
    criteria: ['CC6.2'],
    findings: [],
    acceptance: null,
    lastReviewedOn: null,
    nextReviewOn: null,
    ...overrides,
  };
}
