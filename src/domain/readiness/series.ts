/** Readiness per series: the share of a series' in-scope criteria that are met, as the readiness chart shows it. */
import type { CriterionResult, CriterionStatus } from '../evaluation/result.js';

export interface SeriesReadiness {
  series: string;
  /** The series' criteria in scope (not marked not applicable). */
  inScope: number;
  /** Of those, the ones met, with or without exceptions. */
  met: number;
  /** met / inScope, between 0 and 1. */
  share: number;
}

const MET: ReadonlySet<CriterionStatus> = new Set(['met', 'met_with_exceptions']);

/** One entry per series with a criterion in scope, in the order the criteria come (the catalogue's). */
export function readinessBySeries(criteria: readonly Pick<CriterionResult, 'series' | 'status'>[]): SeriesReadiness[] {
  const bySeries = new Map<string, { inScope: number; met: number }>();
  for (const criterion of criteria) {
    if (criterion.status === 'not_applicable') continue;
    const counts = bySeries.get(criterion.series) ?? { inScope: 0, met: 0 };
    counts.inScope += 1;
    if (MET.has(criterion.status)) counts.met += 1;
    bySeries.set(criterion.series, counts);
  }
  return [...bySeries].map(([series, { inScope, met }]) => ({ series, inScope, met, share: met / inScope }));
}
