import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import type { Sample } from './engagement.js';
import { newSampleProblems, sampleProblems } from './sampling/integrity.js';
import { checkFailureNotes, checkSampleRecord, checkTestSamples, describeLoss, lostEvidence, testChangeConflict, type TestSamples } from './test-changes.js';

const pass = (item: string): Sample => ({ item, result: 'pass', note: null });
const fail = (item: string, note = 'Access removed 9 days late'): Sample => ({ item, result: 'fail', note });
const deviated: TestSamples = { samples: [pass('T-1'), fail('T-2'), pass('T-3')], untested: ['T-4'] };

describe('testChangeConflict', () => {
  test('keeps every recorded result and untested item by default, adding new ones', () => {
    expect(testChangeConflict(deviated, { samples: [...deviated.samples, pass('T-5')], untested: ['T-4', 'T-6'] }, 'keep')).toBeNull();
    // An untested item whose result is now recorded is kept.
    expect(testChangeConflict(deviated, { samples: [...deviated.samples, fail('T-4')], untested: [] }, 'keep')).toBeNull();
  });

  test('refuses, by default, to drop or change a recorded result, naming it', () => {
    const fivePasses = { samples: ['N-1', 'N-2', 'N-3', 'N-4', 'N-5'].map(pass), untested: [] };
    expect(testChangeConflict(deviated, fivePasses, 'keep')).toMatch(
      /^Recording this test would drop or change 3 recorded results \(T-1 pass, T-2 fail, T-3 pass\) and 1 sample not yet tested \(T-4\)\. Recorded results are evidence/,
    );
    const flipped = { samples: [pass('T-1'), pass('T-2'), pass('T-3')], untested: ['T-4'] };
    expect(testChangeConflict(deviated, flipped, 'keep')).toMatch(/1 recorded result \(T-2 fail\)/);
    const renoted = { samples: [pass('T-1'), fail('T-2', 'Fine'), pass('T-3')], untested: ['T-4'] };
    expect(testChangeConflict(deviated, renoted, 'keep')).toMatch(/1 recorded result \(T-2 fail\)/);
  });

  test('asks for confirmation before dropping items not yet tested', () => {
    const selected = { samples: [], untested: ['A', 'B'] };
    expect(testChangeConflict(selected, { samples: [], untested: ['C'] }, 'keep')).toBe(
      'Recording this test would drop 2 samples not yet tested (A, B): confirm the replacement to go ahead',
    );
    expect(testChangeConflict(selected, { samples: [], untested: ['C'] }, 'replace')).toBeNull();
  });

  test('never replaces a test that holds results, and always allows a new version', () => {
    expect(testChangeConflict(deviated, { samples: [], untested: [] }, 'replace')).toMatch(
      /^The test holds 3 recorded results \(1 failed\), which are evidence: it cannot be replaced\. Start a new test version/,
    );
    expect(testChangeConflict(deviated, { samples: [], untested: [] }, 'new-version')).toBeNull();
  });

  const results = fc.uniqueArray(fc.record({ item: fc.stringMatching(/^[A-Z]-\d{1,3}$/), result: fc.constantFrom('pass' as const, 'fail' as const), note: fc.constant(null) }), {
    selector: (s) => s.item,
    maxLength: 12,
  });
  prop.prop([results, fc.nat(), fc.constantFrom('pass' as const, 'fail' as const)], { numRuns: 200 })(
    'a recording that keeps the test is refused exactly when it loses a recorded result',
    (samples, pick, result) => {
      const before = { samples, untested: [] };
      const kept = { samples: [...samples, pass('NEW-1')], untested: [] };
      expect(testChangeConflict(before, kept, 'keep')).toBeNull();
      if (samples.length === 0) return;
      const i = pick % samples.length;
      const target = samples[i] as Sample;
      const changed = samples.map((s, j) => (j === i ? { ...s, result } : s));
      const conflict = testChangeConflict(before, { samples: changed, untested: [] }, 'keep');
      if (result === target.result) expect(conflict).toBeNull();
      else expect(conflict).toContain(`${target.item} ${target.result}`);
      expect(testChangeConflict(before, { samples: samples.filter((_, j) => j !== i), untested: [] }, 'keep')).not.toBeNull();
    },
  );
});

describe('lostEvidence and describeLoss', () => {
  test('name at most five items of each kind', () => {
    const many = { samples: ['1', '2', '3', '4', '5', '6', '7'].map(pass), untested: [] };
    const lost = lostEvidence(many, { samples: [], untested: [] });
    expect(lost.results).toHaveLength(7);
    expect(describeLoss(lost)).toBe('7 recorded results (1 pass, 2 pass, 3 pass, 4 pass, 5 pass and 2 more)');
  });
});

describe('checkTestSamples', () => {
  test('names each problem at its path', () => {
    expect(checkTestSamples({ ...deviated, untested: ['T-4', 'T-2', 'T-4'], change: 'new-version', reason: ' ' })).toEqual([
      { path: ['untested', 1], message: '"T-2" is a sample with a recorded result already' },
      { path: ['untested', 2], message: '"T-4" appears twice', firstAt: ['untested', 0] },
      { path: ['reason'], message: 'say why a new test version is started (the current one is kept in the history)' },
    ]);
    expect(checkTestSamples({ ...deviated, change: 'new-version', reason: 'Redesigned in May' })).toEqual([]);
  });
});

describe("a sample's result", () => {
  const NOTE = 'a failed sample needs a note saying what deviated';

  test('a fail says what deviated, in a test recorded anew, leaving an older record as it was', () => {
    expect(checkFailureNotes([pass('A'), fail('B', ' '), fail('C')])).toEqual([{ path: ['samples', 1, 'note'], message: NOTE }]);
    const older = { item: 'B', result: 'fail' as const, note: null };
    expect(checkFailureNotes([older], [older])).toEqual([]);
  });

  test('a changed result takes a reason; a new one or a note alone does not', () => {
    expect(checkSampleRecord(null, fail('A'), null)).toEqual([]);
    expect(checkSampleRecord(null, fail('A', ''), null)).toEqual([{ path: ['note'], message: NOTE }]);
    expect(checkSampleRecord(pass('A'), { ...pass('A'), note: 'Checked' }, null)).toEqual([]);
    expect(checkSampleRecord(pass('A'), fail('A'), null)).toEqual([
      { path: ['reason'], message: "the result of A was recorded as pass: say why it changes to fail (the reason goes into the control's history)" },
    ]);
    expect(checkSampleRecord(fail('A'), pass('A'), 'Re-inspected: removed the same day')).toEqual([]);
    expect(checkSampleRecord(fail('A'), { ...fail('A'), note: null }, null)).toEqual([{ path: ['note'], message: NOTE }]);
  });
});

describe('items not yet tested in the population', () => {
  test('hold their places, and recording one takes no new place', () => {
    const test = { populationSize: 3, sampleCount: 1, untested: ['N-1', 'N-2'] };
    expect(newSampleProblems(test, 'N-1', false)).toEqual([]);
    expect(newSampleProblems(test, 'N-3', false)).toEqual([{ path: ['item'], message: 'the population has 3 items and 3 are sampled already' }]);
    expect(sampleProblems({ populationSize: 2, samples: [pass('A')], untested: ['N-1', 'N-2'] })).toEqual([
      { path: ['populationSize'], message: '3 samples selected (2 not yet tested) from a population of only 2' },
    ]);
  });
});
