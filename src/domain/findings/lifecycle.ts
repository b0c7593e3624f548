/**
 * The lifecycle of a finding: which steps exist (one table), what a finding must hold to be in each status,
 * and the step itself. Every rule answers with its reasons so a person can follow it.
 */
import { list } from '../format.js';
import { canClose, lastCompletion, type RetestContext } from './closure.js';
import type { ClassificationOverride, Decision, Finding, FindingStatus, RiskAcceptance } from './model.js';

/**
 * The allowed steps. Fixing goes open → analysing → remediating → ready_for_retest → closed; a failed retest
 * sends the finding back to remediating; a closed finding is opened again when its deficiency returns
 * (events.ts); an accepted risk is open again when its acceptance expires.
 */
export const TRANSITIONS: Readonly<Record<FindingStatus, readonly FindingStatus[]>> = {
  open: ['analysing', 'risk_accepted', 'false_positive'],
  analysing: ['open', 'remediating', 'risk_accepted', 'false_positive'],
  remediating: ['analysing', 'ready_for_retest', 'risk_accepted'],
  ready_for_retest: ['remediating', 'closed'],
  closed: ['open'],
  risk_accepted: ['open', 'remediating'],
  false_positive: ['open'],
};

/** The way through, in order: each status's forward step is the next one here. */
export const WAY_THROUGH = ['open', 'analysing', 'remediating', 'ready_for_retest', 'closed'] as const satisfies readonly FindingStatus[];

/**
 * The step that moves the finding on towards closure from where it stands (remediating: ready for retest), the
 * one a page offers first; null at an end (closed, an accepted risk, a false positive), where every step goes back.
 */
export function forwardStep(from: FindingStatus): FindingStatus | null {
  const at = (WAY_THROUGH as readonly FindingStatus[]).indexOf(from);
  const next = at < 0 ? undefined : WAY_THROUGH[at + 1];
  return next !== undefined && isAllowedStep(from, next) ? next : null;
}

export function isAllowedStep(from: FindingStatus, to: FindingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * What a finding must hold to stand in a status, whichever way it got there. Used by `transition` and by
 * loaders that read a finding's status from a file, so a file cannot claim a state the lifecycle forbids.
 */
export function statusRequirements(finding: Finding, status: FindingStatus, context: RetestContext): Decision {
  const reasons: string[] = [];
  switch (status) {
    case 'remediating':
      if (finding.rootCause === null) reasons.push('Remediating needs a root cause: fix the cause, not the symptom.');
      if (finding.correctiveActions.length === 0) reasons.push('Remediating needs at least one corrective action.');
      break;
    case 'ready_for_retest':
      if (finding.correctiveActions.length === 0) reasons.push('Ready for retest needs at least one corrective action.');
      else if (lastCompletion(finding) === null) {
        const pending = finding.correctiveActions.filter((a) => a.status !== 'done' || a.completedOn === null).map((a) => a.id);
        reasons.push(`Ready for retest needs every corrective action done with its completion date (not yet: ${list(pending)}).`);
      }
      break;
    case 'closed':
      return canClose(finding, context);
    case 'risk_accepted': {
      const acceptance = finding.riskAcceptance;
      if (!acceptance) reasons.push('An accepted risk needs its acceptance: approver, reason and expiry date.');
      else {
        if (acceptance.approver.trim() === '') reasons.push('An accepted risk needs the approver.');
        if (acceptance.reason.trim() === '') reasons.push('An accepted risk needs the reason it is accepted.');
      }
      break;
    }
    case 'false_positive':
      if (!finding.falsePositiveReason?.trim()) reasons.push('A false positive needs the reason it is not a finding.');
      break;
    default:
      break;
  }
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, reasons: [] };
}

export interface TransitionInput {
  /** ISO date of the step. */
  on: string;
  reason?: string | null;
  /** Required to accept a risk. */
  riskAcceptance?: RiskAcceptance;
  /** Required to mark a false positive. */
  falsePositiveReason?: string;
}

export type TransitionOutcome = { ok: true; finding: Finding; reasons: string[] } | { ok: false; reasons: string[] };

/**
 * One step of the lifecycle. Refused (with reasons) when the table has no such step or the finding does not
 * hold what the target status needs: in particular, `closed` only through `canClose`. The finding returned is
 * a new object; its failed samples are the same, untouched.
 */
export function transition(finding: Finding, to: FindingStatus, input: TransitionInput, context: RetestContext): TransitionOutcome {
  const from = finding.status;
  if (!isAllowedStep(from, to)) {
    return {
      ok: false,
      reasons: [`A finding cannot go from ${from} to ${to}; from ${from} it can go to ${list([...TRANSITIONS[from]])}.`],
    };
  }
  const next: Finding = {
    ...finding,
    status: to,
    riskAcceptance: to === 'risk_accepted' ? (input.riskAcceptance ?? finding.riskAcceptance) : null,
    falsePositiveReason: to === 'false_positive' ? (input.falsePositiveReason ?? finding.falsePositiveReason) : null,
  };
  const required = statusRequirements(next, to, context);
  if (!required.ok) return { ok: false, reasons: required.reasons };
  if (to === 'risk_accepted' && next.riskAcceptance && next.riskAcceptance.expires <= input.on) {
    return { ok: false, reasons: [`The risk acceptance expires on ${next.riskAcceptance.expires}, which is not after ${input.on}.`] };
  }
  const reason = input.reason ?? defaultReason(next, from, to);
  next.history = [...finding.history, { on: input.on, from, to, reason }];
  return { ok: true, finding: next, reasons: required.reasons };
}

function defaultReason(finding: Finding, from: FindingStatus, to: FindingStatus): string | null {
  if (from === 'risk_accepted') return `Risk acceptance ended.`;
  if (to === 'risk_accepted' && finding.riskAcceptance) {
    return `Risk accepted by ${finding.riskAcceptance.approver} until ${finding.riskAcceptance.expires}: ${finding.riskAcceptance.reason}`;
  }
  if (to === 'false_positive') return finding.falsePositiveReason;
  return null;
}

/**
 * Records the auditor's judgment beside the engine's forecast. A reason is required, and the override must
 * change something (severity and/or pervasiveness); the forecast itself is kept so the report shows both.
 */
export function overrideClassification(
  finding: Finding,
  override: ClassificationOverride,
): { ok: true; finding: Finding } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
  if (override.reason.trim() === '') reasons.push('An override of the forecast needs the reason for the judgment.');
  if (override.severity === null && override.pervasive === null) reasons.push('An override must set a severity, pervasiveness or both.');
  if (reasons.length > 0) return { ok: false, reasons };
  return { ok: true, finding: { ...finding, classification: { ...finding.classification, override } } };
}

/**
 * "Remediation never erases a deviation" (reference §3): every deviation a finding had is still there,
 * unchanged and in order, in its later version. Services check this before saving an edit.
 */
export function keepsFailedSamples(before: Pick<Finding, 'failedSamples'>, after: Pick<Finding, 'failedSamples'>): Decision {
  const reasons: string[] = [];
  before.failedSamples.forEach((deviation, i) => {
    const kept = after.failedSamples[i];
    if (!kept || kept.item !== deviation.item || kept.note !== deviation.note) {
      reasons.push(`Deviation ${deviation.item} was changed or removed: remediation never erases a deviation.`);
    }
  });
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, reasons: [] };
}
