/**
 * The data a report is written from, read from a workspace folder: the examination as `assay examine` forecasts
 * it (a test standing on a check concludes on the check's run as of the period end), the workspace's findings,
 * root causes and management responses, and those checks' runs as the monitoring a document may cite. A folder
 * keeps no history, no change log and no published names: those parts are empty (src/reports/documents/data.ts).
 */
import { DEFAULT_LOCALE } from '../domain/index.js';
import type { ReportData } from '../reports/documents/index.js';
import { loadFindings } from '../workspace/findings.js';
import { assessedRiskRegister } from '../workspace/register.js';
import { examineWorkspace } from './commands/examine.js';

export async function workspaceReportData(dir: string, now: Date): Promise<ReportData> {
  const examined = await examineWorkspace(dir);
  const { examination, result, runs, description } = examined;
  const { findings, rootCauses, managementResponses } = await loadFindings(dir, examination);
  const generatedAt = now.toISOString();
  return {
    examination,
    result,
    // Coverage is counted from evidence records stating the period they cover, which only the database keeps.
    coverage: [],
    findings,
    rootCauses,
    // A response recorded in a file may not say when it was last edited: it counts as edited when read.
    responses: managementResponses.map((response) => ({ ...response, editedOn: response.editedOn ?? generatedAt })),
    monitoring: runs.map((run) => ({
      check: run.result.id,
      title: run.result.title,
      control: run.control,
      ranAt: `${run.asOf}T00:00:00.000Z`,
      tested: run.result.population,
      failing: run.result.failures,
    })),
    changes: [],
    history: [],
    publishedNames: [],
    description: description.description === null ? null : { description: description.description, warnings: description.warnings },
    // A folder states no locale: the one a new organisation starts with.
    locale: DEFAULT_LOCALE,
    generatedAt,
    // A folder's risks are its own; none was raised by a vendor report (those are raised in the database).
    risks: (await assessedRiskRegister(dir, examined, generatedAt.slice(0, 10))).map((risk) => ({ ...risk, raisedBy: null })),
  };
}
