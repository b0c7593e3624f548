/**
 * Readiness: the share of the in-scope criteria that are met, of a whole engagement (the dashboard's headline) or
 * per series (the readiness chart). The rule is stated here once; every view of readiness reads it from here.
 */
import type { CriterionResult, CriterionStatus } from '../evaluation/result.js';

export interface Readiness {
  /** The criteria in scope (not marked not applicable). */
  inScope: number;
  /** Of those, the ones met, with or without exceptions. */
  met: number;
  /** met / inScope, between 0 and 1; null when no criterion is in scope. */
  share: number | null;
}

export interface SeriesReadiness extends Readiness {
  series: string;
  /** A series is listed only with a criterion in scope, so it always has a share. */
  share: number;
}

const MET: ReadonlySet<CriterionStatus> = new Set(['met', 'met_with_exceptions']);

/** The readiness of a set of criteria: how many are in scope, how many of those are met, and the share. */
export function readinessOf(criteria: readonly Pick<CriterionResult, 'status'>[]): Readiness {
  let inScope = 0;
  let met = 0;
  for (const criterion of criteria) {
    if (criterion.status === 'not_applicable') continue;
    inScope += 1;
    if (MET.has(criterion.status)) met += 1;
  }
  return { inScope, met, share: inScope === 0 ? null : met / inScope };
}

/** One entry per series with a criterion in scope, in the order the series first come (the catalogue's). */
export function readinessBySeries(criteria: readonly Pick<CriterionResult, 'series' | 'status'>[]): SeriesReadiness[] {
  const bySeries = new Map<string, Pick<CriterionResult, 'status'>[]>();
  for (const criterion of criteria) {
    const inSeries = bySeries.get(criterion.series);
    if (inSeries) inSeries.push(criterion);
    else bySeries.set(criterion.series, [criterion]);
  }
  // A series whose criteria are all not applicable has no share: it is left out.
  return [...bySeries].flatMap(([series, inSeries]) => {
    const { inScope, met, share } = readinessOf(inSeries);
    return share === null ? [] : [{ series, inScope, met, share }];
  });
}
