import { describe, expect, test } from 'vitest';
import { criteriaOfCategories } from '../criteria/catalogue.js';
import { buildControl, buildExamination, buildTest, testOf } from '../testing/builders.js';
import { compareIds, examine } from './examine.js';

/**
 * Every security criterion except those listed is marked not applicable, to keep an example small; with so
 * few in scope, pervasiveness by share is set out of reach so that one failure is not pervasive.
 */
function onlyInScope(...ids: string[]) {
  return {
    notApplicable: criteriaOfCategories([])
      .filter((c) => !ids.includes(c.id))
      .map((c) => ({ criterion: c.id, reason: 'Outside this example' })),
    pervasiveness: { minSeries: 3, minShare: 0.9 },
  };
}

describe('examine', () => {
  test('lists every criterion of the chosen categories, not applicable ones included', () => {
    const result = examine(buildExamination({ engagement: { categories: ['availability'], notApplicable: [{ criterion: 'CC6.4', reason: 'Carved out' }] } }));
    expect(result.criteria).toHaveLength(36);
    expect(result.criteria.find((c) => c.id === 'CC6.4')?.status).toBe('not_applicable');
    expect(result.criteria.find((c) => c.id === 'A1.3')?.status).toBe('not_met');
  });

  test('with no control at all, every in-scope criterion is a design material weakness and the design opinion adverse', () => {
    const result = examine(buildExamination());
    expect(result.criteria.every((c) => c.status === 'not_met' && c.failure === 'design')).toBe(true);
    expect(result.deficiencies).toHaveLength(33);
    expect(result.deficiencies.every((d) => d.control === null && d.severity === 'material_weakness')).toBe(true);
    expect(result.opinion.subjects.design).toBe('adverse');
  });

  test('orders controls naturally: AC-2 before AC-10', () => {
    const result = examine(
      buildExamination({
        engagement: { reportType: 'type1', periodStart: null },
        controls: [buildControl({ id: 'AC-10' }), buildControl({ id: 'AC-2' }), buildControl({ id: 'AB-1' })],
      }),
    );
    expect(result.controls.map((c) => c.id)).toEqual(['AB-1', 'AC-2', 'AC-10']);
    expect(compareIds('AC-2', 'AC-10')).toBeLessThan(0);
  });

  test('a failed key control: the reasons follow it from the samples to the opinion', () => {
    const result = examine(
      buildExamination({
        engagement: onlyInScope('CC6.1', 'CC6.2'),
        controls: [
          buildControl({ id: 'AC-04', criteria: ['CC6.2'], key: true }),
          buildControl({ id: 'AC-01', criteria: ['CC6.1'], key: true }),
        ],
        tests: [testOf('AC-04', 23, 2, 1000), testOf('AC-01', 25, 0, 1000)],
      }),
    );
    const ac04 = result.controls.find((c) => c.id === 'AC-04');
    expect(ac04).toMatchObject({ conclusion: 'not_effective', deviations: 2, failedSamples: ['AC-04-24', 'AC-04-25'] });
    expect(ac04?.reasons[0]).toMatch(/^AC-04: 2 of 25 samples deviated \(AC-04-24, AC-04-25\).*\(rule 5\)\.$/);
    expect(ac04?.reasons[1]).toMatch(/\(rule 7\)\.$/);

    const cc62 = result.criteria.find((c) => c.id === 'CC6.2');
    expect(cc62).toMatchObject({ status: 'not_met', failure: 'operating', controls: ['AC-04'], failingControls: ['AC-04'] });
    expect(cc62?.reasons.join(' ')).toMatch(/AC-04.*rule 2, operating/);
    expect(result.criteria.find((c) => c.id === 'CC6.1')?.status).toBe('met');

    expect(result.deficiencies).toEqual([
      { control: 'AC-04', kind: 'operating', severity: 'material_weakness', criteria: ['CC6.2'], criteriaNotMet: ['CC6.2'], reasons: ['It leaves CC6.2 not met.'] },
    ]);
    expect(result.opinion).toMatchObject({
      overall: 'qualified',
      pervasive: false,
      subjects: { description: 'unmodified', design: 'unmodified', operatingEffectiveness: 'qualified' },
    });
    expect(result.opinion.basis.join(' ')).toMatch(/CC6\.2 not met/);
  });

  test('a compensating control that operated keeps the criterion met and the deficiency significant', () => {
    const result = examine(
      buildExamination({
        engagement: onlyInScope('CC6.2'),
        controls: [
          buildControl({ id: 'AC-04', criteria: ['CC6.2'], key: true }),
          buildControl({ id: 'AC-05', criteria: [], compensates: ['AC-04'], frequency: 'quarterly' }),
        ],
        tests: [testOf('AC-04', 23, 2, 1000), testOf('AC-05', 2, 0, 4)],
      }),
    );
    const cc62 = result.criteria.find((c) => c.id === 'CC6.2');
    expect(cc62?.status).toBe('met_with_exceptions');
    expect(cc62?.reasons.join(' ')).toMatch(/Key control AC-04 \(not effective\) is compensated by AC-05/);
    expect(result.deficiencies).toEqual([expect.objectContaining({ control: 'AC-04', severity: 'significant_deficiency' })]);
    expect(result.opinion.overall).toBe('unmodified');
  });

  test('a scope limitation on a key control: unable to conclude, a qualified opinion', () => {
    const result = examine(
      buildExamination({
        engagement: onlyInScope('CC6.2', 'CC6.3'),
        controls: [buildControl({ id: 'HR-02', criteria: ['CC6.2'], key: true, frequency: 'event' }), buildControl({ id: 'AC-06', criteria: ['CC6.3'] })],
        tests: [buildTest({ control: 'HR-02', samples: [], scopeLimitation: 'Leaver list not produced' }), testOf('AC-06', 25)],
      }),
    );
    expect(result.controls.find((c) => c.id === 'HR-02')?.conclusion).toBe('not_tested');
    expect(result.criteria.find((c) => c.id === 'CC6.2')).toMatchObject({ status: 'unable_to_conclude' });
    expect(result.criteria.find((c) => c.id === 'CC6.2')?.reasons).toEqual(['Key control HR-02 not tested (rule 3).']);
    expect(result.deficiencies).toEqual([]);
    expect(result.opinion.subjects.operatingEffectiveness).toBe('qualified');
    expect(result.opinion.basis.join(' ')).toMatch(/Scope limitation: unable to conclude on CC6\.2/);
  });

  test('Type 1: design is judged, operating effectiveness is not', () => {
    const result = examine(
      buildExamination({
        engagement: { reportType: 'type1', periodStart: null, ...onlyInScope('CC8.1', 'CC7.1') },
        controls: [
          buildControl({ id: 'CM-01', criteria: ['CC8.1'], design: 'deficient' }),
          buildControl({ id: 'OP-01', criteria: ['CC7.1'] }),
        ],
        tests: [testOf('OP-01', 0, 3)],
      }),
    );
    expect(result.controls.map((c) => c.conclusion)).toEqual(['design_deficiency', 'effective']);
    expect(result.criteria.find((c) => c.id === 'CC8.1')).toMatchObject({ status: 'not_met', failure: 'design' });
    expect(result.deficiencies).toEqual([expect.objectContaining({ control: 'CM-01', kind: 'design', severity: 'material_weakness' })]);
    expect(result.opinion.subjects).toEqual({ description: 'unmodified', design: 'qualified', operatingEffectiveness: null });
  });

  test('carries the engagement through', () => {
    const result = examine(buildExamination({ engagement: { organization: 'Beta', system: 'Beta Pay', categories: ['privacy'] } }));
    expect(result).toMatchObject({ organization: 'Beta', system: 'Beta Pay', reportType: 'type2', periodStart: '2025-01-01', periodEnd: '2025-12-31', categories: ['privacy'] });
  });
});
