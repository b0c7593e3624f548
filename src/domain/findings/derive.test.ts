import { describe, expect, it } from 'vitest';
import { examine } from '../evaluation/examine.js';
import { buildControl, buildExamination, buildSamples, buildTest, testOf } from '../testing/builders.js';
import { deriveFindings, findingCodeOf, mergeDerivedFindings } from './derive.js';
import { systemicCauses } from './systemic.js';
import { ROOT_CAUSE, buildFinding } from './testing.js';

const examination = buildExamination({
  engagement: { categories: [], periodStart: '2026-01-01', periodEnd: '2026-06-30' },
  controls: [
    buildControl({ id: 'AC-04', criteria: ['CC6.2'], frequency: 'event', key: true }),
    buildControl({ id: 'AC-06', criteria: ['CC6.3'], frequency: 'quarterly', key: true }),
    buildControl({ id: 'AC-07', criteria: ['CC6.3'], frequency: 'quarterly', key: true, compensates: ['AC-06'] }),
  ],
  tests: [
    buildTest({
      control: 'AC-04',
      populationSize: 14,
      samples: [...buildSamples(3, 0, 'T'), { item: 'T-9', result: 'fail', note: 'Removed 7 days late' }, { item: 'T-10', result: 'fail', note: null }],
    }),
    testOf('AC-06', 1, 1, 2),
    testOf('AC-07', 2, 0, 2),
  ],
});
const result = examine(examination);

describe('deriveFindings', () => {
  it('makes one open finding per deficiency, with its failed samples, criteria and the engine forecast', () => {
    const findings = deriveFindings(result, examination);
    const ac04 = findings.find((f) => f.code === 'F-AC-04');
    expect(ac04).toMatchObject({
      title: 'AC-04 not effective: 2 of 5 samples deviated',
      source: 'deficiency',
      control: 'AC-04',
      criteria: ['CC6.2'],
      status: 'open',
      identifiedOn: '2026-06-30',
      failedSamples: [
        { item: 'T-9', note: 'Removed 7 days late' },
        { item: 'T-10', note: null },
      ],
      classification: { kind: 'operating', severity: 'material_weakness', pervasive: false, override: null },
    });
    expect(findings.find((f) => f.code === 'F-AC-06')?.classification.severity).toBe('significant_deficiency');
    // One per deficiency; unaddressed criteria make gaps.
    expect(findings.map((f) => f.code)).toEqual(result.deficiencies.map(findingCodeOf));
    expect(findings.filter((f) => f.control === null).every((f) => f.code.startsWith('F-GAP-'))).toBe(true);
  });

  it('is stable: deriving again and merging adds nothing, and keeps the lifecycle of what is there', () => {
    const first = deriveFindings(result, examination);
    const worked = first.map((f) => (f.code === 'F-AC-04' ? { ...f, status: 'analysing' as const, rootCause: 'RC-1' } : f));
    const merged = mergeDerivedFindings(worked, deriveFindings(result, examination));
    expect(merged).toEqual(worked);
    expect(deriveFindings(result, examination)).toEqual(first);
  });

  it('merging refreshes the forecast but keeps an override and adds only new ids', () => {
    const override = { severity: 'significant_deficiency' as const, pervasive: null, reason: 'r', by: null, on: null };
    const kept = buildFinding({ classification: { kind: 'operating', severity: 'deficiency', pervasive: false, reasons: [], override } });
    const merged = mergeDerivedFindings([kept], deriveFindings(result));
    expect(merged[0]?.classification).toMatchObject({ severity: 'material_weakness', override });
    expect(merged.filter((f) => f.code === 'F-AC-04')).toHaveLength(1);
    expect(merged.length).toBe(result.deficiencies.length);
  });

  it('forecasts a finding pervasive when the criteria it alone leaves not met are', () => {
    const wide = buildExamination({
      engagement: { categories: [] },
      controls: [
        buildControl({ id: 'W-1', criteria: ['CC6.1', 'CC7.1', 'CC8.1'], frequency: 'event', key: true }),
        buildControl({ id: 'N-1', criteria: ['CC6.2'], frequency: 'event', key: true }),
      ],
      tests: [testOf('W-1', 3, 2, 20), testOf('N-1', 3, 2, 20)],
    });
    const findings = deriveFindings(examine(wide), wide);
    expect(findings.find((f) => f.code === 'F-W-1')?.classification).toMatchObject({ pervasive: true });
    expect(findings.find((f) => f.code === 'F-W-1')?.classification.reasons.at(-1)).toBe(
      'The criteria it leaves not met (CC6.1, CC7.1, CC8.1) are pervasive on their own.',
    );
    expect(findings.find((f) => f.code === 'F-N-1')?.classification.pervasive).toBe(false);
  });

  it('names a design deficiency and a gap plainly', () => {
    const design = examine(
      buildExamination({ engagement: { categories: [] }, controls: [buildControl({ id: 'X-1', criteria: ['CC1.1'], design: 'deficient', key: true })] }),
    );
    const findings = deriveFindings(design);
    expect(findings.find((f) => f.code === 'F-X-1')).toMatchObject({ title: 'X-1 is deficient in design', classification: { kind: 'design' } });
    expect(findings.find((f) => f.code === 'F-GAP-CC1.2')).toMatchObject({ title: 'No control addresses CC1.2', control: null, criteria: ['CC1.2'] });
  });
});

describe('systemicCauses', () => {
  it('groups findings by root cause, most findings then most criteria first', () => {
    const other = { ...ROOT_CAUSE, id: 'RC-2', title: 'Access reviews use hand-made listings', category: 'monitoring_gap' as const };
    const lonely = { ...ROOT_CAUSE, id: 'RC-3', title: 'Unused' };
    const findings = [
      buildFinding({ code: 'F-AC-04', rootCause: 'RC-1', criteria: ['CC6.2'] }),
      buildFinding({ code: 'F-AC-06', control: 'AC-06', rootCause: 'RC-2', criteria: ['CC6.3', 'CC6.2'] }),
      buildFinding({ code: 'F-HR-02', control: 'HR-02', rootCause: 'RC-1', criteria: ['CC1.4'] }),
      buildFinding({ code: 'F-FP', control: 'AC-09', rootCause: 'RC-2', status: 'false_positive', falsePositiveReason: 'n/a' }),
      buildFinding({ code: 'F-NONE', rootCause: null }),
    ];
    const causes = systemicCauses(findings, [other, ROOT_CAUSE, lonely]);
    expect(causes.map((c) => [c.rootCause.id, c.findings, c.criteria, c.controls, c.systemic])).toEqual([
      ['RC-1', ['F-AC-04', 'F-HR-02'], ['CC1.4', 'CC6.2'], ['AC-04', 'HR-02'], true],
      ['RC-2', ['F-AC-06'], ['CC6.2', 'CC6.3'], ['AC-06'], false],
    ]);
  });

  it('ranks equal counts of findings by the criteria they touch', () => {
    const two = { ...ROOT_CAUSE, id: 'RC-2' };
    const causes = systemicCauses(
      [buildFinding({ code: 'A', rootCause: 'RC-1', criteria: ['CC6.2'] }), buildFinding({ code: 'B', rootCause: 'RC-2', criteria: ['CC6.2', 'CC6.3'] })],
      [ROOT_CAUSE, two],
    );
    expect(causes.map((c) => c.rootCause.id)).toEqual(['RC-2', 'RC-1']);
  });
});
