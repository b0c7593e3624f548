/**
 * Replacing an engagement's findings and root causes as a whole: what a workspace import does (the workspace
 * is the engagement's whole truth, its findings included), in the import's transaction.
 */
import type { Finding, RootCause } from '../domain/findings/index.js';
import { createFindingsRepository } from './findings-repository.js';
import type { StoreDependencies, Trx } from './values.js';

export interface FindingsCounts {
  findings: number;
  rootCauses: number;
}

/**
 * Makes the engagement's findings and root causes those given, root causes first (findings name them by code).
 * A finding whose code is there already is rewritten in place, so what is stored beside it (its management
 * response) stays; a finding or root cause not given is deleted, and what is stored beside it goes with it.
 */
export async function replaceFindings(
  trx: Trx,
  deps: StoreDependencies,
  engagementId: string,
  workspace: { findings: readonly Finding[]; rootCauses: readonly RootCause[] },
): Promise<FindingsCounts> {
  const repository = createFindingsRepository(trx, deps);
  const rootCauses = workspace.rootCauses.map((r) => r.id);
  const findings = workspace.findings.map((f) => f.id);
  for (const rootCause of workspace.rootCauses) await repository.saveRootCause(engagementId, rootCause, trx);
  const stored = new Map((await repository.list(engagementId, {}, trx)).map((f) => [f.id, f.version]));
  for (const finding of workspace.findings) {
    const version = stored.get(finding.id);
    if (version === undefined) await repository.create(engagementId, finding, trx);
    else await repository.update(engagementId, version, finding, trx);
  }
  let gone = trx.deleteFrom('findings').where('engagement_id', '=', engagementId);
  if (findings.length > 0) gone = gone.where('code', 'not in', findings);
  await gone.execute();
  let unused = trx.deleteFrom('root_causes').where('engagement_id', '=', engagementId);
  if (rootCauses.length > 0) unused = unused.where('code', 'not in', rootCauses);
  await unused.execute();
  return { findings: workspace.findings.length, rootCauses: workspace.rootCauses.length };
}
