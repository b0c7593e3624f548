import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import type { ControlTest, Sample } from './engagement.js';
import { planReimport, reimportRefusal } from './reimport.js';

const pass = (item: string): Sample => ({ item, result: 'pass', note: null });
const fail = (item: string): Sample => ({ item, result: 'fail', note: 'Access removed 9 days late' });
const testOf = (control: string, samples: Sample[]): ControlTest => ({ control, method: 'inspection', populationSize: 40, samples, scopeLimitation: null });
const controls = (...ids: string[]) => ids.map((id) => ({ id }));

describe('planReimport', () => {
  const stored = [testOf('AC-01', [pass('T-1')]), testOf('AC-04', [pass('T-1'), fail('T-2')]), testOf('CM-01', [])];

  test('keeps the same tests, lets a test that keeps every result be replaced, and puts the others at stake', () => {
    const plan = planReimport(stored, {
      controls: controls('AC-01', 'AC-04', 'CM-01'),
      tests: [testOf('AC-01', [pass('T-1'), pass('T-9')]), testOf('AC-04', [pass('T-1'), pass('T-2')]), testOf('CM-01', [])],
    });
    expect(plan).toEqual({ unchanged: ['CM-01'], atStake: [{ control: 'AC-04', loss: 'changed', results: [fail('T-2')], held: 2 }] });
    expect(reimportRefusal(plan, true)).toBeNull();
    expect(reimportRefusal(plan, false)).toMatch(/^The import would erase recorded sample results, which are evidence, of 1 control: AC-04: 1 of its 2 recorded results would be dropped or changed \(T-2 fail\)\. Nothing was imported\. To keep/);
  });

  test('refuses a test or control the workspace leaves out while it holds results, new versions or not', () => {
    const plan = planReimport(stored, { controls: controls('AC-04', 'CM-01'), tests: [] });
    expect(plan.atStake.map((t) => [t.control, t.loss])).toEqual([
      ['AC-01', 'control dropped'],
      ['AC-04', 'no test'],
    ]);
    expect(reimportRefusal(plan, true)).toMatch(/of 2 controls: AC-01: 1 of its 1 recorded result would be erased: .*; AC-04: 2 of its 2 recorded results would be erased: .*\. Nothing was imported$/);
  });

  const samples = fc.uniqueArray(fc.record({ item: fc.stringMatching(/^[A-Z]-\d{1,3}$/), result: fc.constantFrom('pass' as const, 'fail' as const), note: fc.constant(null) }), {
    selector: (s) => s.item,
    maxLength: 8,
  });
  prop.prop([fc.array(samples, { maxLength: 5 }), fc.nat()], { numRuns: 200 })(
    'the stored tests imported back change nothing, and dropping any recorded result is refused',
    (sets, pick) => {
      const tests = sets.map((s, i) => testOf(`C-${i}`, s));
      const listed = controls(...tests.map((t) => t.control));
      expect(planReimport(tests, { controls: listed, tests })).toEqual({ unchanged: tests.map((t) => t.control), atStake: [] });
      const holding = tests.filter((t) => t.samples.length > 0);
      if (holding.length === 0) return;
      const target = holding[pick % holding.length] as ControlTest;
      const dropped = tests.map((t) => (t === target ? { ...t, samples: t.samples.slice(1) } : t));
      expect(reimportRefusal(planReimport(tests, { controls: listed, tests: dropped }), false)).toContain(`${target.control}: 1 of its`);
    },
  );
});
