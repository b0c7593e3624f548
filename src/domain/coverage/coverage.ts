/**
 * Period coverage: which of the occurrences a periodic control owes are evidenced (docs/coverage.md).
 *
 * A piece of evidence covers an occurrence when the period it covers overlaps the occurrence's window by at
 * least a day: evidence of a review held on 28 March covers the first quarter, and an export spanning two
 * months covers both. Evidence stating only one end of its period covers that day; evidence stating neither
 * covers none. A control's occurrences are tracked only once some evidence for it states a covered period:
 * before that, nothing is said to be missing, and the examination is as it always was.
 */
import type { Control, Engagement, Examination } from '../engagement.js';
import { isPeriodic, requiredOccurrences, type Occurrence } from './occurrences.js';

/** `not_tracked`: no evidence for the control states a covered period yet, so nothing is said to be missing. */
export const OCCURRENCE_STATUSES = ['evidenced', 'missing', 'not_tracked'] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

/** A piece of evidence as coverage reads it: the control it is for and the period it covers. */
export interface CoverageEvidence {
  id: string;
  /** The control's id (its code in the engagement). */
  control: string;
  coversFrom: string | null;
  coversTo: string | null;
}

export interface OccurrenceCoverage extends Occurrence {
  status: OccurrenceStatus;
  /** The evidence covering the window, in the order given. */
  evidence: string[];
}

export interface ControlCoverage {
  control: string;
  /** Whether the control's frequency owes occurrences over a period at all. */
  periodic: boolean;
  /** Whether any evidence for it states a covered period: only then is a window without evidence missing. */
  tracked: boolean;
  /** The windows the period requires (none for a Type 1 report or a control that is not periodic). */
  occurrences: OccurrenceCoverage[];
  /** The labels of the windows without evidence (none while untracked). */
  missing: string[];
}

type Span = { id: string; from: string; to: string };

/** The days a piece of evidence covers, or null when it states no period. */
function spanOf(evidence: CoverageEvidence): Span | null {
  const from = evidence.coversFrom ?? evidence.coversTo;
  const to = evidence.coversTo ?? evidence.coversFrom;
  if (from === null || to === null) return null;
  return from <= to ? { id: evidence.id, from, to } : { id: evidence.id, from: to, to: from };
}

/** The coverage of one control over the engagement's period by the evidence given for it (other controls' is ignored). */
export function controlCoverage(
  control: Pick<Control, 'id' | 'frequency'>,
  engagement: Pick<Engagement, 'reportType' | 'periodStart' | 'periodEnd'>,
  evidence: readonly CoverageEvidence[],
): ControlCoverage {
  const spans = evidence.filter((e) => e.control === control.id).map(spanOf).filter((s): s is Span => s !== null);
  const periodic = isPeriodic(control.frequency);
  const tracked = spans.length > 0;
  // A Type 1 report is as of a date: operation over a period is not examined, so nothing is owed.
  const windows =
    engagement.reportType === 'type2' && engagement.periodStart !== null
      ? requiredOccurrences(control.frequency, engagement.periodStart, engagement.periodEnd)
      : [];
  const occurrences = windows.map((window): OccurrenceCoverage => {
    const covering = spans.filter((s) => s.from <= window.to && s.to >= window.from).map((s) => s.id);
    const status: OccurrenceStatus = !tracked ? 'not_tracked' : covering.length > 0 ? 'evidenced' : 'missing';
    return { ...window, status, evidence: covering };
  });
  return {
    control: control.id,
    periodic,
    tracked,
    occurrences,
    missing: occurrences.filter((o) => o.status === 'missing').map((o) => o.label),
  };
}

/** The coverage of every control of the examination, in its order. */
export function engagementCoverage(
  examination: Pick<Examination, 'engagement' | 'controls'>,
  evidence: readonly CoverageEvidence[],
): ControlCoverage[] {
  const byControl = new Map<string, CoverageEvidence[]>();
  for (const e of evidence) {
    const list = byControl.get(e.control);
    if (list) list.push(e);
    else byControl.set(e.control, [e]);
  }
  return examination.controls.map((control) => controlCoverage(control, examination.engagement, byControl.get(control.id) ?? []));
}
