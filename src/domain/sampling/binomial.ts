/**
 * Attribute sampling on the binomial model (reference §4): the one-sided Clopper–Pearson upper deviation
 * limit and the sample sizes that follow from it. Everything is computed in log space so that large samples
 * (tens of thousands of items) neither underflow nor lose precision.
 */

/**
 * P(X ≤ k) for X ~ Binomial(n, p).
 * Terms are summed with log-sum-exp; log C(n, i) is built incrementally, so the cost is O(k).
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k >= n || p <= 0) return 1;
  if (k < 0 || p >= 1) return 0;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const logTerms: number[] = new Array<number>(k + 1);
  let logCoefficient = 0;
  let max = -Infinity;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logCoefficient += Math.log(n - i + 1) - Math.log(i);
    const t = logCoefficient + i * logP + (n - i) * logQ;
    logTerms[i] = t;
    if (t > max) max = t;
  }
  let sum = 0;
  for (const t of logTerms) sum += Math.exp(t - max);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}

/**
 * The upper deviation limit: the one-sided Clopper–Pearson upper bound on the population deviation rate,
 * i.e. the rate p with P(X ≤ k | n, p) = 1 − confidence.
 * Examples at 0.90 (reference §4): n = 25, k = 0 → 8.8%; n = 25, k = 1 → 14.7%; n = 38, k = 1 → 9.9%.
 */
export function upperDeviationLimit(n: number, k: number, confidence: number): number {
  assertSample(n, k);
  assertConfidence(confidence);
  if (n === 0 || k >= n) return 1;
  const alpha = 1 - confidence;
  // Closed form for no deviations: (1 − p)^n = α.
  if (k === 0) return 1 - Math.pow(alpha, 1 / n);
  // The CDF falls as p rises: bisect for the crossing point.
  let lo = k / n;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(k, n, mid) > alpha) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The smallest sample in which `allowedDeviations` deviations still keep the upper deviation limit within
 * the tolerable rate (the attribute-sampling table of reference §4, e.g. 10% / 90% / k = 1 → 38).
 */
export function attributeSampleSize(tolerableRate: number, confidence: number, allowedDeviations: number): number {
  assertConfidence(confidence);
  if (!(tolerableRate > 0 && tolerableRate < 1)) throw new RangeError('tolerable rate must be between 0 and 1');
  if (!Number.isInteger(allowedDeviations) || allowedDeviations < 0) {
    throw new RangeError('allowed deviations must be a whole number ≥ 0');
  }
  const alpha = 1 - confidence;
  const within = (n: number) => binomialCdf(allowedDeviations, n, tolerableRate) <= alpha;
  // The CDF at a fixed rate falls as n grows: gallop to an upper end, then bisect.
  let lo = allowedDeviations;
  let hi = Math.max(1, allowedDeviations + 1);
  while (!within(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (within(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function assertSample(n: number, k: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('sample size must be a whole number ≥ 0');
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError('deviations must be a whole number between 0 and the sample size');
}

function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError('confidence must be between 0 and 1');
}
