import { describe, expect, test } from 'vitest';
import { criteriaOfCategories } from '../criteria/catalogue.js';
import { buildControl, buildExamination, testOf } from '../testing/builders.js';
import { ASSUMED_SAMPLE, assumeEffective, rankFixes } from './what-if.js';

describe('rankFixes', () => {
  // AC-04 fails on its own (CC6.2 and CC6.3 not met: qualified); AC-07 has exceptions within tolerance (a deficiency);
  // BASE meets every other criterion.
  const others = criteriaOfCategories([]).map((c) => c.id).filter((id) => id !== 'CC6.2');
  const examination = buildExamination({
    controls: [
      buildControl({ id: 'AC-04', criteria: ['CC6.2', 'CC6.3'], key: true }),
      buildControl({ id: 'AC-07', criteria: ['CC6.3'], key: true }),
      buildControl({ id: 'BASE', criteria: others, key: true, frequency: 'annual' }),
    ],
    tests: [testOf('AC-04', 3, 2), testOf('AC-07', 249, 1, 250), testOf('BASE', 1, 0, 1)],
  });

  test('names the fix that makes the opinion unmodified first, with the criteria it restores', () => {
    const { opinion, fixes } = rankFixes(examination);
    expect(opinion).toBe('qualified');
    expect(fixes[0]).toMatchObject({
      control: 'AC-04',
      conclusion: 'not_effective',
      severity: 'material_weakness',
      opinion: 'unmodified',
      restores: ['CC6.2', 'CC6.3'],
    });
    expect(fixes[0]?.criteria).toContainEqual({ id: 'CC6.2', before: 'not_met', after: 'met' });
    expect(fixes[1]).toMatchObject({ control: 'AC-07', conclusion: 'effective_with_exceptions', opinion: 'qualified', restores: [] });
  });

  test('a criterion nothing addresses is not a fix of any control', () => {
    const gap = buildExamination({ controls: [buildControl({ id: 'AC-1', criteria: ['CC6.1'] })], tests: [testOf('AC-1', 25)] });
    expect(rankFixes(gap)).toEqual({ opinion: 'adverse', fixes: [] });
  });
});

describe('assumeEffective', () => {
  test('retests the failed samples clean and keeps the rest of the evidence', () => {
    const assumed = assumeEffective(examination(), 'AC-04');
    const test = assumed.tests.find((t) => t.control === 'AC-04');
    expect(test?.samples.map((s) => s.result)).toEqual(['pass', 'pass', 'pass']);
    expect(test?.samples.map((s) => s.item)).toEqual(['AC-04-1', 'AC-04-2', 'AC-04-3']);
  });

  test('assumes one clean sample for a Type 2 control with none tested, and corrects its design', () => {
    const ex = buildExamination({ controls: [buildControl({ id: 'AC-04', design: 'deficient' })] });
    const assumed = assumeEffective(ex, 'AC-04');
    expect(assumed.controls[0]?.design).toBe('effective');
    expect(assumed.tests).toEqual([expect.objectContaining({ control: 'AC-04', samples: [expect.objectContaining({ item: ASSUMED_SAMPLE, result: 'pass' })] })]);
  });

  function examination() {
    return buildExamination({ controls: [buildControl({ id: 'AC-04' })], tests: [testOf('AC-04', 1, 2)] });
  }
});
