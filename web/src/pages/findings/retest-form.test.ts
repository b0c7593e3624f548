import { describe, expect, it } from 'vitest';
import { validateRetest, type RetestValues } from './retest-form.js';

const values = (over: Partial<RetestValues>): RetestValues => ({
  date: '2026-09-01',
  periodStart: '2026-08-01',
  periodEnd: '2026-08-31',
  method: 'inspection',
  populationSize: 3,
  samples: [
    { item: 'T-1', result: 'pass', note: '' },
    { item: 'T-2', result: 'pass', note: '' },
  ],
  ...over,
});

describe('validateRetest', () => {
  it('puts the domain’s sample integrity on the fields of the list', () => {
    expect(validateRetest(values({}), null)).toEqual({});
    const samples = [
      { item: 'T-1', result: 'pass' as const, note: '' },
      { item: ' T-1 ', result: 'fail' as const, note: '' },
      { item: '', result: 'pass' as const, note: '' },
    ];
    expect(validateRetest(values({ populationSize: 2, samples }), null)).toEqual({
      populationSize: '3 samples tested from a population of only 2',
      'samples.1.item': 'sample item "T-1" appears twice',
      'samples.2.item': 'Give the id of the sampled item',
    });
  });
});
