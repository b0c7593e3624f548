/**
 * Who took each step of a finding's lifecycle. The finding keeps its steps (history); the audit log keeps who
 * took them. A step imported from a workspace, or an acceptance that lapsed on its own, has no one.
 */
import type { FindingStatus, StatusChange } from './model.js';

/** A step as the audit log recorded it, with who took it. */
export interface RecordedStep<Who> {
  from: FindingStatus | null;
  to: FindingStatus;
  reason: string | null;
  /** The day the step is dated with; null when the event does not say (the step then matches on its words). */
  on: string | null;
  by: Who;
}

export type StepTaken<Who> = StatusChange & { by: Who | null };

/**
 * The history with who took each step: in order, each change takes the first recorded step after the last one
 * taken that has its from, to and reason (and its day, where the log says it); none: null. Both lists are
 * oldest first, so a step is never given to a change made before it.
 */
export function stepsTaken<Who>(history: readonly StatusChange[], recorded: readonly RecordedStep<Who>[]): StepTaken<Who>[] {
  let next = 0;
  return history.map((change) => {
    const at = recorded.findIndex(
      (step, i) => i >= next && step.from === change.from && step.to === change.to && step.reason === change.reason && (step.on === null || step.on === change.on),
    );
    if (at < 0) return { ...change, by: null };
    next = at + 1;
    return { ...change, by: (recorded[at] as RecordedStep<Who>).by };
  });
}
