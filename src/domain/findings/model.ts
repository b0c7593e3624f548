/**
 * Findings: what is worked after an examination. A finding is a deficiency, a readiness gap, an
 * auditor's observation, a self-identified issue or a monitoring failure, traced to a root cause, fixed through
 * corrective actions and proven fixed by a retest. The shapes here are plain data; the rules that move a
 * finding through its lifecycle are in lifecycle.ts, closure.ts and events.ts.
 */
import type { Sample, TestMethod } from '../engagement.js';
import type { ControlConclusion, FailureKind, Severity } from '../evaluation/result.js';

/** The kinds of deficiency (DESIGN §5), as a list for validators. */
export const FAILURE_KINDS = ['design', 'operating'] as const satisfies readonly FailureKind[];

export const FINDING_SOURCES = ['deficiency', 'readiness_gap', 'auditor_observation', 'self_identified', 'monitoring'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/**
 * open → analysing → remediating → ready_for_retest → closed is the way through; risk_accepted and
 * false_positive are the two ways out that do not fix anything. The allowed steps are in lifecycle.ts.
 */
export const FINDING_STATUSES = [
  'open',
  'analysing',
  'remediating',
  'ready_for_retest',
  'closed',
  'risk_accepted',
  'false_positive',
] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const ROOT_CAUSE_CATEGORIES = ['people', 'process', 'technology', 'third_party', 'design_gap', 'monitoring_gap'] as const;
export type RootCauseCategory = (typeof ROOT_CAUSE_CATEGORIES)[number];

export const ACTION_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const VERIFICATION_RESULTS = ['effective', 'ineffective'] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

/**
 * One sample item where the control did not operate as described: a deviation. A control's result counts them
 * (`deviations`) and names them (`failedSamples`); a finding keeps them with their notes. Never changed once recorded.
 */
export interface FailedSample {
  item: string;
  note: string | null;
}

/** The auditor's judgment where it departs from the engine's forecast; a reason is always required. */
export interface ClassificationOverride {
  /** null: the forecast severity stands. */
  severity: Severity | null;
  /** null: the forecast pervasiveness stands. */
  pervasive: boolean | null;
  reason: string;
  by: string | null;
  /** ISO date of the judgment. */
  on: string | null;
}

export interface Classification {
  kind: FailureKind;
  /** The engine's forecast (for a finding no examination produced: the severity first assessed). */
  severity: Severity;
  pervasive: boolean;
  /** Why the forecast is what it is. */
  reasons: string[];
  override: ClassificationOverride | null;
}

/** A root cause can be shared by many findings (by id): findings that share one are one systemic issue. */
export interface RootCause {
  id: string;
  title: string;
  category: RootCauseCategory;
  /** The 5-whys chain, from the symptom down to the cause. */
  whys: string[];
}

/** Whether two root causes say the same (title, category and the whys in order), whatever their codes' history. */
export function sameRootCause(a: RootCause, b: RootCause): boolean {
  return a.title === b.title && a.category === b.category && a.whys.length === b.whys.length && a.whys.every((why, i) => why === b.whys[i]);
}

/** How a completed action was checked to have worked, and what the check found. */
export interface Verification {
  /** What the verification step is (e.g. "reconcile HRIS terminations with IdP deactivations for a month"). */
  step: string;
  by: string | null;
  on: string | null;
  result: VerificationResult | null;
  note: string | null;
}

export interface CorrectiveAction {
  id: string;
  title: string;
  /** null only for an action imported from a document that names no owner. */
  owner: string | null;
  /** ISO date; null only for an imported action without one. */
  due: string | null;
  status: ActionStatus;
  /** ISO date the action was completed; set exactly when status is done. */
  completedOn: string | null;
  /** References to the evidence of completion (ticket, change, document). */
  evidence: string[];
  verification: Verification | null;
}

/** A new test of the control after the fix, over a period of its own. */
export interface Retest {
  id: string;
  /** The control retested: the finding's own, or (for a finding without one) the control that now addresses it. */
  control: string;
  /** ISO date the retest was performed. */
  date: string;
  periodStart: string;
  periodEnd: string;
  method: TestMethod;
  populationSize: number | null;
  samples: Sample[];
  /** The engine's conclusion on the retest's samples (concludeControl), recorded when the retest is. */
  conclusion: ControlConclusion | null;
  reasons: string[];
}

export interface RiskAcceptance {
  approver: string;
  reason: string;
  /** ISO date after which the acceptance lapses and the finding is open again. */
  expires: string;
  acceptedOn: string | null;
}

/** One step of the lifecycle, kept on the finding so the way it came to its status can be followed. */
export interface StatusChange {
  on: string;
  from: FindingStatus | null;
  to: FindingStatus;
  reason: string | null;
}

export interface Finding {
  /** The finding's code, stable: one derived from a deficiency is `F-<control id>`, so re-deriving does not duplicate it. */
  code: string;
  title: string;
  description: string | null;
  source: FindingSource;
  /** The control concerned; null for a criterion no control addresses or an observation on no control. */
  control: string | null;
  criteria: string[];
  classification: Classification;
  status: FindingStatus;
  /** ISO date the finding was identified (for one derived from an examination: the end of its period). */
  identifiedOn: string | null;
  /** The failed samples behind it (its deviations), as found: remediation never erases a deviation. */
  failedSamples: FailedSample[];
  /** Id of its root cause. */
  rootCause: string | null;
  correctiveActions: CorrectiveAction[];
  retests: Retest[];
  riskAcceptance: RiskAcceptance | null;
  falsePositiveReason: string | null;
  history: StatusChange[];
  /**
   * Marked by a person as a significant incident the system description must disclose (DC4); absent means not
   * marked. An undisclosed one misstates the description (src/domain/description).
   */
  significantIncident?: boolean;
}

/** A finding's follow-up when it is identified: no root cause, action, retest, acceptance or history yet. */
export function noFollowUp(): Pick<Finding, 'rootCause' | 'correctiveActions' | 'retests' | 'riskAcceptance' | 'falsePositiveReason' | 'history'> {
  return { rootCause: null, correctiveActions: [], retests: [], riskAcceptance: null, falsePositiveReason: null, history: [] };
}

/** What a rule decided, with its reasons either way. */
export type Decision = { ok: true; reasons: string[] } | { ok: false; reasons: string[] };

/** The severity that stands: the auditor's override where there is one, else the engine's forecast. */
export function effectiveSeverity(classification: Classification): Severity {
  return classification.override?.severity ?? classification.severity;
}

export function effectivePervasive(classification: Classification): boolean {
  return classification.override?.pervasive ?? classification.pervasive;
}
