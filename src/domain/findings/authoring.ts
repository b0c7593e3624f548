/**
 * Findings recorded by hand: a readiness gap, an auditor's observation, a self-identified issue or a
 * monitoring failure. Unlike a deficiency, nothing in the examination forecasts them, so the person recording one
 * gives its classification; the rules here check what it refers to and give it its code and first step.
 */
import { criterionProblems } from '../criteria/scope.js';
import type { Control } from '../engagement.js';
import type { FailureKind, Severity } from '../evaluation/result.js';
import { nextCode } from '../codes.js';
import { words } from '../format.js';
import { repeats, within, type Problem } from '../problems.js';
import { noFollowUp, type FailedSample, type Finding, type FindingSource } from './model.js';

/** The sources a person records; `deficiency` findings come from the examination (deriveFindings). */
export const MANUAL_FINDING_SOURCES = ['readiness_gap', 'auditor_observation', 'self_identified', 'monitoring'] as const satisfies readonly FindingSource[];
export type ManualFindingSource = (typeof MANUAL_FINDING_SOURCES)[number];

/** Optional fields may be left out or sent as undefined (as a parsed request body has them). */
export interface ManualFindingInput {
  /** Defaults to the next `F-<n>` (nextCode). */
  code?: string | undefined;
  source: ManualFindingSource;
  title: string;
  description?: string | null | undefined;
  control?: string | null | undefined;
  /** Defaults to the control's criteria that are in scope. */
  criteria?: string[] | undefined;
  kind: FailureKind;
  severity: Severity;
  pervasive?: boolean | undefined;
  /** ISO date; defaults to the day it is recorded. */
  identifiedOn?: string | undefined;
  failedSamples?: FailedSample[] | undefined;
}

/** What the finding may refer to: the engagement's controls and the criteria of its chosen categories. */
export interface AuthoringContext {
  control: (id: string) => Control | undefined;
  inScope: ReadonlySet<string>;
  /** ISO date the finding is recorded. */
  on: string;
}

export type AuthoringOutcome = { ok: true; finding: Finding } | { ok: false; problems: Problem[] };

/**
 * A finding recorded by hand, open, with its classification as the person gave it (the engine forecasts only
 * deficiencies), its history starting with the `open` step. Refused, with every problem, when the control is not
 * the engagement's, a criterion is unknown or out of scope, it concerns neither a control nor a criterion, or a
 * deviation's item is listed twice.
 */
export function buildManualFinding(input: ManualFindingInput, taken: Iterable<string>, context: AuthoringContext): AuthoringOutcome {
  const problems: Problem[] = [];
  const controlId = input.control ?? null;
  const control = controlId === null ? undefined : context.control(controlId);
  if (controlId !== null && !control) problems.push({ path: ['control'], message: `unknown control ${controlId}` });

  problems.push(...within(['criteria'], criterionProblems(input.criteria ?? [], context.inScope)));
  // By default the control's criteria in scope (a control may list criteria of categories not chosen).
  const criteria = input.criteria ? [...new Set(input.criteria)] : (control?.criteria ?? []).filter((c) => context.inScope.has(c));
  if (controlId === null && criteria.length === 0) problems.push({ path: [], message: 'a finding needs its control, its criteria, or both' });

  const items = (input.failedSamples ?? []).map((d) => d.item);
  for (const { index, first } of repeats(items)) {
    problems.push({ path: ['failedSamples', index, 'item'], message: `failed sample "${items[index]}" is listed twice`, firstAt: ['failedSamples', first, 'item'] });
  }
  if (problems.length > 0) return { ok: false, problems };

  const recorded = `Recorded by hand as ${words(input.source)}.`;
  return {
    ok: true,
    finding: {
      code: input.code ?? nextCode('F', taken),
      title: input.title,
      description: input.description ?? null,
      source: input.source,
      control: controlId,
      criteria,
      classification: {
        kind: input.kind,
        severity: input.severity,
        pervasive: input.pervasive ?? false,
        reasons: [`${recorded} The classification is the one assessed when it was recorded, not the engine's forecast.`],
        override: null,
      },
      status: 'open',
      identifiedOn: input.identifiedOn ?? context.on,
      failedSamples: input.failedSamples ?? [],
      ...noFollowUp(),
      history: [{ on: context.on, from: null, to: 'open', reason: recorded }],
    },
  };
}

/** A derived finding as it is first stored: its history starts with the `open` step, saying where it came from. */
export function openedFromExamination(finding: Finding, on: string): Finding {
  const from = finding.control !== null ? `the deficiency of ${finding.control}` : `the unaddressed criteria ${finding.criteria.join(', ')}`;
  return { ...finding, history: [{ on, from: null, to: 'open', reason: `Derived from ${from} in the current examination.` }] };
}
