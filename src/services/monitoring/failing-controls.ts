/**
 * What monitoring says of the controls as of now: each check's latest run with the controls the check tests, and
 * the controls tested by a check whose latest run failed (they keep a risk's residual where the register rated it).
 */
import type { ChecksRepository, StoredCheck, StoredCheckRun } from '../../store/checks-repository.js';
import { definitionOf } from './check-definition.js';

export interface LatestCheck {
  check: StoredCheck;
  run: StoredCheckRun;
  /** The controls the check tests, in the order of its file. */
  controls: string[];
}

/** Each check of the engagement that has run, with its latest run: two queries whatever the number of checks. */
export async function latestChecks(checks: Pick<ChecksRepository, 'list' | 'latestRuns'>, engagementId: string): Promise<LatestCheck[]> {
  const [stored, latest] = await Promise.all([checks.list(engagementId), checks.latestRuns(engagementId)]);
  return stored.flatMap((check) => {
    const run = latest.get(check.checkId);
    if (!run) return [];
    // Only the check's own controls are read: no export is opened.
    const { controls } = definitionOf(check.fileName, check.definition, '/nonexistent-assay-workspace');
    return [{ check, run, controls }];
  });
}

/** The controls tested by a check whose latest run failed. */
export function failingControls(latest: readonly LatestCheck[]): Set<string> {
  return new Set(latest.filter((l) => l.run.status === 'fail').flatMap((l) => l.controls));
}
