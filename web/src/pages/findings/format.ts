/** How the findings pages put a finding in words: its severity that stands, its status, and what is due next. */
import { effectivePervasive, effectiveSeverity, type Classification, type CorrectiveAction, type FindingStatus } from '@assay/domain/findings/model.js';
import { statusLabel } from '../../labels.js';

/** The severity that stands, in words, marked "(auditor)" when it is the auditor's override rather than the forecast. */
export function severityText(classification: Classification): string {
  const overridden = classification.override?.severity != null;
  return `${statusLabel(effectiveSeverity(classification))}${overridden ? ' (auditor)' : ''}`;
}

export function pervasiveText(classification: Classification): string {
  const overridden = classification.override?.pervasive != null;
  return `${effectivePervasive(classification) ? 'pervasive' : 'not pervasive'}${overridden ? ' (auditor)' : ''}`;
}

/** One colour per lifecycle status: red while nobody works it, blue while it is worked, teal once settled. */
export const STATUS_COLOURS: Record<FindingStatus, string> = {
  open: 'red',
  analysing: 'orange',
  remediating: 'blue',
  ready_for_retest: 'cyan',
  closed: 'teal',
  risk_accepted: 'yellow',
  false_positive: 'gray',
};

/** The corrective action not done that is due first (undated ones last), or null when none is left to do. */
export function nextActionDue(actions: readonly CorrectiveAction[]): CorrectiveAction | null {
  const pending = actions.filter((a) => a.status !== 'done');
  if (pending.length === 0) return null;
  return pending.reduce((first, a) => (a.due !== null && (first.due === null || a.due < first.due) ? a : first));
}

/** Codes and dates read as one word: never broken across lines in a table cell. */
export const NO_WRAP = { whiteSpace: 'nowrap' } as const;
