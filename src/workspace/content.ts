/**
 * Everything a workspace folder holds that `assay import` carries into the database (and `assay demo` seeds): the
 * examination, its findings, root causes and management responses, its monitoring checks, its system description,
 * its risks and its vendors. Read and judged as a whole before anything is written: a bad file refuses it all, with
 * every problem of the description and the register together, each at `file:line`.
 */
import { readCheckFiles } from './checks.js';
import { loadDescription } from './description.js';
import { loadFindings } from './findings.js';
import { loadWorkspace } from './load.js';
import { loadRegister } from './register.js';
import { settledValues } from './settled.js';
import type { WorkspaceContent, WorkspaceStatements } from './write.js';

export async function loadWorkspaceContent(dir: string): Promise<WorkspaceContent & WorkspaceStatements> {
  const examination = await loadWorkspace(dir);
  const findings = await loadFindings(dir, examination);
  const checkFiles = await readCheckFiles(dir);
  const [described, registered] = await Promise.allSettled([loadDescription(dir, examination), loadRegister(dir, examination)]);
  const [description, register] = settledValues([described, registered], 'The system description, risks or vendors are not valid');
  return { ...examination, ...findings, checkFiles, ...(description !== null && { description: description.description }), register };
}
