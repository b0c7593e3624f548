/**
 * Recording a selection as the control's test: the samples are the selected items (each `pass` until its result
 * is recorded on the control page). The population is the organisation's evidence: a person with
 * `evidence.manage` states it as the file's size; anyone else keeps the test's recorded population, and without
 * a recorded test cannot record at all.
 */
import type { TestMethod } from '@assay/domain/engagement.js';
import { sampleProblems } from '@assay/domain/sampling/integrity.js';
import type { ControlTest, TestInput } from '../../api/controls.js';

export type RecordPlan = { ok: true; test: TestInput; notes: string[] } | { ok: false; reason: string };

export function recordPlan(input: {
  /** The control's test as recorded now, or null when it has none. */
  test: ControlTest | null;
  /** The rows of the population the selection was made from. */
  populationSize: number;
  items: readonly string[];
  method: TestMethod;
  /** Whether the person may state the population (evidence.manage on this control). */
  canEvidence: boolean;
}): RecordPlan {
  const { test, populationSize, items, canEvidence } = input;
  const notes: string[] = [];
  if (!test && !canEvidence) {
    return {
      ok: false,
      reason:
        'This control has no test yet. Its population is evidence the organisation provides: compliance (or an admin) ' +
        'records the test with its population first; then you can record this selection.',
    };
  }
  const evidence = canEvidence
    ? { populationSize, scopeLimitation: null }
    : { populationSize: (test as ControlTest).populationSize, scopeLimitation: (test as ControlTest).scopeLimitation };
  if (!canEvidence && test) {
    const kept = test.populationSize === null ? 'no population (a scope limitation)' : `its population of ${test.populationSize}`;
    notes.push(
      `Your role cannot change the population, which is evidence the organisation provides: the test keeps ${kept}` +
        (test.populationSize !== null && test.populationSize !== populationSize ? `, while your file has ${populationSize} rows.` : '.'),
    );
    if (test.scopeLimitation) notes.push(`The test records a scope limitation (“${test.scopeLimitation}”): the control stays not tested while it does.`);
  } else if (test && test.populationSize !== populationSize) {
    notes.push(`The population changes from ${test.populationSize ?? 'none'} to ${populationSize}, the rows of your file.`);
  }
  const broken = sampleProblems({ populationSize: evidence.populationSize, samples: items.map((item) => ({ item })) });
  if (broken.length > 0) return { ok: false, reason: broken.map((p) => p.message).join('; ') };
  if (test && test.samples.length > 0) {
    const failed = test.samples.filter((s) => s.result === 'fail').length;
    notes.push(
      `Recording replaces the ${test.samples.length} samples the test has now${failed > 0 ? ` (${failed} failed)` : ''}, with their results and notes.`,
    );
  }
  return {
    ok: true,
    notes,
    test: {
      ...(test ? { version: test.version } : {}),
      method: input.method,
      ...evidence,
      samples: items.map((item) => ({ item, result: 'pass', note: null })),
    },
  };
}
