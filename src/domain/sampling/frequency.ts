/**
 * Sample sizes by control frequency (reference §4). AICPA prescribes none; these are the practice defaults.
 * The population size caps every size; event-driven controls size the sample from the population.
 */
import type { Frequency } from '../engagement.js';

const BY_FREQUENCY: Record<Exclude<Frequency, 'event'>, number> = {
  annual: 1,
  semiannual: 2,
  quarterly: 2,
  monthly: 3,
  weekly: 10,
  daily: 25,
  'multiple-daily': 40,
  // One instance, relying on effective change-management and access controls over the system.
  automated: 1,
};

/** The event-driven table: N ≤ 5: all; 6–50: 5; 51–250: 10% rounded up; > 250: 25. */
export function eventSampleSize(populationSize: number): number {
  if (populationSize <= 5) return populationSize;
  if (populationSize <= 50) return 5;
  if (populationSize <= 250) return Math.ceil(populationSize / 10);
  return 25;
}

/**
 * The sample size the frequency table asks for. Null for an event-driven control whose population size
 * is unknown.
 */
export function requiredSampleSize(frequency: Frequency, populationSize: number | null): number | null {
  if (populationSize !== null && (!Number.isInteger(populationSize) || populationSize < 0)) {
    throw new RangeError('population size must be a whole number ≥ 0');
  }
  if (frequency === 'event') return populationSize === null ? null : eventSampleSize(populationSize);
  const size = BY_FREQUENCY[frequency];
  return populationSize === null ? size : Math.min(size, populationSize);
}
