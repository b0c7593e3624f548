/**
 * Findings authored by people: one created from a control's deficiency in the current examination or
 * recorded by hand, the auditor's judgment beside the engine's forecast, and the root causes read with the
 * findings traced to them. Part of the findings service (findings-service.ts spreads it in); the rules are the
 * domain's (authoring.ts, lifecycle.ts `overrideClassification`, systemic.ts).
 */
import {
  isoDate,
  ConflictError,
  ValidationError,
  buildManualFinding,
  criteriaOfCategories,
  deriveFindings,
  examine,
  jsonPath,
  locateProblems,
  nextCode,
  openedFromExamination,
  overrideClassification,
  systemicCauses,
  words,
  type ClassificationOverride,
  type Finding,
  type ManualFindingInput,
  type RootCause,
  type Severity,
  type SystemicCause,
} from '../../domain/index.js';
import type { RootCauseWithFindings, StoredFinding } from '../../store/findings-repository.js';
import { pageOf, type Page, type Paged, type Trx } from '../../store/values.js';
import type { Actor } from '../platform/actor.js';
import { signatureOf, type FindingsDependencies, type FindingsWork } from './work.js';
import { at } from '../engagements/engagement-scope.js';

/** A finding from the deficiency the engine finds for this control, or one recorded by hand. */
export type NewFinding = { source: 'deficiency'; control: string } | ManualFindingInput;

export interface OverrideInput {
  /** null: the forecast severity stands. */
  severity: Severity | null;
  /** null: the forecast pervasiveness stands. */
  pervasive: boolean | null;
  reason: string;
}

