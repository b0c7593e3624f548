/**
 * The deviation rate a control's conclusion is judged on (DESIGN §5 rule 5), and the sample expansion that
 * would bring it within tolerance (rule 7).
 */
import { attributeSampleSize, upperDeviationLimit } from './binomial.js';

export type BoundBasis = 'exact' | 'clopper-pearson' | 'untested-remainder';

export interface DeviationBound {
  /** The rate compared with the tolerable rate. */
  rate: number;
  basis: BoundBasis;
}

/**
 * The bound on the population's deviation rate after testing n of N items and finding k deviations.
 *
 * - Whole population tested (n = N): the exact rate k / N.
 * - Otherwise the Clopper–Pearson upper deviation limit, but never more than (k + N − n) / N, the rate if
 *   every untested item deviated. The binomial model assumes an endless population; near the whole
 *   population it would otherwise claim a rate no population of that size can have, and testing one more
 *   item that deviates could then improve the conclusion.
 */
export function deviationBound(n: number, k: number, populationSize: number | null, confidence: number): DeviationBound {
  if (populationSize !== null && n >= populationSize && populationSize > 0) {
    return { rate: k / populationSize, basis: 'exact' };
  }
  const udl = upperDeviationLimit(n, k, confidence);
  if (populationSize !== null && populationSize > 0) {
    const remainder = (k + populationSize - n) / populationSize;
    if (remainder < udl) return { rate: remainder, basis: 'untested-remainder' };
  }
  return { rate: udl, basis: 'clopper-pearson' };
}

/** Comparison with the tolerable rate; the epsilon absorbs rounding in rates like 3/30 vs 0.1. */
export function withinTolerance(rate: number, tolerableRate: number): boolean {
  return rate <= tolerableRate + 1e-12;
}

/**
 * The smallest total sample that, with no further deviation, brings the bound within the tolerable rate:
 * the expansion an auditor may choose. Null when none exists: even the whole population's exact rate
 * k / N would exceed tolerance.
 */
export function sampleSizeToConclude(
  k: number,
  populationSize: number | null,
  settings: { confidence: number; tolerableRate: number },
): number | null {
  const byBinomial = attributeSampleSize(settings.tolerableRate, settings.confidence, k);
  if (populationSize === null) return byBinomial;
  if (!withinTolerance(k / populationSize, settings.tolerableRate)) return null;
  // The untested-remainder bound reaches tolerance once n ≥ k + N·(1 − tolerable rate).
  const remainderWithin = (n: number) => withinTolerance((k + populationSize - n) / populationSize, settings.tolerableRate);
  let byRemainder = Math.max(k, Math.ceil(k + populationSize * (1 - settings.tolerableRate)));
  while (byRemainder > k && remainderWithin(byRemainder - 1)) byRemainder--;
  while (!remainderWithin(byRemainder)) byRemainder++;
  return Math.min(byBinomial, byRemainder, populationSize);
}
