/** Test data: a critical hosting vendor, its review long overdue. */
import type { Vendor } from './model.js';

export function buildVendorInput(overrides: Partial<Omit<Vendor, 'code'>> = {}): Omit<Vendor, 'code'> {
  return {
    name: 'CloudHost',
    service: 'Hosting',
    criticality: 'critical',
    data: 'Customer data',
    subprocessor: true,
    owner: 'cto@acme.example',
    lastReviewedOn: null,
    nextReviewOn: '2000-01-01',
    ...overrides,
  };
}
