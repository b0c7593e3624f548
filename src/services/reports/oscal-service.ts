/**
 * OSCAL over the API (docs/findings.md, "OSCAL"): the engagement's assessment results and POA&M, made from the
 * database exactly as `assay examine DIR --format oscal-ar | oscal-poam` makes them from a workspace; and findings
 * imported from an OSCAL assessment results or POA&M document, all or nothing.
 */
import {
  can,
  isoDate,
  ConflictError,
  ValidationError,
  criteriaOfCategories,
  examine,
  expireAcceptedRisk,
  sameRootCause,
  type Examination,
  type Finding,
  type Issue,
  type RootCause,
} from '../../domain/index.js';
import { assessmentResults, type AssessmentResultsDocument } from '../../reports/oscal/assessment-results.js';
import { findingsFromOscal } from '../../reports/oscal/import.js';
import { planOfActionAndMilestones, type PoamDocument } from '../../reports/oscal/poam.js';
import { loadExamination } from '../../store/controls-examination.js';
import { engineOf } from '../../store/engine.js';
import type { FindingsRepository } from '../../store/findings-repository.js';
import type { Executor } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import { reportFileName } from '../engagements/workspace-service.js';

export interface OscalExport<T> {
  document: T;
  /** What a download is called: the organisation, the period's end and the model. */
  fileName: string;
}

export interface OscalImportOutcome {
  /** Codes of the findings created, in the document's order. */
  created: string[];
  /** Codes of the root causes the document brought (an Assay POA&M carries them). */
  rootCauses: string[];
  /** What could not be carried over as it stood: the first of findingsFromOscal's warnings. */
  warnings: string[];
  /** How many warnings there were in all. */
  warningCount: number;
}


