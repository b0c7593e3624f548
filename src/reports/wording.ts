/** Words shared by the human-readable renderers. */
import type { ExaminationResult } from '../domain/index.js';

/** `effective_with_exceptions` → `effective with exceptions`. */
export function label(value: string): string {
  return value.replaceAll('_', ' ');
}

export function rateText(rate: number | null): string {
  return rate === null ? '' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export function describePeriod(result: Pick<ExaminationResult, 'reportType' | 'periodStart' | 'periodEnd'>): string {
  return result.reportType === 'type2'
    ? `Type 2, ${result.periodStart} to ${result.periodEnd}`
    : `Type 1, as of ${result.periodEnd}`;
}
