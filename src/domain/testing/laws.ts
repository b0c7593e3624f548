/**
 * The orders the engine's laws are stated in, and the assertions the property tests of the evaluation share:
 * a conclusion, status or opinion is no better (or no worse) after a change.
 */
import { expect } from 'vitest';
import { OPINION_KINDS, type CriterionResult, type ExaminationResult, type OpinionKind } from '../evaluation/result.js';

/** Worse is higher. Conclusions outside the order (design deficiency, not tested) must not change at all. */
export const CONTROL_ORDER: Record<string, number> = { effective: 0, effective_with_exceptions: 1, not_effective: 2 };
export const STATUS_ORDER: Record<string, number> = { met: 0, met_with_exceptions: 1, unable_to_conclude: 2, not_met: 3 };
export const opinionRank = (kind: OpinionKind | null) => (kind === null ? -1 : OPINION_KINDS.indexOf(kind));

/** `after` is `before` or worse in `order`; a value outside the order must stay as it is. */
export function expectNotBetter(what: string, before: string, after: string, order: Record<string, number>): void {
  const from = order[before];
  if (from === undefined) {
    expect(after, what).toBe(before);
    return;
  }
  const to = order[after];
  expect(to, `${what}: ${before} → ${after}`).toBeDefined();
  expect(to as number, `${what}: ${before} → ${after}`).toBeGreaterThanOrEqual(from);
}

export function expectNotWorse(what: string, before: string, after: string, order: Record<string, number>): void {
  expectNotBetter(what, after, before, order);
}

export function opinionKinds(result: ExaminationResult): [subject: string, kind: OpinionKind | null][] {
  const { overall, subjects } = result.opinion;
  return [
    ['overall', overall],
    ['description', subjects.description],
    ['design', subjects.design],
    ['operating effectiveness', subjects.operatingEffectiveness],
  ];
}

/** The criteria that move between the scope set and a not-met set: `id: S → not met`, or back. */
export function kindChanges(before: ExaminationResult, after: ExaminationResult): string[] {
  return before.criteria.flatMap((b, i) => {
    const a = after.criteria[i] as CriterionResult;
    const moved =
      (b.status === 'unable_to_conclude' && a.status === 'not_met') ||
      (b.status === 'not_met' && a.status === 'unable_to_conclude');
    return moved ? [`${b.id}: ${b.status} → ${a.status}`] : [];
  });
}

export function expectOpinion(before: ExaminationResult, after: ExaminationResult, direction: 'not better' | 'not worse'): void {
  const afterKinds = opinionKinds(after);
  opinionKinds(before).forEach(([subject, kind], i) => {
    const next = afterKinds[i]?.[1] ?? null;
    const message = `${subject}: ${kind} → ${next}`;
    if (direction === 'not better') expect(opinionRank(next), message).toBeGreaterThanOrEqual(opinionRank(kind));
    else expect(opinionRank(next), message).toBeLessThanOrEqual(opinionRank(kind));
  });
}