export function createOscalService(deps: {
  db: Executor;
  findings: Pick<FindingsRepository, 'createMany' | 'list' | 'listRootCauses' | 'saveRootCause' | 'takenCodes'>;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
  clock: () => Date;
}) {
  const { db, findings, lookup, access, audit, clock } = deps;

  /** The examination, its findings (an accepted risk past its expiry reads as open) and root causes, in one snapshot. */
  async function read(organizationId: string, engagementId: string) {
    await lookup.engagement(organizationId, engagementId);
    const transaction = engineOf(db) === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
    const today = isoDate(clock());
    return transaction.execute(async (trx) => {
      const examination = await loadExamination(trx, engagementId);
      const stored = await findings.list(engagementId, {}, trx);
      const rootCauses: RootCause[] = (await findings.listRootCauses(engagementId, trx)).map(({ id, title, category, whys }) => ({ id, title, category, whys }));
      return { examination, findings: stored.map((f) => expireAcceptedRisk(f, today)), rootCauses };
    });
  }

  const fileName = (examination: Examination, model: string) =>
    reportFileName(examination.engagement.organization, examination.engagement.periodEnd, `${model}.json`);

  return {
    /** OSCAL 1.1.3 assessment results of the engagement's examination, with its findings' statuses and overrides. */
    async assessmentResults(actor: Actor, organizationId: string, engagementId: string): Promise<OscalExport<AssessmentResultsDocument>> {
      await access.require(actor, organizationId, 'examination.read');
      const { examination, findings: found } = await read(organizationId, engagementId);
      return { document: assessmentResults(examination, examine(examination), found), fileName: fileName(examination, 'assessment-results') };
    },

    /** The OSCAL 1.1.3 plan of action and milestones: every finding with its root cause and corrective actions. */
    async poam(actor: Actor, organizationId: string, engagementId: string): Promise<OscalExport<PoamDocument>> {
      await access.require(actor, organizationId, 'finding.read');
      const { examination, findings: found, rootCauses } = await read(organizationId, engagementId);
      return {
        document: planOfActionAndMilestones({ examination, result: examine(examination), findings: found, rootCauses }),
        fileName: fileName(examination, 'poam'),
      };
    },

    /**
     * Findings from OSCAL assessment results or a POA&M (a parsed document or its text). Refused as a whole:
     * a document that is not OSCAL or holds more than MAX_IMPORTED_FINDINGS findings (ValidationError naming
     * JSON paths), a finding that names a control or criterion the engagement does not have (ValidationError),
     * a finding code or a different root cause of the same code already in the engagement (ConflictError naming
     * them). An override, or a corrective action marked done, comes in only when the actor could record it
     * (finding.judge, finding.remediate); else a warning says it was left out.
     *
     * The document is read and mapped before the transaction opens; the transaction then checks and writes in
     * batched inserts, all or nothing. One `finding.imported` event per finding, and one `oscal.imported` event
     * with the source and the first warnings (with their count), so the log grows with the findings only.
     */
    async importFindings(actor: Actor, organizationId: string, engagementId: string, document: unknown): Promise<OscalImportOutcome> {
      const grant = await access.require(actor, organizationId, 'finding.manage');
      // The import's findings are new, so no one owns them yet: only a grant over all findings counts.
      const imported = findingsFromOscal(document, { overrides: can(grant, 'finding.judge'), completedActions: can(grant, 'finding.remediate') });
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const examination = await loadExamination(trx, engagementId);
        const existingRootCauses = new Map((await findings.listRootCauses(engagementId, trx)).map((r) => [r.id, r]));
        const issues = references(imported.findings, examination, new Set([...existingRootCauses.keys(), ...imported.rootCauses.map((r) => r.id)]));
        if (issues.length > 0) throw new ValidationError(issues, 'The findings do not fit the engagement');

        const taken = new Set(await findings.takenCodes(engagementId, imported.findings.map((f) => f.code), trx));
        const clashes = [
          ...imported.findings.filter((f) => taken.has(f.code)).map((f) => `finding ${f.code}`),
          ...imported.rootCauses.filter((r) => existingRootCauses.has(r.id) && !sameRootCause(r, existingRootCauses.get(r.id) as RootCause)).map((r) => `root cause ${r.id}`),
        ];
        if (clashes.length > 0) throw new ConflictError(`Already in the engagement, so nothing was imported: ${clashes.join(', ')}`);

        const source = { model: imported.model, documentUuid: imported.documentUuid, title: imported.title };
        const newRootCauses = imported.rootCauses.filter((r) => !existingRootCauses.has(r.id));
        for (const rootCause of newRootCauses) await findings.saveRootCause(engagementId, rootCause, trx);
        for (const created of await findings.createMany(engagementId, imported.findings, trx)) {
          await audit.record(trx, actor, {
            type: 'finding.imported',
            organizationId,
            subject: `finding:${engagementId}/${created.code}`,
            after: { ...created, importedFrom: source },
          });
        }
        const outcome = {
          created: imported.findings.map((f) => f.code),
          rootCauses: newRootCauses.map((r) => r.id),
          warnings: imported.warnings,
          warningCount: imported.warningCount,
        };
        await audit.record(trx, actor, {
          type: 'oscal.imported',
          organizationId,
          subject: `engagement:${engagementId}`,
          after: { source, findings: outcome.created.length, rootCauses: outcome.rootCauses, warnings: outcome.warnings, warningCount: outcome.warningCount },
        });
        return outcome;
      });
    },
  };
}

/** What an imported finding names must be the engagement's: its control, criteria in scope, a known root cause. */
function references(found: readonly Finding[], examination: Examination, rootCauses: Set<string>): Issue[] {
  const controls = new Set(examination.controls.map((c) => c.id));
  const inScope = new Set(criteriaOfCategories(examination.engagement.categories).map((c) => c.id));
  const issues: Issue[] = [];
  for (const finding of found) {
    const where = `finding ${finding.code}`;
    if (finding.control !== null && !controls.has(finding.control)) issues.push({ location: where, message: `unknown control "${finding.control}" in this engagement` });
    for (const retest of finding.retests) {
      if (!controls.has(retest.control)) issues.push({ location: where, message: `retest ${retest.id} of an unknown control "${retest.control}"` });
    }
    for (const criterion of finding.criteria) {
      if (!inScope.has(criterion)) issues.push({ location: where, message: `criterion "${criterion}" is not in the engagement's categories` });
    }
    if (finding.rootCause !== null && !rootCauses.has(finding.rootCause)) issues.push({ location: where, message: `unknown root cause "${finding.rootCause}"` });
  }
  return issues;
}

export type OscalService = ReturnType<typeof createOscalService>;
