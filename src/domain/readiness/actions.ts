/**
 * The readiness action list: every gap between the engagement as it stands and a clean report, each with what the
 * engine forecasts once it is closed, best first. The deficient controls' fixes are the engine's own ranking
 * (`rankFixes`); a control not tested yet is assumed tested clean the same way, and a criterion no control
 * addresses is assumed addressed by one new key control, designed and tested clean.
 */
import type { Control, Examination } from '../engagement.js';
import { compareIds, concludeControls, examine, examineConcluded } from '../evaluation/examine.js';
import type { ControlConclusion, OpinionKind } from '../evaluation/result.js';
import { ASSUMED_SAMPLE, compareEffects, effectOf, rankConcludedFixes, whatIfEffective, type Effect } from '../evaluation/what-if.js';

/** What closes the gap: a control added for a criterion, a control redesigned, remediated and retested, or tested. */
export const READINESS_ACTION_KINDS = ['add_control', 'redesign_control', 'remediate_control', 'test_control'] as const;
export type ReadinessActionKind = (typeof READINESS_ACTION_KINDS)[number];

export interface ReadinessAction extends Effect {
  kind: ReadinessActionKind;
  /** The control to act on; for `add_control`, the criterion no control addresses. */
  subject: string;
  /** The control's conclusion now; null for a criterion no control addresses. */
  conclusion: ControlConclusion | null;
}

export interface ReadinessPlan {
  /** The overall opinion forecast as things stand. */
  opinion: OpinionKind;
  /** Best first: the least severe opinion after it, then the most criteria restored, then the most criteria moved, then the subject's id. */
  actions: ReadinessAction[];
}

const KIND_OF: Readonly<Partial<Record<ControlConclusion, ReadinessActionKind>>> = {
  design_deficiency: 'redesign_control',
  not_effective: 'remediate_control',
  effective_with_exceptions: 'remediate_control',
  not_tested: 'test_control',
};

/** Orders actions: the engine's ranking of effects, then the most criteria moved, then the subject's id. */
function compareActions(a: ReadinessAction, b: ReadinessAction): number {
  return compareEffects(a, b) || b.criteria.length - a.criteria.length || compareIds(a.subject, b.subject);
}

/** Every action that would bring the engagement closer to a clean report, best first. */
export function readinessPlan(examination: Examination): ReadinessPlan {
  const concluded = concludeControls(examination);
  const current = examineConcluded(examination, concluded);
  const { opinion, fixes } = rankConcludedFixes(examination, concluded, current);
  const fixing: ReadinessAction[] = fixes.map((fix) => ({
    kind: KIND_OF[fix.conclusion] ?? 'remediate_control',
    subject: fix.control,
    conclusion: fix.conclusion,
    opinion: fix.opinion,
    restores: fix.restores,
    criteria: fix.criteria,
  }));
  const testing = concluded
    .filter((c) => c.conclusion === 'not_tested')
    .map((c): ReadinessAction => ({
      kind: 'test_control',
      subject: c.id,
      conclusion: c.conclusion,
      ...effectOf(current, whatIfEffective(examination, concluded, c.id)),
    }));
  const adding = current.criteria
    .filter((c) => c.status !== 'not_applicable' && c.controls.length === 0)
    .map((c): ReadinessAction => ({
      kind: 'add_control',
      subject: c.id,
      conclusion: null,
      ...effectOf(current, examine(withControlFor(examination, c.id))),
    }));
  return { opinion, actions: [...fixing, ...testing, ...adding].sort(compareActions) };
}

/** The examination with one new key control for `criterion`, designed effectively and (Type 2) tested clean. */
export function withControlFor(examination: Examination, criterion: string): Examination {
  const control: Control = {
    id: `new control for ${criterion}`,
    title: `A control addressing ${criterion}`,
    criteria: [criterion],
    frequency: 'annual',
    nature: 'manual',
    key: true,
    design: 'effective',
    compensates: [],
    owner: null,
  };
  const tests =
    examination.engagement.reportType === 'type2'
      ? [
          ...examination.tests,
          { control: control.id, method: 'inspection' as const, populationSize: 1, samples: [{ item: ASSUMED_SAMPLE, result: 'pass' as const, note: null }], scopeLimitation: null },
        ]
      : examination.tests;
  return { ...examination, controls: [...examination.controls, control], tests };
}
