import { describe, expect, test } from 'vitest';
import { buildControlResult, buildCriterionResult } from '../testing/builders.js';
import { findDeficiencies } from './deficiencies.js';

describe('findDeficiencies (DESIGN §5, deficiency; reference §3)', () => {
  test('a control leaving a criterion not met is a material weakness of its kind', () => {
    const control = buildControlResult({ id: 'AC-4', conclusion: 'not_effective', key: true, criteria: ['CC6.2', 'CC6.3'] });
    const criteria = [
      buildCriterionResult({ id: 'CC6.2', status: 'not_met', failure: 'operating', controls: ['AC-4'], failingControls: ['AC-4'] }),
      buildCriterionResult({ id: 'CC6.3', status: 'met_with_exceptions', controls: ['AC-4', 'AC-5'] }),
    ];
    expect(findDeficiencies([control], criteria)).toEqual([
      {
        control: 'AC-4',
        kind: 'operating',
        severity: 'material_weakness',
        criteria: ['CC6.2', 'CC6.3'],
        criteriaNotMet: ['CC6.2'],
        reasons: ['It leaves CC6.2 not met.'],
      },
    ]);
  });

  test('a design deficiency leaving a criterion not met is a material weakness in design', () => {
    const control = buildControlResult({ id: 'AC-4', conclusion: 'design_deficiency', criteria: ['CC6.2'] });
    const criteria = [buildCriterionResult({ id: 'CC6.2', status: 'not_met', failure: 'design', controls: ['AC-4'], failingControls: ['AC-4'] })];
    expect(findDeficiencies([control], criteria)[0]).toMatchObject({ kind: 'design', severity: 'material_weakness' });
  });

  test.each([
    ['not_effective', 'operating'],
    ['design_deficiency', 'design'],
  ] as const)('a control %s whose criteria are still met is a significant deficiency (%s)', (conclusion, kind) => {
    const control = buildControlResult({ id: 'AC-4', conclusion, criteria: ['CC6.2'] });
    const criteria = [buildCriterionResult({ id: 'CC6.2', status: 'met_with_exceptions', controls: ['AC-4', 'AC-5'] })];
    const [deficiency] = findDeficiencies([control], criteria);
    expect(deficiency).toMatchObject({ control: 'AC-4', kind, severity: 'significant_deficiency', criteriaNotMet: [] });
    expect(deficiency?.reasons.join(' ')).toMatch(/CC6\.2 is still met through other or compensating controls/);
  });

  test('a control failing beside a criterion left not met by another control is not the material weakness', () => {
    const control = buildControlResult({ id: 'AC-5', conclusion: 'not_effective', criteria: ['CC6.2'] });
    const criteria = [buildCriterionResult({ id: 'CC6.2', status: 'not_met', failure: 'operating', controls: ['AC-4', 'AC-5'], failingControls: ['AC-4'] })];
    expect(findDeficiencies([control], criteria)[0]?.severity).toBe('significant_deficiency');
  });

  test('a control effective with exceptions is a deficiency', () => {
    const control = buildControlResult({ id: 'AC-4', conclusion: 'effective_with_exceptions', key: true, criteria: ['CC6.2'] });
    const criteria = [buildCriterionResult({ id: 'CC6.2', status: 'met_with_exceptions', controls: ['AC-4'] })];
    expect(findDeficiencies([control], criteria)).toEqual([
      expect.objectContaining({ control: 'AC-4', kind: 'operating', severity: 'deficiency', criteria: ['CC6.2'], criteriaNotMet: [] }),
    ]);
  });

  test('effective and untested controls are no deficiency', () => {
    const controls = [
      buildControlResult({ id: 'AC-1', conclusion: 'effective' }),
      buildControlResult({ id: 'AC-2', conclusion: 'not_tested' }),
    ];
    expect(findDeficiencies(controls, [buildCriterionResult({ id: 'CC1.1', controls: ['AC-1', 'AC-2'] })])).toEqual([]);
  });

  test('one material weakness in design per criterion that nothing addresses', () => {
    const criteria = [
      buildCriterionResult({ id: 'CC1.1', status: 'not_met', failure: 'design' }),
      buildCriterionResult({ id: 'CC1.2', status: 'not_met', failure: 'design' }),
      buildCriterionResult({ id: 'CC1.3', status: 'not_applicable' }),
    ];
    expect(findDeficiencies([], criteria)).toEqual([
      { control: null, kind: 'design', severity: 'material_weakness', criteria: ['CC1.1'], criteriaNotMet: ['CC1.1'], reasons: ['No control addresses CC1.1, so it cannot be met.'] },
      { control: null, kind: 'design', severity: 'material_weakness', criteria: ['CC1.2'], criteriaNotMet: ['CC1.2'], reasons: ['No control addresses CC1.2, so it cannot be met.'] },
    ]);
  });

  test('lists only in-scope criteria: not applicable ones are left out', () => {
    const control = buildControlResult({ id: 'AC-4', conclusion: 'not_effective', criteria: ['CC6.4', 'CC6.5'] });
    const criteria = [
      buildCriterionResult({ id: 'CC6.4', status: 'not_applicable', controls: ['AC-4'] }),
      buildCriterionResult({ id: 'CC6.5', status: 'met_with_exceptions', controls: ['AC-4', 'AC-6'] }),
    ];
    expect(findDeficiencies([control], criteria)[0]?.criteria).toEqual(['CC6.5']);
  });

  test('a failed control addressing no in-scope criterion says so', () => {
    const control = buildControlResult({ id: 'AC-4', conclusion: 'not_effective', criteria: ['A1.1'] });
    const [deficiency] = findDeficiencies([control], [buildCriterionResult({ id: 'CC1.1', controls: ['AC-1'] })]);
    expect(deficiency).toMatchObject({ severity: 'significant_deficiency', criteria: [] });
    expect(deficiency?.reasons).toEqual(['AC-4 is not effective; it addresses no in-scope criterion.']);
  });
});
