/** Wording shared by every reason the engine writes. */

/** 0.0880 → "8.8%"; 0.1 → "10%". */
export function percent(rate: number): string {
  const value = Math.round(rate * 1000) / 10;
  return `${value}%`;
}

/** Rounds a rate for presentation; comparisons always use the unrounded value. */
export function roundRate(rate: number): number {
  return Math.round(rate * 10_000) / 10_000;
}

export function list(ids: readonly string[]): string {
  return ids.join(', ');
}

/** An enumerated value in words: `effective_with_exceptions` → `effective with exceptions`. */
export function words(value: string): string {
  return value.replaceAll('_', ' ');
}
