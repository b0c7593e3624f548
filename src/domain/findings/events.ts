/**
 * What happens to a finding without anyone moving it: its deficiency returns after closure, or its risk
 * acceptance lapses. Both are pure and idempotent: applying them twice changes nothing more.
 */
import { list, words } from '../format.js';
import type { Deficiency, ExaminationResult } from '../evaluation/result.js';
import type { Finding } from './model.js';

/** When the finding was closed: its last step to `closed`, else the end of the latest retest. */
export function closedOn(finding: Finding): string | null {
  for (let i = finding.history.length - 1; i >= 0; i--) {
    const change = finding.history[i];
    if (change?.to === 'closed') return change.on;
  }
  const ends = finding.retests.map((r) => r.periodEnd).sort();
  return ends.at(-1) ?? null;
}

/** The deficiency of an examination that is this finding's own: same control, or the same unaddressed criterion. */
export function matchingDeficiency(
  finding: Pick<Finding, 'control' | 'criteria'>,
  result: Pick<ExaminationResult, 'deficiencies'>,
): Deficiency | undefined {
  return result.deficiencies.find((d) =>
    finding.control !== null ? d.control === finding.control : d.control === null && d.criteria.some((c) => finding.criteria.includes(c)),
  );
}

/**
 * A deficiency of the same control in an examination whose period ends after the finding was closed means the
 * fix did not hold: the finding is open again and its corrective actions are marked ineffective. An
 * examination that ended before the closure is the one the finding came from, not a regression.
 * The original deviations stay as they were (remediation never erases a deviation).
 */
export function reopenOnRegression(finding: Finding, result: ExaminationResult): Finding {
  if (finding.status !== 'closed') return finding;
  const deficiency = matchingDeficiency(finding, result);
  if (!deficiency) return finding;
  const closed = closedOn(finding);
  if (closed !== null && result.periodEnd <= closed) return finding;

  const period = result.periodStart ? `${result.periodStart} to ${result.periodEnd}` : `as of ${result.periodEnd}`;
  const failed = deficiency.control ? (result.controls.find((c) => c.id === deficiency.control)?.failedSamples ?? []) : [];
  const what = deficiency.control ?? list(deficiency.criteria);
  const reason =
    `${what} is deficient again (${words(deficiency.severity)}) in the examination of ${period}` +
    (failed.length > 0 ? `, deviations ${list(failed)}` : '') +
    `, after the finding was closed${closed ? ` on ${closed}` : ''}: its corrective actions did not prevent it.`;
  return reopenAsRegression(finding, result.periodEnd, reason, 'The deficiency does not return in a later examination.');
}

/**
 * A closed finding whose failure is back: open again, each corrective action's verification marked ineffective
 * with the reason (its step kept, else `defaultStep`), and the step in its history. The one way a regression
 * reopens a finding, whether an examination or a monitoring check found it.
 */
export function reopenAsRegression(finding: Finding, on: string, reason: string, defaultStep: string): Finding {
  return {
    ...finding,
    status: 'open',
    correctiveActions: finding.correctiveActions.map((action) => ({
      ...action,
      verification: {
        step: action.verification?.step ?? defaultStep,
        by: action.verification?.by ?? null,
        on,
        result: 'ineffective',
        note: reason,
      },
    })),
    history: [...finding.history, { on, from: 'closed', to: 'open', reason }],
  };
}

/**
 * An accepted risk lapses the day after its expiry date: the finding is open again. `today` is an ISO date;
 * applying this twice on the same day, or on a finding that is not an accepted risk, returns it unchanged.
 */
export function expireAcceptedRisk(finding: Finding, today: string): Finding {
  const acceptance = finding.riskAcceptance;
  if (finding.status !== 'risk_accepted' || !acceptance || today <= acceptance.expires) return finding;
  return {
    ...finding,
    status: 'open',
    riskAcceptance: null,
    history: [
      ...finding.history,
      {
        on: today,
        from: 'risk_accepted',
        to: 'open',
        reason: `The risk acceptance approved by ${acceptance.approver} expired on ${acceptance.expires}.`,
      },
    ],
  };
}
