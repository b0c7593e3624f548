/**
 * A workspace imported over an engagement that already exists: recorded sample results are evidence, so a
 * re-import never erases one (docs/tests-and-samples.md, "Importing again").
 *
 * Each control's stored test is compared with the workspace's:
 * - the same test (method, population, scope limitation, and the same samples with the same results and notes,
 *   in order) stays as it is: its recorders, its items not yet tested and its version;
 * - a test that keeps every recorded result (it adds samples, or changes the method or population) is replaced,
 *   each result it keeps keeping its recorder;
 * - a test whose recorded results the workspace would drop or change is at stake: refused unless the import is
 *   asked to start new test versions, which keeps the stored test, whole, in the control's history;
 * - a stored test with results that the workspace leaves without a test (the control is gone, or has no test)
 *   is always refused: there would be no new version to keep it beside.
 */
import type { ControlTest, Sample } from './engagement.js';
import { lostEvidence } from './test-changes.js';
import { counted } from './words.js';

/** Why a stored test's results are at stake: the workspace changes them, has no test of the control, or drops the control. */
export type ReimportLoss = 'changed' | 'no test' | 'control dropped';

export interface TestAtStake {
  control: string;
  loss: ReimportLoss;
  /** The stored results the workspace would drop or change. */
  results: Sample[];
  /** How many results the stored test holds. */
  held: number;
}

export interface ReimportPlan {
  /** Controls whose stored test stays exactly as it is. */
  unchanged: string[];
  /** Stored tests whose recorded results the import would drop or change, in the stored order. */
  atStake: TestAtStake[];
}

function sameSample(a: Sample, b: Sample): boolean {
  return a.item === b.item && a.result === b.result && a.note === b.note;
}

/** Whether two tests of a control are the same test, sample for sample. */
export function sameTest(a: ControlTest, b: ControlTest): boolean {
  return (
    a.method === b.method &&
    a.populationSize === b.populationSize &&
    a.scopeLimitation === b.scopeLimitation &&
    a.samples.length === b.samples.length &&
    a.samples.every((sample, i) => sameSample(sample, b.samples[i] as Sample))
  );
}

/**
 * What importing `imported` (the workspace's controls and tests) does to the `stored` tests of the engagement's
 * controls in use.
 */
export function planReimport(stored: readonly ControlTest[], imported: { controls: readonly { id: string }[]; tests: readonly ControlTest[] }): ReimportPlan {
  const controls = new Set(imported.controls.map((c) => c.id));
  const tests = new Map(imported.tests.map((t) => [t.control, t]));
  const plan: ReimportPlan = { unchanged: [], atStake: [] };
  for (const before of stored) {
    const after = tests.get(before.control);
    if (after && sameTest(before, after)) {
      plan.unchanged.push(before.control);
      continue;
    }
    const results = lostEvidence({ samples: before.samples, untested: [] }, { samples: after?.samples ?? [], untested: [] }).results;
    if (results.length === 0) continue;
    const loss: ReimportLoss = after ? 'changed' : controls.has(before.control) ? 'no test' : 'control dropped';
    plan.atStake.push({ control: before.control, loss, results, held: before.samples.length });
  }
  return plan;
}

/** One line about a test at stake: "AC-04: 2 of its 5 recorded results would be dropped or changed (T-1 fail, T-2 pass)". */
export function describeAtStake(test: TestAtStake): string {
  const shown = test.results.slice(0, 5).map((s) => `${s.item} ${s.result}`);
  const more = test.results.length > 5 ? ` and ${test.results.length - 5} more` : '';
  const which = `${test.results.length} of its ${counted(test.held, 'recorded result')}`;
  const what = {
    changed: 'would be dropped or changed',
    'no test': 'would be erased: the workspace has no test of this control (add it)',
    'control dropped': 'would be erased: the workspace no longer lists this control (archive the control first, or keep it in the workspace)',
  }[test.loss];
  return `${test.control}: ${which} ${what} (${shown.join(', ')}${more})`;
}

/**
 * Why the import is refused, or null when it may go ahead. Changed tests go ahead only as new test versions
 * (`newTestVersions`); a test left with nothing to stand beside is refused either way.
 */
export function reimportRefusal(plan: ReimportPlan, newTestVersions: boolean): string | null {
  const refused = plan.atStake.filter((t) => t.loss !== 'changed' || !newTestVersions);
  if (refused.length === 0) return null;
  const versionable = refused.every((t) => t.loss === 'changed');
  return (
    `The import would erase recorded sample results, which are evidence, of ${counted(refused.length, 'control')}: ` +
    `${refused.map(describeAtStake).join('; ')}. ` +
    (versionable
      ? 'Nothing was imported. To keep each of those tests, whole, in its control’s history and start a new test version from the workspace, import again with new test versions (`assay import --new-test-versions`)'
      : 'Nothing was imported')
  );
}
