/**
 * Replacing an engagement's findings, root causes and management responses as a whole: what a workspace import
 * does (the workspace is the engagement's whole truth, its findings included), in the import's transaction.
 */
import type { Finding, RecordedResponse, RootCause } from '../domain/findings/index.js';
import { createFindingsRepository } from './findings-repository.js';
import { createManagementResponsesRepository } from './management-responses-repository.js';
import { toTimestamp, type StoreDependencies, type Trx } from './values.js';

export interface FindingsCounts {
  findings: number;
  rootCauses: number;
  managementResponses: number;
}

/**
 * Makes the engagement's findings, root causes and management responses those given, root causes first (findings
 * name them by code), responses last (they belong to findings). A finding or response whose code is there already
 * is rewritten in place; one not given is deleted. A response that does not say when it was last edited is dated
 * by the import. Every response must belong to one of the findings given.
 */
export async function replaceFindings(
  trx: Trx,
  deps: StoreDependencies,
  engagementId: string,
  workspace: { findings: readonly Finding[]; rootCauses: readonly RootCause[]; managementResponses: readonly RecordedResponse[] },
): Promise<FindingsCounts> {
  const repository = createFindingsRepository(trx, deps);
  const rootCauses = workspace.rootCauses.map((r) => r.id);
  const findings = workspace.findings.map((f) => f.code);
  for (const rootCause of workspace.rootCauses) await repository.saveRootCause(engagementId, rootCause, trx);
  const stored = new Map((await repository.list(engagementId, {}, trx)).map((f) => [f.code, f.version]));
  for (const finding of workspace.findings) {
    const version = stored.get(finding.code);
    if (version === undefined) await repository.create(engagementId, finding, trx);
    else await repository.update(engagementId, version, finding, trx);
  }
  let gone = trx.deleteFrom('findings').where('engagement_id', '=', engagementId);
  if (findings.length > 0) gone = gone.where('code', 'not in', findings);
  await gone.execute();
  let unused = trx.deleteFrom('root_causes').where('engagement_id', '=', engagementId);
  if (rootCauses.length > 0) unused = unused.where('code', 'not in', rootCauses);
  await unused.execute();

  const responses = createManagementResponsesRepository(trx, deps);
  const answered = workspace.managementResponses.map((r) => r.finding);
  await responses.deleteAllBut(engagementId, answered, trx);
  const storedResponses = new Map((await responses.list(engagementId, trx)).map((r) => [r.finding, r.version]));
  const now = toTimestamp(deps.clock());
  for (const { editedOn, ...recorded } of workspace.managementResponses) {
    const response = { ...recorded, editedOn: editedOn ?? now };
    const version = storedResponses.get(response.finding);
    if (version === undefined) await responses.create(engagementId, response, trx);
    else await responses.update(engagementId, version, response, trx);
  }
  return { findings: workspace.findings.length, rootCauses: workspace.rootCauses.length, managementResponses: answered.length };
}
