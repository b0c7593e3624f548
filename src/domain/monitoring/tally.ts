/** Counts a check's population and keeps its failing items in source file order. */
import type { CheckResult, ItemOutcome } from './model.js';

export interface CheckIdentity {
  id: string;
  title: string;
  controls: string[];
}

export interface Tally {
  add(outcome: ItemOutcome): void;
  /** The result so far: `empty` with no item, `fail` with any failing item, else `pass`. */
  result(check: CheckIdentity): CheckResult;
}

export function createTally(): Tally {
  let population = 0;
  const failing: { item: string; reason: string }[] = [];
  return {
    add(outcome) {
      population++;
      if (outcome.failure !== null) failing.push({ item: outcome.item, reason: outcome.failure });
    },
    result(check) {
      const status = population === 0 ? 'empty' : failing.length > 0 ? 'fail' : 'pass';
      return { ...identity(check), status, population, failures: failing.length, failing: [...failing] };
    },
  };
}

/**
 * A check whose evaluation failed: its population and failures mean nothing, so neither is reported as found
 * (a row that could not be evaluated never counts as a pass).
 */
export function erroredCheck(check: CheckIdentity, error: string): CheckResult {
  return { ...identity(check), status: 'error', population: 0, failures: 0, failing: [], error };
}

function identity(check: CheckIdentity): CheckIdentity {
  return { id: check.id, title: check.title, controls: [...check.controls] };
}
