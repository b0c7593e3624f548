import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { buildAction, buildFinding } from '@assay/domain/findings/testing.js';
import { nextActionDue, pervasiveText, severityText } from './format.js';

const { classification } = buildFinding();

describe('the severity that stands, in words', () => {
  it("is the forecast's, or the auditor's marked as such", () => {
    expect(severityText(classification)).toBe('material weakness');
    const override = { severity: 'deficiency' as const, pervasive: null, reason: 'Compensated', by: null, on: null };
    expect(severityText({ ...classification, override })).toBe('deficiency (auditor)');
    // An override of the pervasiveness alone leaves the forecast severity standing, unmarked.
    expect(severityText({ ...classification, override: { ...override, severity: null, pervasive: true } })).toBe('material weakness');
    expect(pervasiveText({ ...classification, override: { ...override, severity: null, pervasive: true } })).toBe('pervasive (auditor)');
  });
});

const date = fc.integer({ min: 0, max: 3000 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const action = fc.record({ status: fc.constantFrom('planned' as const, 'in_progress' as const, 'done' as const), due: fc.option(date, { nil: null }) });

describe('the next action due', () => {
  test.prop([fc.array(action, { maxLength: 8 })])('is an action not done, due no later than any other not done', (specs) => {
    const actions = specs.map((s, i) => buildAction({ id: `CA-${i + 1}`, ...s, completedOn: s.status === 'done' ? '2026-01-01' : null }));
    const next = nextActionDue(actions);
    const pending = actions.filter((a) => a.status !== 'done');
    if (pending.length === 0) {
      expect(next).toBeNull();
      return;
    }
    expect(next?.status).not.toBe('done');
    const dated = pending.flatMap((a) => (a.due === null ? [] : [a.due]));
    // Undated actions come last: one is next only when none is dated.
    expect(next?.due ?? null).toBe(dated.length === 0 ? null : [...dated].sort()[0]);
  });
});
