/**
 * Findings from monitoring: a failing check run opens a finding (source `monitoring`) whose deviations are the
 * check's failing items; a later failing run adds the items not yet on it (remediation never erases a
 * deviation), and one after the finding was closed reopens it as a regression (`reopenAsRegression`, the same
 * step an examination takes).
 */
// Through the domain's index: the lint reads a `../monitoring/` path as the engine's folder.
import type { CheckResult } from '../index.js';
import { list } from '../format.js';
import { counted } from '../words.js';
import { reopenAsRegression, closedOn } from './events.js';
import { noFollowUp, type FailedSample, type Finding, type Retest } from './model.js';

/** `F-MON-AC-04` for check `MON-AC-04` (`F-MON-<id>` for a check named otherwise): never a control's finding code. */
export function monitoringFindingCode(checkId: string): string {
  return `F-MON-${checkId.replace(/^MON-/i, '')}`;
}

/** What a finding from a check needs beyond the run: the control it tests (the first the check names) and that control's criteria. */
export interface CheckSubject {
  control: string | null;
  criteria: string[];
}

/** The finding a failing run opens. */
export function findingFromCheck(result: CheckResult, asOf: string, subject: CheckSubject): Finding {
  return {
    code: monitoringFindingCode(result.id),
    title: `${result.id} fails: ${result.failures} of ${counted(result.population, 'item')}`,
    description: `Monitoring check ${result.id} (${result.title}) failed as of ${asOf}.`,
    source: 'monitoring',
    control: subject.control,
    criteria: [...subject.criteria],
    classification: {
      kind: 'operating',
      severity: 'deficiency',
      pervasive: false,
      reasons: [`Check ${result.id} tested the whole population as of ${asOf}; ${counted(result.failures, 'item')} failed.`],
      override: null,
    },
    status: 'open',
    identifiedOn: asOf,
    failedSamples: failedSamplesOf(result),
    ...noFollowUp(),
  };
}

/**
 * A failing run on the check's existing finding: the failing items not already on it are added, and a closed
 * finding whose run is as of its closure or later is open again as a regression. The same run twice changes
 * nothing more.
 */
export function recordFailingRun(finding: Finding, result: CheckResult, asOf: string): Finding {
  const known = new Set(finding.failedSamples.map((s) => s.item));
  const added = failedSamplesOf(result).filter((s) => !known.has(s.item));
  const withItems = added.length > 0 ? { ...finding, failedSamples: [...finding.failedSamples, ...added] } : finding;
  if (finding.status !== 'closed') return withItems;
  const closed = closedOn(finding);
  if (closed !== null && asOf < closed) return withItems;
  const items = result.failing.map((f) => f.item);
  const reason =
    `Check ${result.id} fails again as of ${asOf} (${counted(result.failures, 'item')}${items.length > 0 ? `: ${list(items.slice(0, 10))}${items.length > 10 ? ', …' : ''}` : ''})` +
    `, after the finding was closed${closed ? ` on ${closed}` : ''}: its corrective actions did not prevent it.`;
  return reopenAsRegression(withItems, asOf, reason, 'The check passes in every later run.');
}

/** The most items a retest from a passing run names as its samples; the population size counts them all. */
export const RETEST_SAMPLES_FROM_RUN = 1000;

/**
 * A retest of the check's control from a run that passed as of `asOf`: every item of the population tested
 * (`populationSize`), each named passing up to RETEST_SAMPLES_FROM_RUN, over the one day the run is as of.
 */
export function retestFromRun(checkId: string, control: string, asOf: string, items: readonly string[], id: string): Retest {
  return {
    id,
    control,
    date: asOf,
    periodStart: asOf,
    periodEnd: asOf,
    method: 'reperformance',
    populationSize: items.length,
    samples: items.slice(0, RETEST_SAMPLES_FROM_RUN).map((item) => ({ item, result: 'pass', note: `check ${checkId} passed` })),
    conclusion: null,
    reasons: [],
  };
}

function failedSamplesOf(result: CheckResult): FailedSample[] {
  return result.failing.map((f) => ({ item: f.item, note: f.reason }));
}
