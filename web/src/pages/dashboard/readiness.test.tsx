import { describe, expect, it } from 'vitest';
import type { CriterionResult } from '../../api/types.js';
import { countBySeverity, seriousDeficiencies } from './deficiencies.js';
import { readinessBy, readinessTotal } from './readiness.js';

type Row = Pick<CriterionResult, 'series' | 'category' | 'status'>;
const c = (series: string, status: CriterionResult['status'], category: CriterionResult['category'] = 'security'): Row => ({
  series,
  category,
  status,
});

describe('readinessBy series', () => {
  const criteria: Row[] = [
    c('P1', 'met', 'privacy'),
    c('CC6', 'not_met'),
    c('A1', 'met', 'availability'),
    c('CC6', 'met'),
    c('CC6', 'met_with_exceptions'),
    c('PI1', 'unable_to_conclude', 'processing-integrity'),
    c('CC1', 'not_applicable'),
    c('CC6', 'not_met'),
    c('C1', 'met', 'confidentiality'),
    c('CC10', 'met'),
  ];

  it('counts the criteria of each status in each series', () => {
    const cc6 = readinessBy(criteria, 'series').find((row) => row.group === 'CC6');
    expect(cc6).toEqual({ group: 'CC6', total: 4, met: 1, met_with_exceptions: 1, unable_to_conclude: 0, not_met: 2, not_applicable: 0 });
  });

  it("lists only the series present, in the catalogue's order, an unknown one last", () => {
    expect(readinessBy(criteria, 'series').map((row) => row.group)).toEqual(['CC1', 'CC6', 'A1', 'C1', 'PI1', 'P1', 'CC10']);
  });

  it('groups by category in the catalogue order', () => {
    const rows = readinessBy(criteria, 'category');
    expect(rows.map((row) => [row.group, row.total])).toEqual([
      ['security', 6],
      ['availability', 1],
      ['confidentiality', 1],
      ['processing-integrity', 1],
      ['privacy', 1],
    ]);
    expect(rows[0]?.not_met).toBe(2);
  });

  it('totals the rows', () => {
    const total = readinessTotal(readinessBy(criteria, 'series'));
    expect(total).toMatchObject({ total: 10, met: 5, met_with_exceptions: 1, not_met: 2, unable_to_conclude: 1, not_applicable: 1 });
  });

  it('has no rows without criteria', () => {
    expect(readinessBy([], 'series')).toEqual([]);
  });
});

describe('deficiencies by severity', () => {
  const d = (control: string | null, severity: 'deficiency' | 'significant_deficiency' | 'material_weakness', criteria = ['CC1.1']) => ({
    control,
    severity,
    criteria,
  });

  it('counts every severity, zero included', () => {
    expect(countBySeverity([d('A', 'deficiency'), d('B', 'material_weakness'), d('C', 'deficiency')])).toEqual({
      deficiency: 2,
      significant_deficiency: 0,
      material_weakness: 1,
    });
  });

  it('lists material weaknesses, then significant deficiencies, by control, without plain deficiencies', () => {
    const list = seriousDeficiencies([
      d('B', 'significant_deficiency'),
      d('Z', 'deficiency'),
      d(null, 'material_weakness', ['A1.3']),
      d('C', 'material_weakness'),
      d('A', 'significant_deficiency'),
    ]);
    expect(list.map((x) => x.control)).toEqual(['C', null, 'A', 'B']);
  });
});
