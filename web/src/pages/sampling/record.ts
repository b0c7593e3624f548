/**
 * Recording a selection as the control's test. The selected items become samples not yet tested (never
 * pre-marked pass: each result is recorded on the control page). A test's recorded results are evidence, so the
 * selection is added to them; the whole test is replaced only while it holds no result, with a confirmation
 * naming what goes, and a test that holds results is followed by a new test version instead, the current one
 * staying in the control's history. The population is the organisation's evidence: a person with
 * `evidence.manage` states it as the file's size; anyone else keeps the test's recorded population, and without
 * a recorded test cannot record at all.
 */
import { describeLoss, lostEvidence, testChangeConflict } from '@assay/domain/test-changes.js';
import type { TestMethod } from '@assay/domain/engagement.js';
import type { Role } from '@assay/domain/access/permissions.js';
import { retireRefusal } from '@assay/domain/independence.js';
import { sampleProblems } from '@assay/domain/sampling/integrity.js';
import type { ControlTest, TestInput } from '../../api/controls.js';

/**
 * Starting over instead of adding: a replacement (a test without results) or, for a test that holds results, a new
 * test version, with why a replacement is refused (the API's own reason) and why this person may not start one, if so.
 */
export type StartOver =
  | { kind: 'replace'; test: TestInput; /** What the replacement loses, in words. */ loses: string }
  | {
      kind: 'new-version';
      test: TestInput;
      /** What the history keeps, in words. */
      keeps: string;
      /** Why the test cannot be replaced: the API's refusal of a replacement, word for word. */
      replaceRefused: string;
      /** Why this person cannot start a new version (the selection does not fit, or the auditor's results), or null. */
      refusal: string | null;
    };

export type RecordPlan =
  | { ok: true; test: TestInput; notes: string[]; startOver: StartOver | null }
  | { ok: false; reason: string; startOver: StartOver | null };

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** Why a test of these samples and untested items would not fit its population, in the domain's words, or null. */
function tooMany(test: { samples: ControlTest['samples']; untested: readonly string[] }, populationSize: number | null): string | null {
  const broken = sampleProblems({ populationSize, samples: test.samples, untested: test.untested });
  return broken.length > 0 ? broken.map((p) => p.message).join('; ') : null;
}

/**
 * The test started over with the selection, as the person (`role`) may record it, or null without a test to start
 * over. A test that holds results always has its new version, refused with the reason where it may not start.
 */
function startOver(test: ControlTest | null, selection: Omit<TestInput, 'version' | 'samples' | 'untested'>, items: readonly string[], role: Role | null): StartOver | null {
  if (!test) return null;
  const fits = tooMany({ samples: [], untested: items }, selection.populationSize ?? null);
  const fresh = { ...selection, version: test.version, samples: [], untested: [...items] };
  if (test.samples.length === 0) {
    if (test.untested.length === 0 || fits) return null;
    const loses = describeLoss(lostEvidence(test, fresh));
    return loses === '' ? null : { kind: 'replace', test: { ...fresh, change: 'replace' }, loses };
  }
  const failed = test.samples.filter((s) => s.result === 'fail').length;
  const keeps = `${plural(test.samples.length, 'recorded result')}${failed > 0 ? ` (${failed} failed)` : ''}`;
  const replaceRefused = testChangeConflict(test, fresh, 'replace') ?? '';
  const refusal = fits ?? (role === null ? null : retireRefusal(role, test));
  return { kind: 'new-version', test: { ...fresh, change: 'new-version' }, keeps, replaceRefused, refusal };
}

export function recordPlan(input: {
  /** The control's test as recorded now, or null when it has none. */
  test: ControlTest | null;
  /** The rows of the population the selection was made from. */
  populationSize: number;
  items: readonly string[];
  method: TestMethod;
  /** Whether the person may state the population (evidence.manage on this control). */
  canEvidence: boolean;
  /** The person's role, which decides whether it may retire the auditor's results. */
  role: Role | null;
}): RecordPlan {
  const { test, populationSize, items, canEvidence } = input;
  const notes: string[] = [];
  if (!test && !canEvidence) {
    return {
      ok: false,
      startOver: null,
      reason:
        'This control has no test yet. Its population is evidence the organisation provides: compliance (or an admin) ' +
        'records the test with its population first; then you can record this selection.',
    };
  }
  const evidence = canEvidence || !test ? { populationSize, scopeLimitation: null } : { populationSize: test.populationSize, scopeLimitation: test.scopeLimitation };
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
  const selection = { method: input.method, ...evidence };
  const over = startOver(test, selection, items, input.role);

  if (!test) {
    const refused = tooMany({ samples: [], untested: items }, evidence.populationSize);
    if (refused) return { ok: false, reason: refused, startOver: null };
    return { ok: true, notes, startOver: null, test: { ...selection, samples: [], untested: [...items] } };
  }
  const inTest = new Set([...test.samples.map((s) => s.item), ...test.untested]);
  const added = items.filter((item) => !inTest.has(item));
  if (added.length === 0) {
    return { ok: false, reason: `Every selected item is in the test of ${test.control} already.`, startOver: over };
  }
  const refused = tooMany({ samples: test.samples, untested: [...test.untested, ...added] }, evidence.populationSize);
  if (refused) return { ok: false, reason: refused, startOver: over };
  const already = items.length - added.length;
  const kept = test.samples.length + test.untested.length;
  notes.push(
    `Adds ${plural(added.length, 'sample')} not yet tested${already > 0 ? ` (${already} of the selection ${already === 1 ? 'is' : 'are'} in the test already)` : ''}` +
      (kept > 0 ? `; the ${plural(kept, 'sample')} the test has now stay as they are, with their results and notes.` : '.'),
  );
  return {
    ok: true,
    notes,
    startOver: over,
    test: { ...selection, version: test.version, samples: test.samples, untested: [...test.untested, ...added] },
  };
}
