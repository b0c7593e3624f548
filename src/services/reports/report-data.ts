/**
 * The data a report is written from, read from the database (src/reports/documents/data.ts): the engagement as the
 * examination service examines it (period coverage counted), its findings, root causes and management responses,
 * each check's latest run, the changes the audit log records after the period, the kept forecasts for the trend,
 * the risk register assessed as the risk service assesses it, and the organisation's locale. The same documents as `assay report DIR` gives from a workspace.
 */
import { assessedRisk, controlStanding, examineCovered, isoDate, isUnresolved, NotFoundError, PRODUCED_EVENT_TYPES, statusOn, withCoverage, withDescription, type AuditEventType, type CriterionStatus, type Finding, type OpinionKind } from '../../domain/index.js';
import type { ForecastPoint, MonitoringSummary, RecordedChange, ReportData } from '../../reports/documents/index.js';
import type { AuditRepository } from '../../store/audit-repository.js';
import type { ChecksRepository } from '../../store/checks-repository.js';
import type { ControlsRepository } from '../../store/controls-repository.js';
import type { DescriptionRepository } from '../../store/description-repository.js';
import type { FindingsRepository } from '../../store/findings-repository.js';
import type { ManagementResponsesRepository } from '../../store/management-responses-repository.js';
import type { OrganizationsRepository } from '../../store/organizations-repository.js';
import type { RisksRepository } from '../../store/risks-repository.js';
import type { SnapshotsRepository } from '../../store/snapshots-repository.js';
import { failingControls, latestChecks } from '../monitoring/failing-controls.js';
import type { EvaluationSummary } from '../engagements/examination-service.js';

/** The audit log's newest events read for the changes since the period: enough for a bridge letter, bounded for the server. */
const MAX_CHANGES_READ = 1000;
/** Kept forecasts read for the trend, newest first. */
const MAX_HISTORY_POINTS = 200;

export interface ReportDataDependencies {
  organizations: Pick<OrganizationsRepository, 'findById'>;
  controls: Pick<ControlsRepository, 'loadKeyedExamination' | 'findById'>;
  findings: Pick<FindingsRepository, 'list' | 'listRootCauses'>;
  responses: Pick<ManagementResponsesRepository, 'list'>;
  checks: Pick<ChecksRepository, 'list' | 'latestRuns'>;
  audit: Pick<AuditRepository, 'list'>;
  snapshots: Pick<SnapshotsRepository, 'list'>;
  descriptions: Pick<DescriptionRepository, 'find' | 'incidentCandidates'>;
  risks: Pick<RisksRepository, 'list'>;
  clock: () => Date;
}

