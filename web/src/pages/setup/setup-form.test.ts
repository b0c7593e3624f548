import { describe, expect, it } from 'vitest';
import { slugFor } from '@assay/domain/accounts/slug.js';
import { validateEngagement } from '../settings/engagement-form.js';
import { firstEngagementValues } from './setup-form.js';

describe('the setup form', () => {
  it('proposes a Type 2 period over the current half-year that the settings rules accept once a system is named', () => {
    const january = firstEngagementValues(new Date('2027-01-15T00:00:00Z'));
    expect(january).toMatchObject({ reportType: 'type2', periodStart: '2027-01-01', periodEnd: '2027-06-30', categories: ['security'] });
    expect(firstEngagementValues(new Date('2026-12-05T00:00:00Z'))).toMatchObject({ periodStart: '2026-07-01', periodEnd: '2026-12-31' });
    const values = { ...january, system: 'Platform' };
    expect(validateEngagement.periodStart(values.periodStart, values)).toBeNull();
    expect(validateEngagement.periodEnd(values.periodEnd, values)).toBeNull();
    expect(validateEngagement.system(january.system)).toBe('Enter the system name');
  });

  it('proposes the short name the server accepts', () => {
    expect(slugFor('Acme Cloud, Inc.')).toBe('acme-cloud-inc');
    expect(slugFor('Société Générale')).toBe('societe-generale');
    expect(slugFor('A')).toBe('organization-a');
  });
});
