/**
 * A test that stands on a check (DESIGN §8): the check, run as of the period end, is the test. Its population is
 * the check's, every item is a sample (so rule 5 uses the exact rate k/N) and its failing items are the
 * deviations; a check that is `empty` or `error` proved nothing, so the control is not tested, the reason saying why.
 */
import type { ControlTest, Sample } from '../engagement.js';
import type { ExaminationResult } from '../evaluation/result.js';
import { list } from '../format.js';
import type { CheckResult, ItemOutcome } from './model.js';

/** A check a test stands on, as it came out when run for the examination. */
export interface CheckedTestRun {
  control: string;
  asOf: string;
  result: CheckResult;
}

/** The test before its check is run: nothing can be concluded from it yet. */
export function unrunCheckedTest(control: string, check: string): ControlTest {
  return {
    control,
    method: 'reperformance',
    populationSize: null,
    samples: [],
    scopeLimitation: `the test stands on check ${check}, which has not been run`,
  };
}

/**
 * The test a check's run gives: one sample per distinct item in source order. An item the check lists more than
 * once (a rehired leaver, say) is one sample, failing when any of its rows fails, with every reason in its note.
 */
export function checkedTest(control: string, run: CheckedTestRun, items: readonly ItemOutcome[]): ControlTest {
  const { result, asOf } = run;
  const base = { control, method: 'reperformance' as const, populationSize: null, samples: [] };
  if (result.status === 'error') {
    return { ...base, scopeLimitation: `check ${result.id} could not be run as of ${asOf}: ${result.error ?? 'unknown error'}` };
  }
  if (result.status === 'empty') {
    return { ...base, scopeLimitation: `check ${result.id} found no item in its population as of ${asOf}, so it proved nothing` };
  }
  const samples = new Map<string, Sample>();
  for (const { item, failure } of items) {
    const sample = samples.get(item) ?? { item, result: 'pass', note: null };
    if (failure !== null) {
      sample.result = 'fail';
      sample.note = sample.note === null ? `${result.id}: ${failure}` : `${sample.note}; ${failure}`;
    }
    samples.set(item, sample);
  }
  return { control, method: 'reperformance', populationSize: samples.size, samples: [...samples.values()], scopeLimitation: null };
}

/** The examination's reasons, each control that stands on a check saying which check and which items failed. */
export function explainCheckedTests(result: ExaminationResult, runs: readonly CheckedTestRun[]): ExaminationResult {
  const byControl = new Map(runs.map((run) => [run.control, run]));
  return {
    ...result,
    controls: result.controls.map((control) => {
      const run = byControl.get(control.id);
      if (run === undefined || run.result.status === 'empty' || run.result.status === 'error') return control;
      const { id, title, failing } = run.result;
      const failed = [...new Set(failing.map((f) => f.item))];
      const found = failed.length === 0 ? 'none failed' : `${failed.length} failed (${list(failed)})`;
      const reason = `${control.id} stands on check ${id} (${title}), run as of ${run.asOf}: every item of its population was tested by reperformance; ${found}.`;
      return { ...control, reasons: [reason, ...control.reasons] };
    }),
  };
}
