/**
 * When a finding may close: only after a retest of its control, over a period that starts after the last
 * corrective action was completed, concludes `effective` by the engine's own control-conclusion rules
 * (DESIGN §5).
 */
import type { Control, SamplingSettings } from '../engagement.js';
import { concludeControl } from '../evaluation/control-conclusion.js';
import type { ControlResult } from '../evaluation/result.js';
import { periodProblems } from '../dates.js';
import type { Decision, Finding, Retest } from './model.js';
import { words } from '../format.js';
import { counted } from '../words.js';

/** What the closing rules need to know beyond the finding: the controls as examined, and the sampling settings. */
export interface RetestContext {
  control(id: string): Control | undefined;
  sampling: SamplingSettings;
}

/**
 * The engine's conclusion on a retest's samples: the retest is a Type 2 test of the control over its own
 * period, concluded by `concludeControl` exactly as the examination's tests are (not a second implementation).
 */
export function concludeRetest(retest: Retest, control: Control, sampling: SamplingSettings): ControlResult {
  return concludeControl(
    control,
    {
      control: control.id,
      method: retest.method,
      populationSize: retest.populationSize,
      samples: retest.samples,
      scopeLimitation: null,
    },
    { reportType: 'type2', sampling },
  );
}

/** The retest with the engine's conclusion and reasons recorded on it (null when its control is unknown). */
export function withConclusion(retest: Retest, context: RetestContext): Retest {
  const control = context.control(retest.control);
  if (!control) return { ...retest, conclusion: null, reasons: [`${retest.control} is not a known control.`] };
  const result = concludeRetest(retest, control, context.sampling);
  return { ...retest, conclusion: result.conclusion, reasons: [...result.reasons, ...result.warnings] };
}

/**
 * Whether a retest's samples pass: the engine concludes `effective` (no deviation) on a sample at least as large
 * as the frequency table asks for. *Choice:* a smaller sample is only a warning in the examination, but a retest
 * is the whole evidence that a fix works, so one that samples less than the table asks for does not close.
 */
export function judgeRetest(retest: Retest, context: RetestContext): Decision & { result: ControlResult | null } {
  const control = context.control(retest.control);
  if (!control) {
    return { ok: false, result: null, reasons: [`Retest ${retest.id} is of ${retest.control}, which is not a known control.`] };
  }
  const result = concludeRetest(retest, control, context.sampling);
  const reasons = [...result.reasons];
  if (result.conclusion !== 'effective') {
    return { ok: false, result, reasons: [`Retest ${retest.id} concludes ${result.conclusion.replaceAll('_', ' ')}; closing needs effective.`, ...reasons] };
  }
  if (result.requiredSampleSize !== null && (result.sampleSize ?? 0) < result.requiredSampleSize) {
    return {
      ok: false,
      result,
      reasons: [
        `Retest ${retest.id} tested ${counted(result.sampleSize ?? 0, 'sample')} where the ${control.frequency} frequency table asks for ${result.requiredSampleSize}.`,
        ...reasons,
      ],
    };
  }
  return { ok: true, result, reasons };
}

/** The date the last corrective action was completed, or null while any is not done (or there is none). */
export function lastCompletion(finding: Pick<Finding, 'correctiveActions'>): string | null {
  const actions = finding.correctiveActions;
  if (actions.length === 0 || actions.some((a) => a.status !== 'done' || a.completedOn === null)) return null;
  return actions.map((a) => a.completedOn as string).reduce((a, b) => (a > b ? a : b));
}

/**
 * Whether the finding may close: every corrective action done, and a retest of its control whose period starts
 * after the last of them was completed, concluded effective. The reasons say what is missing, or which retest
 * carries the closure.
 */
export function canClose(finding: Finding, context: RetestContext): Decision {
  const reasons: string[] = [];
  if (finding.correctiveActions.length === 0) {
    return { ok: false, reasons: ['No corrective action is recorded: a finding closes once its fix is done and a retest proves it.'] };
  }
  for (const action of finding.correctiveActions) {
    if (action.status !== 'done') reasons.push(`Corrective action ${action.id} is ${words(action.status)}, not done.`);
    else if (action.completedOn === null) reasons.push(`Corrective action ${action.id} is done but has no completion date.`);
  }
  if (reasons.length > 0) return { ok: false, reasons };
  const fixedOn = lastCompletion(finding) as string;

  if (finding.retests.length === 0) {
    return { ok: false, reasons: [`No retest yet: the control must be retested over a period starting after ${fixedOn}, when the last corrective action was completed.`] };
  }
  for (const retest of finding.retests) {
    if (finding.control !== null && retest.control !== finding.control) {
      reasons.push(`Retest ${retest.id} is of ${retest.control}, not of the finding's control ${finding.control}.`);
      continue;
    }
    if (retest.periodStart <= fixedOn) {
      reasons.push(
        `Retest ${retest.id} covers ${retest.periodStart} to ${retest.periodEnd}, which does not start after the last corrective action was completed (${fixedOn}).`,
      );
      continue;
    }
    const period = periodProblems(retest);
    if (period.length > 0) {
      reasons.push(...period.map((p) => `Retest ${retest.id}: ${p.message}.`));
      continue;
    }
    const judged = judgeRetest(retest, context);
    if (judged.ok) {
      return {
        ok: true,
        reasons: [
          `Retest ${retest.id} over ${retest.periodStart} to ${retest.periodEnd}, after the last corrective action was completed on ${fixedOn}, concludes effective.`,
          ...judged.reasons,
        ],
      };
    }
    reasons.push(...judged.reasons);
  }
  return { ok: false, reasons };
}
