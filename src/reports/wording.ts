/** Words shared by the human-readable renderers. */
import type { ExaminationResult } from '../domain/index.js';


export function rateText(rate: number | null): string {
  return rate === null ? '' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export function describePeriod(result: Pick<ExaminationResult, 'reportType' | 'periodStart' | 'periodEnd'>): string {
  return result.reportType === 'type2'
    ? `Type 2, ${result.periodStart} to ${result.periodEnd}`
    : `Type 1, as of ${result.periodEnd}`;
}
