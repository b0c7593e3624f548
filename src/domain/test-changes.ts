/**
 * Recorded sample results are evidence: recording a control's test again never drops or changes them silently.
 *
 * A test holds its samples (each with a recorded result, pass or fail, as in the workspace's `tests/*.yaml`) and
 * the items selected for it whose result is not recorded yet (`untested`: not samples, never counted as tested,
 * never written to the workspace). Recording a test over the one the control has is one of three changes:
 * - `keep` (the default): every recorded sample stays as it is and every untested item stays selected; new
 *   items may be added (untested, or with their result). This is how a new selection adds to a test.
 * - `replace`: the test is replaced as a whole, which the person confirms knowing what goes; refused while the
 *   test holds any recorded result.
 * - `new-version`: a new test version replaces the current one, with a reason; the current test, its results
 *   and notes, stay in the control's history (the audit event keeps them).
 *
 * One sample's result: a fail says what deviated (its note), and changing a recorded result takes a reason, which
 * the audit event keeps beside the result before and after.
 */
import type { Sample } from './engagement.js';
import { repeats, type Problem } from './problems.js';

export const TEST_CHANGES = ['keep', 'replace', 'new-version'] as const;
export type TestChange = (typeof TEST_CHANGES)[number];

/** A test's samples with recorded results and its items not yet tested. */
export interface TestSamples {
  samples: readonly Sample[];
  untested: readonly string[];
}

/** What recording one test over another would lose. */
export interface LostEvidence {
  /** Recorded samples that would go, or whose result or note would change. */
  results: Sample[];
  /** Items selected but not yet tested that would no longer be. */
  untested: string[];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The recorded results and untested items of `before` that `after` does not keep as they are. */
export function lostEvidence(before: TestSamples, after: TestSamples): LostEvidence {
  const kept = new Map(after.samples.map((s) => [s.item, s]));
  const results = before.samples.filter((s) => {
    const same = kept.get(s.item);
    return !same || same.result !== s.result || same.note !== s.note;
  });
  const selected = new Set([...after.untested, ...after.samples.map((s) => s.item)]);
  return { results, untested: before.untested.filter((item) => !selected.has(item)) };
}

/** "2 recorded results (T-0012 fail, T-0031 pass) and 1 sample not yet tested (T-0040)", naming at most 5 of each. */
export function describeLoss(lost: LostEvidence): string {
  const names = (items: string[]) => (items.length > 5 ? `${items.slice(0, 5).join(', ')} and ${items.length - 5} more` : items.join(', '));
  const parts: string[] = [];
  if (lost.results.length > 0) {
    parts.push(`${plural(lost.results.length, 'recorded result')} (${names(lost.results.map((s) => `${s.item} ${s.result}`))})`);
  }
  if (lost.untested.length > 0) parts.push(`${plural(lost.untested.length, 'sample')} not yet tested (${names(lost.untested)})`);
  return parts.join(' and ');
}

/** Why a test holding `samples` (recorded results) cannot be replaced or deleted, and what to do instead. */
function heldEvidence(samples: readonly Sample[], refused: 'replaced' | 'deleted'): string {
  const failed = samples.filter((s) => s.result === 'fail').length;
  return (
    `The test holds ${plural(samples.length, 'recorded result')}${failed > 0 ? ` (${failed} failed)` : ''}, which are evidence: ` +
    `it cannot be ${refused}. Start a new test version with the reason instead: the current test, with its results and notes, stays in the control’s history`
  );
}

/**
 * Why recording `after` over the test `before` as `change` is refused (a conflict: nothing is recorded), or null
 * when it may go ahead.
 */
export function testChangeConflict(before: TestSamples, after: TestSamples, change: TestChange): string | null {
  if (change === 'new-version') return null;
  if (change === 'replace') return before.samples.length === 0 ? null : heldEvidence(before.samples, 'replaced');
  const lost = lostEvidence(before, after);
  if (lost.results.length > 0) {
    return (
      `Recording this test would drop or change ${describeLoss(lost)}. Recorded results are evidence: keep them and add ` +
      'new samples, record a changed result on the sample itself, or start a new test version (the current one stays in the control’s history)'
    );
  }
  if (lost.untested.length > 0) {
    return `Recording this test would drop ${describeLoss(lost)}: confirm the replacement to go ahead`;
  }
  return null;
}

/**
 * Why deleting the test `test` is refused (a conflict: nothing is deleted), or null when it may go: a test that
 * holds recorded results is evidence and is never erased; a new test version retires it with a reason instead,
 * keeping it in the control's history. A test with no result yet (only its population and selection) may go.
 */
export function testRemovalConflict(test: TestSamples): string | null {
  return test.samples.length === 0 ? null : heldEvidence(test.samples, 'deleted');
}

/**
 * Problems with a test's untested items and its change: an item both tested and untested, or untested twice,
 * and a new test version without its reason.
 */
export function checkTestSamples(test: TestSamples & { change: TestChange; reason: string | null }): Problem[] {
  const tested = new Set(test.samples.map((s) => s.item));
  const problems: Problem[] = [];
  test.untested.forEach((item, i) => {
    if (tested.has(item)) problems.push({ path: ['untested', i], message: `"${item}" is a sample with a recorded result already` });
  });
  for (const { index, first } of repeats(test.untested.map((item) => (tested.has(item) ? undefined : item)))) {
    problems.push({ path: ['untested', index], message: `"${test.untested[index]}" appears twice`, firstAt: ['untested', first] });
  }
  if (test.change === 'new-version' && (test.reason ?? '').trim() === '') {
    problems.push({ path: ['reason'], message: 'say why a new test version is started (the current one is kept in the history)' });
  }
  return problems;
}

const NOTE_NEEDED = 'a failed sample needs a note saying what deviated';

function isBlank(text: string | null | undefined): boolean {
  return (text ?? '').trim() === '';
}

/**
 * Failed samples without a note, at `samples[i].note`, among those `after` records anew: samples already
 * recorded exactly so in `before` (an older record) are left as they are.
 */
export function checkFailureNotes(after: readonly Sample[], before: readonly Sample[] = []): Problem[] {
  const recorded = new Map(before.map((s) => [s.item, s]));
  const problems: Problem[] = [];
  after.forEach((sample, i) => {
    const same = recorded.get(sample.item);
    if (same && same.result === sample.result && same.note === sample.note) return;
    if (sample.result === 'fail' && isBlank(sample.note)) problems.push({ path: ['samples', i, 'note'], message: NOTE_NEEDED });
  });
  return problems;
}

/**
 * Problems with recording one sample as `after` (`before`: as it is recorded, or null for a new one): a fail
 * without its note, at `note`, and a changed result without a reason, at `reason`.
 */
export function checkSampleRecord(before: Sample | null, after: Sample, reason: string | null): Problem[] {
  const problems: Problem[] = [];
  if (after.result === 'fail' && isBlank(after.note)) problems.push({ path: ['note'], message: NOTE_NEEDED });
  if (before && before.result !== after.result && isBlank(reason)) {
    problems.push({
      path: ['reason'],
      message: `the result of ${after.item} was recorded as ${before.result}: say why it changes to ${after.result} (the reason goes into the control's history)`,
    });
  }
  return problems;
}
