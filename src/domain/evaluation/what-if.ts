/**
 * What to fix first: for each control with a deficiency, the engine's own answer to "what if this control were
 * effective?" (its design effective and its failed samples retested clean), ranked by what the fix does to the
 * opinion, then by how many criteria it restores.
 *
 * The engine is not re-implemented: the control is concluded again on the assumed test and the rest of the
 * engine (criteria, deficiencies, opinion) runs on the changed conclusions. Every other control keeps the
 * conclusion the engine gave it, so a what-if costs one criterion and opinion pass, not a whole examination.
 */
import type { Examination } from '../engagement.js';
import { concludeControl } from './control-conclusion.js';
import { concludeControls, examineConcluded } from './examine.js';
import {
  OPINION_KINDS,
  SEVERITIES,
  type ControlConclusion,
  type ControlResult,
  type CriterionStatus,
  type ExaminationResult,
  type OpinionKind,
  type Severity,
} from './result.js';

/** The item name of the clean sample assumed for a control with none tested. */
export const ASSUMED_SAMPLE = 'assumed clean retest';

/** A criterion whose status the fix would change. */
export interface CriterionChange {
  id: string;
  before: CriterionStatus;
  after: CriterionStatus;
}

/** One deficient control assumed effective, and what the engine then concludes. */
export interface Fix {
  control: string;
  /** Its conclusion now. */
  conclusion: ControlConclusion;
  /** The severity of its deficiency now. */
  severity: Severity;
  /** The overall opinion forecast with the control effective. */
  opinion: OpinionKind;
  /** The criteria not met or unable to conclude now that would be met (with or without exceptions). */
  restores: string[];
  /** Every criterion whose status would change, in the catalogue's order. */
  criteria: CriterionChange[];
}

export interface FixRanking {
  /** The overall opinion forecast as things stand. */
  opinion: OpinionKind;
  /** One per deficient control, best first: the opinion it gives, then the criteria it restores, then severity. */
  fixes: Fix[];
}

const MET: ReadonlySet<CriterionStatus> = new Set(['met', 'met_with_exceptions']);

/**
 * The examination with `controlId` assumed effective: designed effectively and its test clean (every failed
 * sample retested as a pass, no scope limitation). A Type 2 control with no sample tested is assumed tested on
 * one clean sample, so that it concludes effective; a Type 1 report reads no test, so only the design changes. Everything else is as it was; a control already effective
 * is left exactly as it is.
 */
export function assumeEffective(examination: Examination, controlId: string): Examination {
  const assumedTest = (control: string) => {
    const test = examination.tests.find((t) => t.control === control);
    const samples = (test?.samples ?? []).map((s) => (s.result === 'fail' ? { ...s, result: 'pass' as const } : s));
    return {
      control,
      method: test?.method ?? 'reperformance',
      populationSize: test?.populationSize ?? null,
      samples: samples.length > 0 ? samples : [{ item: ASSUMED_SAMPLE, result: 'pass' as const, note: null }],
      scopeLimitation: null,
    };
  };
  const controls = examination.controls.map((c) => (c.id === controlId ? { ...c, design: 'effective' as const } : c));
  // A Type 1 report does not read tests (rule 2): an effective design is all there is to assume.
  if (examination.engagement.reportType === 'type1') return { ...examination, controls };
  const tested = examination.tests.some((t) => t.control === controlId);
  return {
    ...examination,
    controls,
    tests: [
      ...examination.tests.map((t) => (t.control === controlId ? assumedTest(controlId) : t)),
      ...(!tested && examination.controls.some((c) => c.id === controlId) ? [assumedTest(controlId)] : []),
    ],
  };
}

/**
 * The engine's result with `controlId` assumed effective, from the conclusions it gave every control
 * (`concludeControls(examination)`): only that control is concluded again.
 */
export function whatIfEffective(examination: Examination, concluded: readonly ControlResult[], controlId: string): ExaminationResult {
  const assumed = assumeEffective(examination, controlId);
  const control = assumed.controls.find((c) => c.id === controlId);
  if (!control) return examineConcluded(examination, [...concluded]);
  const test = assumed.tests.find((t) => t.control === controlId);
  const again = concludeControl(control, test, assumed.engagement);
  return examineConcluded(assumed, concluded.map((c) => (c.id === controlId ? again : c)));
}

/** What a change does: the opinion forecast after it, the criteria it restores and every criterion it moves. */
export type Effect = Pick<Fix, 'opinion' | 'restores' | 'criteria'>;

/** The effect of going from one result to another of the same engagement (criteria in the catalogue's order in both). */
export function effectOf(before: ExaminationResult, after: ExaminationResult): Effect {
  const criteria = before.criteria.flatMap((was, i): CriterionChange[] => {
    const now = after.criteria[i]?.status ?? was.status;
    return now === was.status ? [] : [{ id: was.id, before: was.status, after: now }];
  });
  return {
    opinion: after.opinion.overall,
    restores: criteria.filter((c) => !MET.has(c.before) && MET.has(c.after)).map((c) => c.id),
    criteria,
  };
}

const opinionRank = (kind: OpinionKind) => OPINION_KINDS.indexOf(kind);

/** Better effects first: the least severe opinion forecast after the change, then the most criteria restored. */
export function compareEffects(a: Effect, b: Effect): number {
  return opinionRank(a.opinion) - opinionRank(b.opinion) || b.restores.length - a.restores.length;
}

const severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);

/**
 * What each deficient control's fix would do, best first: the least severe opinion it leads to, then the most
 * criteria it restores, then the most severe deficiency it removes; ties keep the engine's order (by control
 * id). Criteria that nothing addresses are not ranked: no control's fix restores them.
 */
export function rankFixes(examination: Examination): FixRanking {
  const concluded = concludeControls(examination);
  return rankConcludedFixes(examination, concluded, examineConcluded(examination, concluded));
}

/** `rankFixes` for a caller that has already concluded the controls and examined the engagement with them. */
export function rankConcludedFixes(examination: Examination, concluded: readonly ControlResult[], current: ExaminationResult): FixRanking {
  const conclusions = new Map(concluded.map((c) => [c.id, c.conclusion]));
  const fixes = current.deficiencies.flatMap((deficiency): Fix[] => {
    const controlId = deficiency.control;
    if (controlId === null) return [];
    return [
      {
        control: controlId,
        conclusion: conclusions.get(controlId) ?? 'effective',
        severity: deficiency.severity,
        ...effectOf(current, whatIfEffective(examination, concluded, controlId)),
      },
    ];
  });
  const ranked = fixes
    .map((fix, order) => ({ fix, order }))
    .sort(
      (a, b) =>
        compareEffects(a.fix, b.fix) ||
        severityRank(b.fix.severity) - severityRank(a.fix.severity) ||
        a.order - b.order,
    )
    .map(({ fix }) => fix);
  return { opinion: current.opinion.overall, fixes: ranked };
}
