/** A criterion's status from the conclusions of the controls that address it (DESIGN §5, "Criterion status"). */
import type { Criterion } from '../criteria/catalogue.js';
import { list, words } from '../format.js';
import type { ControlConclusion, ControlResult, CriterionResult, FailureKind } from './result.js';

const FAILED: ReadonlySet<ControlConclusion> = new Set(['not_effective', 'design_deficiency']);
const RELIED_ON: ReadonlySet<ControlConclusion> = new Set(['effective', 'effective_with_exceptions']);
const WITH_EXCEPTIONS: ReadonlySet<ControlConclusion> = new Set([
  'effective_with_exceptions',
  'not_effective',
  'design_deficiency',
]);

export interface CriterionContext {
  /** The controls that address each criterion. */
  addressing: (criterionId: string) => readonly ControlResult[];
  /** The controls that compensate a control's failure. */
  compensators: (controlId: string) => readonly ControlResult[];
  notApplicableReason: (criterionId: string) => string | undefined;
}

export function criterionStatus(criterion: Criterion, context: CriterionContext): CriterionResult {
  const addressing = context.addressing(criterion.id);
  const result: CriterionResult = {
    id: criterion.id,
    title: criterion.title,
    series: criterion.series,
    category: criterion.category,
    status: 'met',
    failure: null,
    failures: [],
    controls: addressing.map((c) => c.id),
    failingControls: [],
    reasons: [],
  };

  const notApplicable = context.notApplicableReason(criterion.id);
  if (notApplicable !== undefined) {
    result.status = 'not_applicable';
    result.reasons.push(`${criterion.id} is not applicable: ${notApplicable}`);
    return result;
  }

  // Rule 1: a criterion nothing addresses cannot be met: a gap in design.
  if (addressing.length === 0) {
    result.status = 'not_met';
    result.failure = 'design';
    result.failures = ['design'];
    result.reasons.push(`No control addresses ${criterion.id} (rule 1).`);
    return result;
  }

  // Key controls are those marked key, or all of them where none is.
  const marked = addressing.filter((c) => c.key);
  const keys = marked.length > 0 ? marked : addressing;

  // Rule 2: a key control failed and nothing that compensates it is relied on.
  const uncompensated = keys.filter(
    (c) => FAILED.has(c.conclusion) && !context.compensators(c.id).some((x) => RELIED_ON.has(x.conclusion)),
  );
  const compensated = keys.filter((c) => FAILED.has(c.conclusion) && !uncompensated.includes(c));
  for (const c of compensated) {
    const by = context.compensators(c.id).filter((x) => RELIED_ON.has(x.conclusion));
    result.reasons.push(`Key control ${c.id} (${words(c.conclusion)}) is compensated by ${list(by.map((x) => x.id))}.`);
  }
  if (uncompensated.length > 0) {
    result.status = 'not_met';
    result.failingControls = uncompensated.map((c) => c.id);
    // Both kinds are kept: the design and the operating-effectiveness opinions each count the criterion, so
    // another failure can only add to either. `failure` names the graver one: a design failure means the
    // criterion could not be met however the controls operated.
    if (uncompensated.some((c) => c.conclusion === 'design_deficiency')) result.failures.push('design');
    if (uncompensated.some((c) => c.conclusion === 'not_effective')) result.failures.push('operating');
    result.failure = result.failures[0] as FailureKind;
    const failures = uncompensated.map((c) => `${c.id} (${words(c.conclusion)})`);
    result.reasons.push(
      `Key control${failures.length === 1 ? '' : 's'} ${list(failures)} failed with no effective compensating control (rule 2, ${result.failures.join(' and ')}).`,
    );
    return result;
  }

  // Rule 3: a key control could not be tested: the evidence does not allow a conclusion.
  const untested = keys.filter((c) => c.conclusion === 'not_tested');
  if (untested.length > 0) {
    result.status = 'unable_to_conclude';
    result.reasons.push(`Key control${untested.length === 1 ? '' : 's'} ${list(untested.map((c) => c.id))} not tested (rule 3).`);
    return result;
  }

  // Rule 4: met, but exceptions were noted in a control that addresses it.
  const withExceptions = addressing.filter((c) => WITH_EXCEPTIONS.has(c.conclusion));
  if (withExceptions.length > 0) {
    result.status = 'met_with_exceptions';
    result.reasons.push(
      `Met; exceptions noted in ${withExceptions.map((c) => `${c.id} (${words(c.conclusion)})`).join(', ')} (rule 4).`,
    );
    return result;
  }

  result.reasons.push(`Met: ${list(keys.map((c) => c.id))} effective (rule 5).`);
  return result;
}
