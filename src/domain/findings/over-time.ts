/**
 * Findings over time, read back from each finding's history: which status it stood in on a given day, when it
 * was closed, and how many were still unresolved day by day (the findings burndown). Findings closed as false
 * positives are left out of the burndown: they were never issues.
 */
import { burndownDates } from '../remediation/burndown.js';
import { earliest } from '../dates.js';
import { closedOn } from './events.js';
import type { Finding, FindingStatus } from './model.js';

/** The statuses in which a finding is still being worked: not closed, not an accepted risk, not a false positive. */
export const UNRESOLVED_STATUSES = ['open', 'analysing', 'remediating', 'ready_for_retest'] as const satisfies readonly FindingStatus[];

export function isUnresolved(status: FindingStatus): boolean {
  return (UNRESOLVED_STATUSES as readonly FindingStatus[]).includes(status);
}

const dayOf = (iso: string) => iso.slice(0, 10);

/** The day the finding was identified: its identification date, else its first recorded step (null if neither). */
export function identifiedDay(finding: Pick<Finding, 'identifiedOn' | 'history'>): string | null {
  return finding.identifiedOn !== null ? dayOf(finding.identifiedOn) : (finding.history[0] ? dayOf(finding.history[0].on) : null);
}

/**
 * The finding's status at the end of `date` (ISO date): null before it was identified; else the last step taken
 * on or before the date; before its first step, the status that step left (open for a new finding). A finding
 * with no recorded step has stood in its current status since it was identified (nothing says otherwise).
 */
export function statusOn(finding: Pick<Finding, 'identifiedOn' | 'history' | 'status'>, date: string): FindingStatus | null {
  const identified = identifiedDay(finding);
  if (identified !== null && identified > date) return null;
  if (finding.history.length === 0) return finding.status;
  let status: FindingStatus = finding.history[0]?.from ?? 'open';
  for (const change of finding.history) {
    if (dayOf(change.on) > date) break;
    status = change.to;
  }
  return status;
}

/** Every day the finding was closed: each recorded step to closed, else (closed without a history) its closing date. */
export function closureDays(finding: Finding): string[] {
  const steps = finding.history.filter((change) => change.to === 'closed').map((change) => dayOf(change.on));
  if (steps.length > 0 || finding.status !== 'closed') return steps;
  const on = closedOn(finding);
  return on === null ? [] : [dayOf(on)];
}

export interface FindingsBurndownPoint {
  date: string;
  /** Findings identified by the end of the day and unresolved on it. */
  unresolved: number;
  /** Findings identified by the end of the day and closed on it. */
  closed: number;
  /** Findings identified by the end of the day (false positives left out). */
  identified: number;
}

/**
 * Unresolved findings day by day, from the first identification to `today` (drawn as at most
 * MAX_BURNDOWN_POINTS days, the same spacing as the corrective action burndown). Empty when no finding has a date.
 */
export function findingsBurndown(findings: readonly Finding[], today: string): FindingsBurndownPoint[] {
  const counted = findings.filter((f) => f.status !== 'false_positive');
  const start = earliest(counted.map(identifiedDay));
  if (start === null || start > today) return [];
  return burndownDates(start, today).map((date) => {
    const statuses = counted.map((f) => statusOn(f, date)).filter((s): s is FindingStatus => s !== null);
    return {
      date,
      unresolved: statuses.filter(isUnresolved).length,
      closed: statuses.filter((s) => s === 'closed').length,
      identified: statuses.length,
    };
  });
}
