import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { buildControl } from '../testing/builders.js';
import { buildManualFinding, openedFromExamination, type AuthoringContext, type ManualFindingInput } from './authoring.js';
import { buildFinding } from './testing.js';

const AC04 = buildControl({ id: 'AC-04', criteria: ['CC6.2', 'C1.1'] });
const context: AuthoringContext = { control: (id) => (id === 'AC-04' ? AC04 : undefined), inScope: new Set(['CC6.2', 'CC7.3']), on: '2026-07-01' };
const observation: ManualFindingInput = { source: 'auditor_observation', title: 'Reviews not evidenced', kind: 'operating', severity: 'deficiency' };

describe('the code of a finding recorded by hand', () => {
  prop.prop([fc.array(fc.oneof(fc.nat(500).map((n) => `F-${n}`), fc.string()))])('is never a code already taken, and always of the form F-<n>', (taken) => {
    const outcome = buildManualFinding({ ...observation, criteria: ['CC7.3'] }, taken, context);
    const code = outcome.ok ? outcome.finding.code : '';
    expect(taken).not.toContain(code);
    expect(code).toMatch(/^F-[1-9]\d*$/);
  });
});

describe('a finding recorded by hand', () => {
  it('is open with its first step, its classification as given, and the control’s criteria in scope', () => {
    const outcome = buildManualFinding({ ...observation, control: 'AC-04', pervasive: true }, ['F-1'], context);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.finding).toMatchObject({
      code: 'F-2',
      source: 'auditor_observation',
      control: 'AC-04',
      criteria: ['CC6.2'],
      status: 'open',
      identifiedOn: '2026-07-01',
      failedSamples: [],
      classification: { kind: 'operating', severity: 'deficiency', pervasive: true, override: null },
      history: [{ on: '2026-07-01', from: null, to: 'open', reason: 'Recorded by hand as auditor observation.' }],
    });
  });

  it('keeps a given code, criteria (once each) and failed samples', () => {
    const outcome = buildManualFinding(
      { ...observation, code: 'OBS-1', criteria: ['CC7.3', 'CC7.3'], failedSamples: [{ item: 'R-1', note: 'No sign-off' }], identifiedOn: '2026-05-31' },
      [],
      context,
    );
    expect(outcome.ok && outcome.finding).toMatchObject({ code: 'OBS-1', control: null, criteria: ['CC7.3'], identifiedOn: '2026-05-31', failedSamples: [{ item: 'R-1', note: 'No sign-off' }] });
  });

  it('is refused with every problem at its field', () => {
    const outcome = buildManualFinding(
      { ...observation, control: 'ZZ-1', criteria: ['CC99.9', 'C1.1'], failedSamples: [{ item: 'A', note: null }, { item: 'A', note: null }] },
      [],
      context,
    );
    expect(outcome).toEqual({
      ok: false,
      problems: [
        { path: ['control'], message: 'unknown control ZZ-1' },
        { path: ['criteria', 0], message: 'unknown criterion "CC99.9"' },
        { path: ['criteria', 1], message: 'criterion "C1.1" is not in the chosen categories' },
        { path: ['failedSamples', 1, 'item'], message: 'failed sample "A" is listed twice', firstAt: ['failedSamples', 0, 'item'] },
      ],
    });
    expect(buildManualFinding(observation, [], context)).toEqual({ ok: false, problems: [{ path: [], message: 'a finding needs its control, its criteria, or both' }] });
  });
});

describe('a finding derived from the examination', () => {
  it('starts its history with the open step saying where it came from, its failed samples untouched', () => {
    const derived = buildFinding();
    const opened = openedFromExamination(derived, '2026-07-02');
    expect(opened.history).toEqual([{ on: '2026-07-02', from: null, to: 'open', reason: 'Derived from the deficiency of AC-04 in the current examination.' }]);
    expect(opened.failedSamples).toEqual(derived.failedSamples);
    expect(openedFromExamination(buildFinding({ control: null, criteria: ['CC6.4'] }), '2026-07-02').history[0]?.reason).toBe(
      'Derived from the unaddressed criteria CC6.4 in the current examination.',
    );
  });
});
