/** A check's runs as the trend chart draws them: oldest first, each its failures and population as of its date. */
import type { CheckRun } from '../../api/checks.js';

export interface TrendPoint {
  ranAt: string;
  asOf: string;
  failures: number;
  population: number;
}

export function trendOf(runs: readonly CheckRun[]): TrendPoint[] {
  return [...runs].reverse().map((r) => ({ ranAt: r.ranAt, asOf: r.asOf, failures: r.failures, population: r.population }));
}

/** What the chart shows, in words, for those who cannot see it. */
export function describeTrend(points: readonly TrendPoint[]): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return 'No run yet.';
  return `${points.length} runs from ${first.asOf} to ${last.asOf}: failing items went from ${first.failures} of ${first.population} to ${last.failures} of ${last.population}.`;
}
