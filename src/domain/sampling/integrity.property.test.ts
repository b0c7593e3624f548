/**
 * Laws of sample integrity on random tests: the problems are empty exactly when the samples fit the population
 * and no item repeats; each repeat points back at the first appearance of its item; adding one sample is
 * refused exactly when the test with that sample appended would not be whole.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { jsonPath, locateProblems } from '../problems.js';
import { newSampleProblems, populationProblems, sampleProblems, testProblems } from './integrity.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 200);

const arbItems: fc.Arbitrary<string[]> = fc.array(fc.constantFrom('T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'T-6'), { maxLength: 8 });
const arbSize = fc.option(fc.nat(10));
const samplesOf = (items: readonly string[]) => items.map((item) => ({ item }));

describe('sample integrity laws', () => {
  prop.prop([arbSize, arbItems], { numRuns: RUNS })('no problem iff n ≤ N (when N is known) and every item is unique', (size, items) => {
    const whole = (size === null || items.length <= size) && new Set(items).size === items.length;
    expect(sampleProblems({ populationSize: size, samples: samplesOf(items) }).length === 0).toBe(whole);
  });

  prop.prop([arbSize, arbItems], { numRuns: RUNS })('a repeat points at a later sample of the same item than its first', (size, items) => {
    for (const problem of sampleProblems({ populationSize: size, samples: samplesOf(items) })) {
      if (!problem.firstAt) continue;
      const [index, first] = [problem.path[1] as number, problem.firstAt[1] as number];
      expect(first).toBeLessThan(index);
      expect(items[index]).toBe(items[first]);
      expect(items.indexOf(items[index] as string)).toBe(first);
    }
  });

  prop.prop([arbSize, arbItems, fc.constantFrom('T-1', 'T-7')], { numRuns: RUNS })(
    'adding a sample is refused iff the test with it appended is not whole',
    (size, candidate, item) => {
      const items = [...new Set(candidate)].slice(0, size ?? undefined);
      const refused = newSampleProblems({ populationSize: size, sampleCount: items.length }, item, items.includes(item)).length > 0;
      expect(refused).toBe(sampleProblems({ populationSize: size, samples: samplesOf([...items, item]) }).length > 0);
    },
  );
});

describe('sample integrity', () => {
  it('says where, in the caller’s terms', () => {
    const test = { populationSize: 2, scopeLimitation: null, samples: samplesOf(['T-1', 'T-2', 'T-1']) };
    expect(locateProblems(testProblems(test), jsonPath)).toEqual([
      { location: '$.populationSize', message: '3 samples tested from a population of only 2' },
      { location: '$.samples[2].item', message: 'sample item "T-1" appears twice (first at $.samples[0].item)' },
    ]);
  });

  it('needs a population size or a scope limitation', () => {
    expect(populationProblems({ populationSize: null, scopeLimitation: null })).toEqual([
      { path: ['populationSize'], message: 'the population size is required, or a scope limitation saying why the population could not be produced' },
    ]);
    expect(populationProblems({ populationSize: 0, scopeLimitation: null })).toEqual([]);
    expect(populationProblems({ populationSize: null, scopeLimitation: 'No list of leavers' })).toEqual([]);
  });

  it('leaves items that are not given to the check of the shape', () => {
    expect(sampleProblems({ populationSize: null, samples: [{ item: undefined }, { item: undefined }] })).toEqual([]);
  });

  it('names a sampled item and a full population when adding', () => {
    expect(newSampleProblems({ populationSize: 5, sampleCount: 1 }, 'T-1', true)).toEqual([
      { path: ['item'], message: 'sample item "T-1" is already in the test' },
    ]);
    expect(newSampleProblems({ populationSize: 2, sampleCount: 2 }, 'T-9', false)).toEqual([
      { path: ['item'], message: 'the population has 2 items and 2 are sampled already' },
    ]);
  });
});
