import { describe, expect, it } from 'vitest';
import { examine } from '../evaluation/examine.js';
import { buildControl, buildExamination } from '../testing/builders.js';
import { checkedTest, explainCheckedTests, type CheckedTestRun } from './examination.js';
import type { CheckResult } from './model.js';

const result = (status: CheckResult['status'], failing: CheckResult['failing'] = [], extra: Partial<CheckResult> = {}): CheckResult => ({
  id: 'MON-AC-04',
  title: 'Leavers lose access',
  controls: ['AC-04'],
  status,
  population: 4,
  failures: failing.length,
  failing,
  ...extra,
});

describe('a test that stands on a check', () => {
  const items = [
    { item: 'E1', failure: null },
    { item: 'E2', failure: 'still ACTIVE' },
    { item: 'E3', failure: null },
    { item: 'E2', failure: 'signed in after termination' },
  ];

  it('makes every item a sample, an item listed twice one sample failing with both reasons', () => {
    const run: CheckedTestRun = { control: 'AC-04', asOf: '2026-06-30', result: result('fail', [{ item: 'E2', reason: 'still ACTIVE' }]) };
    expect(checkedTest('AC-04', run, items)).toEqual({
      control: 'AC-04',
      method: 'reperformance',
      populationSize: 3,
      samples: [
        { item: 'E1', result: 'pass', note: null },
        { item: 'E2', result: 'fail', note: 'MON-AC-04: still ACTIVE; signed in after termination' },
        { item: 'E3', result: 'pass', note: null },
      ],
      scopeLimitation: null,
    });
  });

  it('concludes on the exact rate k/N, its reasons naming the check and the failing items', () => {
    const run: CheckedTestRun = { control: 'AC-04', asOf: '2026-06-30', result: result('fail', [{ item: 'E2', reason: 'still ACTIVE' }]) };
    const examination = buildExamination({ controls: [buildControl({ id: 'AC-04', criteria: ['CC6.2'], frequency: 'event' })], tests: [checkedTest('AC-04', run, items)] });
    const control = explainCheckedTests(examine(examination), [run]).controls[0];
    expect(control).toMatchObject({ conclusion: 'not_effective', sampleSize: 3, deviations: 1, upperDeviationLimit: 0.3333, boundBasis: 'exact', failedSamples: ['E2'] });
    expect(control?.reasons[0]).toBe('AC-04 stands on check MON-AC-04 (Leavers lose access), run as of 2026-06-30: every item of its population was tested by reperformance; 1 failed (E2).');
  });

  it('leaves the control not tested when the check is empty or errs, saying why', () => {
    const empty = checkedTest('AC-04', { control: 'AC-04', asOf: '2026-06-30', result: result('empty', [], { population: 0 }) }, []);
    const errored = checkedTest('AC-04', { control: 'AC-04', asOf: '2026-06-30', result: result('error', [], { error: 'evidence/hr.csv: row 3: assert: No such key: x' }) }, []);
    for (const [test, why] of [
      [empty, 'check MON-AC-04 found no item in its population as of 2026-06-30, so it proved nothing'],
      [errored, 'check MON-AC-04 could not be run as of 2026-06-30: evidence/hr.csv: row 3: assert: No such key: x'],
    ] as const) {
      const conclusion = examine(buildExamination({ controls: [buildControl({ id: 'AC-04', criteria: ['CC6.2'] })], tests: [test] })).controls[0];
      expect(conclusion?.conclusion).toBe('not_tested');
      expect(conclusion?.reasons).toEqual([`AC-04 could not be tested: ${why} (scope limitation, rule 3).`]);
    }
  });
});