export function createFindingsAuthoring(deps: FindingsDependencies, work: Pick<FindingsWork, 'current' | 'forChange' | 'save'>) {
  const { db, findings, controls, lookup, access, audit, clock } = deps;
  const { current, forChange, save } = work;

  /** The derived finding for the control's deficiency, opened today; refused when the engine finds none. */
  async function fromDeficiency(engagementId: string, controlId: string, trx: Trx): Promise<Finding> {
    const examination = await controls.loadExamination(engagementId, trx);
    if (!examination.controls.some((c) => c.id === controlId)) {
      throw new ValidationError([{ location: at('control'), message: `unknown control ${controlId}` }], 'The finding cannot be created');
    }
    const result = examine(examination);
    const derived = deriveFindings(result, examination).find((f) => f.control === controlId);
    if (!derived) {
      const conclusion = result.controls.find((c) => c.id === controlId)?.conclusion;
      throw new ConflictError(`${controlId} has no deficiency in the current examination (concluded ${words(conclusion ?? 'not_tested')}): record a finding of another source instead`);
    }
    return openedFromExamination(derived, isoDate(clock()));
  }

  async function byHand(engagementId: string, input: ManualFindingInput, trx: Trx): Promise<Finding> {
    const examination = await controls.loadExamination(engagementId, trx);
    const byId = new Map(examination.controls.map((c) => [c.id, c]));
    const taken = (await findings.list(engagementId, {}, trx)).map((f) => f.code);
    const outcome = buildManualFinding(input, taken, {
      control: (id) => byId.get(id),
      inScope: new Set(criteriaOfCategories(examination.engagement.categories).map((c) => c.id)),
      on: isoDate(clock()),
    });
    if (!outcome.ok) {
      throw new ValidationError(locateProblems(outcome.problems, jsonPath), 'The finding cannot be created');
    }
    return outcome.finding;
  }

  /** Writes the classification with its override (or without one) at the caller's version, audited. */
  async function judge(actor: Actor, organizationId: string, engagementId: string, code: string, version: number, override: (before: StoredFinding) => Finding) {
    return db.transaction().execute(async (trx) => {
      const before = await forChange(organizationId, engagementId, code, version, trx);
      const after = override(before);
      return save(trx, actor, organizationId, before, after, 'finding.overridden', {
        forecast: { severity: before.classification.severity, pervasive: before.classification.pervasive },
        override: after.classification.override,
        replaced: before.classification.override,
      }, {});
    });
  }

  return {
    /**
     * Creates a finding: from a control's deficiency in the current examination (the engine's classification,
     * deviations and criteria; code `F-<control>`), or recorded by hand with its own classification (code the next
     * free `F-<n>` unless given). A code already taken is a ConflictError; nothing is written when refused.
     */
    async create(actor: Actor, organizationId: string, engagementId: string, input: NewFinding): Promise<StoredFinding> {
      await access.require(actor, organizationId, 'finding.manage');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const finding = input.source === 'deficiency' ? await fromDeficiency(engagementId, input.control, trx) : await byHand(engagementId, input, trx);
        const created = await findings.create(engagementId, finding, trx);
        await audit.record(trx, actor, { type: 'finding.created', organizationId, subject: `finding:${engagementId}/${created.code}`, after: created });
        return created;
      });
    },

    /**
     * Records the auditor's judgment beside the engine's forecast (which stays as it is): a severity and/or a
     * pervasiveness, with the reason, signed and dated. Refused without a change or a reason.
     */
    async override(actor: Actor, organizationId: string, engagementId: string, code: string, version: number, input: OverrideInput): Promise<StoredFinding> {
      await access.require(actor, organizationId, 'finding.judge');
      const judgment: ClassificationOverride = { ...input, by: signatureOf(actor), on: isoDate(clock()) };
      return judge(actor, organizationId, engagementId, code, version, (before) => {
        const outcome = overrideClassification(before, judgment);
        if (!outcome.ok) throw new ValidationError(outcome.reasons.map((message) => ({ location: at(), message })), 'The override cannot be recorded');
        return outcome.finding;
      });
    },

    /** Withdraws the auditor's override: the engine's forecast stands alone again. */
    async withdrawOverride(actor: Actor, organizationId: string, engagementId: string, code: string, version: number): Promise<StoredFinding> {
      await access.require(actor, organizationId, 'finding.judge');
      return judge(actor, organizationId, engagementId, code, version, (before) => {
        if (before.classification.override === null) throw new ConflictError(`Finding ${code} has no override to withdraw`);
        return { ...before, classification: { ...before.classification, override: null } };
      });
    },

    /** A page of the engagement's root causes in code order, each with the codes of the findings traced to it. */
    /**
     * A root cause written on its own, for findings to be traced to later (the root causes page); the code
     * defaults to the next RC-<n>. A code in use is a ConflictError: rewriting a cause goes through a finding.
     */
    async createRootCause(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      input: Omit<RootCause, 'id'> & { id?: string },
    ): Promise<RootCauseWithFindings> {
      await access.require(actor, organizationId, 'finding.manage');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const id = input.id ?? nextCode('RC', (await findings.listRootCauses(engagementId, trx)).map((c) => c.id));
        if (await findings.findRootCause(engagementId, id, trx)) throw new ConflictError(`Root cause ${id} already exists`);
        const saved = await findings.saveRootCause(engagementId, { id, title: input.title, category: input.category, whys: input.whys }, trx);
        await audit.record(trx, actor, { type: 'root_cause.created', organizationId, subject: `root-cause:${engagementId}/${id}`, after: saved });
        return { ...saved, findings: [] };
      });
    },

    async rootCauses(actor: Actor, organizationId: string, engagementId: string, page: Page): Promise<Paged<RootCauseWithFindings>> {
      await access.require(actor, organizationId, 'finding.read');
      await lookup.engagement(organizationId, engagementId);
      return findings.pageRootCauses(engagementId, page);
    },

    /**
     * A page of the root causes ranked by the findings and criteria they touch (false positives left out); shared
     * ones are systemic. The ranking needs every finding, so it is worked out whole and paged after.
     */
    async systemicCauses(actor: Actor, organizationId: string, engagementId: string, page: Page): Promise<Paged<SystemicCause>> {
      await access.require(actor, organizationId, 'finding.read');
      await lookup.engagement(organizationId, engagementId);
      const [causes, all] = await Promise.all([findings.listRootCauses(engagementId), findings.list(engagementId)]);
      const today = isoDate(clock());
      return pageOf(
        systemicCauses(
          all.map((f) => current(f, today)),
          causes,
        ),
        page,
      );
    },
  };
}
