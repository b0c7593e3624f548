import { describe, expect, it } from 'vitest';
import { engagementSettings } from '../../../test/support/factories.js';
import { checkEngagementSettings, normalizeCategories } from './engagements-service.js';

describe('engagement settings', () => {
  it('accepts the workspace’s example', () => {
    expect(checkEngagementSettings(engagementSettings())).toEqual([]);
    expect(checkEngagementSettings(engagementSettings({ reportType: 'type1', periodStart: null }))).toEqual([]);
  });

  it('names every problem at its JSON path', () => {
    const issues = checkEngagementSettings(
      engagementSettings({
        periodStart: '2026-07-01',
        notApplicable: [
          { criterion: 'CC6.4', reason: 'Carved out' },
          { criterion: 'CC6.4', reason: 'Twice' },
          { criterion: 'P1.1', reason: 'Privacy is not chosen' },
          { criterion: 'ZZ1.1', reason: 'No such criterion' },
        ],
      }),
    );
    expect(issues).toEqual([
      { location: '$.periodStart', message: 'the period starts (2026-07-01) after it ends (2026-06-30)' },
      { location: '$.notApplicable[1].criterion', message: 'criterion "CC6.4" is listed twice' },
      { location: '$.notApplicable[2].criterion', message: 'criterion "P1.1" is not in the chosen categories' },
      { location: '$.notApplicable[3].criterion', message: 'unknown criterion "ZZ1.1"' },
    ]);
  });

  it('wants a period start for type 2 only, and real dates', () => {
    expect(checkEngagementSettings(engagementSettings({ periodStart: null })).map((i) => i.location)).toEqual(['$.periodStart']);
    expect(checkEngagementSettings(engagementSettings({ reportType: 'type1' })).map((i) => i.message)).toEqual([
      'a type1 report has no period: leave periodStart out (periodEnd is the "as of" date)',
    ]);
    expect(checkEngagementSettings(engagementSettings({ periodStart: '2026-02-29', periodEnd: '2026-13-01' }))).toEqual([
      { location: '$.periodEnd', message: 'must be a real date written YYYY-MM-DD' },
      { location: '$.periodStart', message: 'must be a real date written YYYY-MM-DD' },
    ]);
  });

  it('always has security in scope, first, and each category once', () => {
    expect(normalizeCategories([])).toEqual(['security']);
    expect(normalizeCategories(['privacy', 'security', 'privacy', 'availability'])).toEqual(['security', 'privacy', 'availability']);
  });
});