/** Reads what the documents of an engagement are written from; the caller has checked the actor's access and the engagement's tenant. */
export function createReportDataLoader(deps: ReportDataDependencies) {
  const { organizations, controls, findings, responses, checks, audit, snapshots, descriptions, risks, clock } = deps;

  /** Each check's latest run, and the controls tested by a check whose latest run failed (for the residual risk). */
  async function monitoring(engagementId: string): Promise<{ summaries: MonitoringSummary[]; failing: Set<string> }> {
    const latest = await latestChecks(checks, engagementId);
    const summaries = latest.map(({ check, run, controls: tested }) => ({
      check: check.checkId,
      title: check.title,
      control: tested[0] ?? null,
      ranAt: run.ranAt,
      tested: run.population,
      failing: run.failures,
    }));
    return { summaries, failing: failingControls(latest) };
  }

  /** What the audit log records about the engagement after its period: its own, its controls' and its findings' events. */
  async function changes(organizationId: string, engagementId: string, periodEnd: string): Promise<RecordedChange[]> {
    const after = `${periodEnd}T23:59:59.999Z`;
    const events = (await audit.list({ organizationId, limit: MAX_CHANGES_READ, offset: 0 })).items.filter(
      (e) => e.occurredAt > after && !PRODUCED_EVENT_TYPES.has(e.type as AuditEventType),
    );
    // The controls named, by row: one read each, for at most the events read.
    const controlRows = new Map<string, string>();
    for (const subject of new Set(events.map((e) => e.subject).filter((s) => s.startsWith('control:')))) {
      const control = await controls.findById(subject.slice('control:'.length));
      if (control?.engagementId === engagementId) controlRows.set(subject, control.id);
    }
    return events
      .flatMap((event) => {
        const what = subjectWords(event.subject, engagementId, controlRows);
        return what === null ? [] : [{ at: event.occurredAt, summary: `${what}: ${event.type.split('.').at(-1)?.replaceAll('_', ' ')}` }];
      })
      .reverse();
  }

  async function history(engagementId: string, findingsNow: readonly Finding[]): Promise<ForecastPoint[]> {
    const { items } = await snapshots.list<EvaluationSummary>(engagementId, { limit: MAX_HISTORY_POINTS, offset: 0 });
    return items
      .filter((s) => s.summary !== null)
      .reverse()
      .map((snapshot) => {
        const criteria = snapshot.summary?.criteria ?? ({} as Record<CriterionStatus, number>);
        const count = (status: CriterionStatus) => criteria[status] ?? 0;
        return {
          at: snapshot.takenAt,
          opinion: snapshot.opinion as OpinionKind,
          criteriaMet: count('met') + count('met_with_exceptions'),
          criteriaNotMet: count('not_met'),
          criteriaInScope: count('met') + count('met_with_exceptions') + count('unable_to_conclude') + count('not_met'),
          openFindings: openOn(findingsNow, snapshot.takenAt.slice(0, 10)),
        };
      });
  }

  return {
    async load(organizationId: string, engagementId: string): Promise<ReportData> {
      const organization = await organizations.findById(organizationId);
      if (!organization) throw new NotFoundError(`Organization ${organizationId}`);
      const loaded = await controls.loadKeyedExamination(engagementId);
      const covered = withCoverage(loaded.examination, loaded.evidence);
      const stored = await findings.list(engagementId);
      const recorded = await descriptions.find(engagementId);
      // The examination loaded already counts the undisclosed incidents as misstatements; only the warnings are read here.
      const described = recorded && withDescription(loaded.examination, recorded.description, await descriptions.incidentCandidates(engagementId));
      const result = examineCovered(covered);
      const checked = await monitoring(engagementId);
      const now = clock();
      const standing = controlStanding(new Map(result.controls.map((c) => [c.id, c.conclusion])), checked.failing);
      return {
        examination: covered.examination,
        result,
        coverage: covered.coverage,
        findings: stored,
        rootCauses: await findings.listRootCauses(engagementId),
        responses: await responses.list(engagementId),
        monitoring: checked.summaries,
        changes: await changes(organizationId, engagementId, loaded.examination.engagement.periodEnd),
        history: await history(engagementId, stored),
        // Assay has no notion of a published name yet: customer-facing documents print no internal name.
        publishedNames: [],
        description: recorded && described && { description: recorded.description, warnings: described.warnings },
        locale: organization.locale,
        generatedAt: now.toISOString(),
        risks: (await risks.list(engagementId)).map((risk) => assessedRisk(risk, standing, isoDate(now))),
      };
    },
  };
}

export type ReportDataLoader = ReturnType<typeof createReportDataLoader>;

/** What an event of the engagement happened to, in words; null for an event of anything else. */
function subjectWords(subject: string, engagementId: string, controlRows: ReadonlyMap<string, string>): string | null {
  if (subject === `engagement:${engagementId}`) return 'The engagement';
  if (subject.startsWith(`finding:${engagementId}/`)) return `Finding ${subject.slice(`finding:${engagementId}/`.length)}`;
  const control = controlRows.get(subject);
  return control === undefined ? null : `Control ${control}`;
}

/** How many findings were unresolved at the end of a day: identified by then, and not closed, accepted or dismissed by then. */
function openOn(findings: readonly Finding[], day: string): number {
  return findings.filter((finding) => {
    const status = statusOn(finding, day);
    return status !== null && isUnresolved(status);
  }).length;
}
