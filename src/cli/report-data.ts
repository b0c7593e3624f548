/**
 * The data a report is written from (src/reports/documents/data.ts), from one of two sources.
 *
 * A workspace folder: the examination as `assay examine` forecasts it (a test standing on a check concludes on
 * the check's run as of the period end), the workspace's findings, root causes and management responses, and
 * those checks' runs as the monitoring a document may cite. A folder keeps no history, no change log, no coverage
 * and no published names: those parts are empty.
 *
 * An engagement in the database: read by the report jobs service exactly as the API's report jobs read it, and
 * recorded in the audit log as they are.
 */
import { bridgeEndRefusal, DEFAULT_LOCALE, isoDate, ValidationError } from '../domain/index.js';
import type { ReportData } from '../reports/documents/index.js';
import type { ReportRequest } from '../services/reports/report-jobs-service.js';
import { loadFindings } from '../workspace/findings.js';
import { assessedRiskRegister } from '../workspace/register.js';
import { actingOn, type EngagementOptions } from './acting.js';
import { examineWorkspace } from './commands/examine.js';
import { resolveDatabaseUrl, withStore } from './database.js';
import type { CliIO } from './io.js';

/** Refuses a bridge letter that would not end after the period and by today, at the option that says its end. */
export function requireBridgeEnd(request: ReportRequest, periodEnd: string, today: string): void {
  if (request.type !== 'bridge-letter') return;
  const refusal = bridgeEndRefusal(request.to ?? today, periodEnd, today);
  if (refusal !== null) throw new ValidationError([{ location: '--to', message: refusal }], 'Cannot write this report');
}

/** The engagement's data as a report job of the API reads it, asked for by whoever acts (the operator by default). */
export async function databaseReportData(io: CliIO, options: EngagementOptions, request: ReportRequest): Promise<ReportData> {
  return withStore(resolveDatabaseUrl(options.database, io), { mustExist: true }, async (store) => {
    const { services, actor, organization, engagement } = await actingOn(store, io, options);
    requireBridgeEnd(request, engagement.periodEnd, isoDate(new Date()));
    return services.reportJobs.dataFor(actor, organization.id, engagement.id, request);
  });
}

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
