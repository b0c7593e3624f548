/**
 * The system description of an engagement (docs/system-description.md): read with its completeness warnings, the
 * significant incidents found in the findings and the description opinion they lead to; edited whole at the
 * version read; and the mark that makes a finding a significant incident. Every change is audited in its
 * transaction and marks the engagement's examination as changed, so the forecast reads it at once.
 */
import {
  NotFoundError,
  ValidationError,
  criteriaOfCategories,
  descriptionProblems,
  descriptionWarnings,
  emptyDescription,
  formOpinion,
  jsonPath,
  locateProblems,
  misstatedBy,
  significantIncidents,
  type Control,
  type Engagement,
  type IncidentCandidate,
  type SystemDescription,
} from '../../domain/index.js';
import type { DescriptionView, IncidentMark } from '../../contract/description.js';
import { inOneSnapshot } from '../../store/controls-examination.js';
import { descriptionSubject, type DescriptionRepository, type StoredDescription } from '../../store/description-repository.js';
import type { EngagementsRepository } from '../../store/engagements-repository.js';
import type { FindingsRepository } from '../../store/findings-repository.js';
import type { Executor, Trx } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import { describeActor, type Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';

/** What recording a description reads and writes. */
export interface DescriptionRecording {
  descriptions: Pick<DescriptionRepository, 'find' | 'save' | 'incidentCandidates' | 'keyControls'>;
  engagements: Pick<EngagementsRepository, 'findById'>;
  audit: AuditLog;
}

/** What the description's view reads of the engagement: its settings, and which of its controls are key. */
interface DescriptionScope {
  engagement: Pick<Engagement, 'categories' | 'notApplicable' | 'misstatements' | 'reportType' | 'pervasiveness'>;
  controls: readonly Pick<Control, 'id' | 'key'>[];
}

/**
 * Writes the whole description at the version read (0: the first) in the caller's transaction, audited with the
 * description it replaces. Refused with every problem at its JSON path (a criterion out of scope, an organisation
 * twice, an unknown finding); a stale version is a conflict. Reads no test and no sample.
 */
export async function saveDescription(
  deps: DescriptionRecording,
  trx: Trx,
  actor: Actor,
  organizationId: string,
  engagementId: string,
  version: number,
  description: SystemDescription,
): Promise<{ scope: DescriptionScope; candidates: IncidentCandidate[]; saved: StoredDescription }> {
  const { descriptions, engagements, audit } = deps;
  const [engagement, controls, candidates] = await Promise.all([
    engagements.findById(engagementId, trx),
    descriptions.keyControls(engagementId, trx),
    descriptions.incidentCandidates(engagementId, trx),
  ]);
  if (!engagement) throw new NotFoundError(`Engagement ${engagementId}`);
  const inScope = new Set(criteriaOfCategories(engagement.categories).map((c) => c.id));
  const problems = descriptionProblems(description, inScope, new Set(candidates.map((f) => f.code)));
  if (problems.length > 0) {
    throw new ValidationError(locateProblems(problems, (path) => jsonPath(['description', ...path])), 'The system description cannot be recorded');
  }
  const before = await descriptions.find(engagementId, trx);
  const saved = await descriptions.save(engagementId, version, description, describeActor(actor), trx);
  await audit.record(trx, actor, { type: 'description.updated', organizationId, subject: descriptionSubject(engagementId), before, after: saved });
  return { scope: { engagement, controls }, candidates, saved };
}

export function createDescriptionService(deps: {
  db: Executor;
  descriptions: DescriptionRepository;
  findings: Pick<FindingsRepository, 'findByCode' | 'markSignificantIncident'>;
  engagements: Pick<EngagementsRepository, 'findById'>;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
}) {
  const { db, descriptions, findings, engagements, lookup, access, audit } = deps;

  function viewOf(scope: DescriptionScope, stored: StoredDescription | null, candidates: readonly IncidentCandidate[]): DescriptionView {
    const description = stored?.description ?? emptyDescription();
    const incidents = significantIncidents(candidates, scope.controls);
    // An unrecorded description warns as an empty one would (the warnings say what to write), but misstates
    // nothing: there is no description to judge yet.
    const warnings = descriptionWarnings(description, scope.engagement.notApplicable, incidents);
    const judged = stored === null ? scope : misstatedBy(scope, warnings);
    return {
      recorded: stored !== null,
      version: stored?.version ?? 0,
      updatedAt: stored?.updatedAt ?? null,
      updatedBy: stored?.updatedBy ?? null,
      description,
      notApplicable: scope.engagement.notApplicable,
      incidents,
      warnings,
      // The description opinion is formed from the misstatements alone: no criterion's result is needed for it.
      opinion: formOpinion(judged.engagement, []).subjects.description,
    };
  }

  /** The engagement's settings and its key controls, with the description and the findings: no test, no sample. */
  async function read(organizationId: string, engagementId: string, trx: Executor): Promise<DescriptionView> {
    const engagement = await lookup.engagement(organizationId, engagementId, trx);
    const [controls, stored, candidates] = await Promise.all([
      descriptions.keyControls(engagementId, trx),
      descriptions.find(engagementId, trx),
      descriptions.incidentCandidates(engagementId, trx),
    ]);
    return viewOf({ engagement, controls }, stored, candidates);
  }

  return {
    /** The description with its warnings, the significant incidents found and the description opinion. */
    async get(actor: Actor, organizationId: string, engagementId: string): Promise<DescriptionView> {
      await access.require(actor, organizationId, 'description.read');
      return inOneSnapshot(db, (trx) => read(organizationId, engagementId, trx));
    },

    /**
     * Writes the whole description at the version read (0: the first). Refused with every problem at its JSON
     * path (a criterion out of scope, an organisation twice, an unknown finding); a stale version is a conflict.
     */
    async update(actor: Actor, organizationId: string, engagementId: string, version: number, description: SystemDescription): Promise<DescriptionView> {
      await access.require(actor, organizationId, 'description.edit');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const { scope, candidates, saved } = await saveDescription({ descriptions, engagements, audit }, trx, actor, organizationId, engagementId, version, description);
        return viewOf(scope, saved, candidates);
      });
    },

    /** Marks a finding a significant incident the description must disclose, or takes the mark off, at the finding's version. */
    async markIncident(actor: Actor, organizationId: string, engagementId: string, code: string, version: number, significantIncident: boolean): Promise<IncidentMark> {
      await access.require(actor, organizationId, 'description.edit');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const before = await findings.findByCode(engagementId, code, trx);
        if (!before) throw new NotFoundError(`Finding ${code}`);
        const next = await findings.markSignificantIncident(engagementId, code, version, significantIncident, trx);
        await audit.record(trx, actor, {
          type: 'finding.incident_marked',
          organizationId,
          subject: `finding:${engagementId}/${code}`,
          before: { significantIncident: before.significantIncident === true, version },
          after: { significantIncident, version: next },
        });
        return { finding: code, significantIncident, version: next };
      });
    },
  };
}

export type DescriptionService = ReturnType<typeof createDescriptionService>;
