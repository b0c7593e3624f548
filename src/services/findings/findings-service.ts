/**
 * Findings of an engagement: derived from its examination, worked through the lifecycle, traced to a root cause,
 * fixed through corrective actions and proven fixed by a retest, by the domain's rules (src/domain/findings). A
 * refused step is a ConflictError carrying the domain's reasons. Creating findings by hand or from a deficiency,
 * the auditor's override and the root-cause views are in authoring.ts, spread in here.
 */
import {
  isoDate,
  ConflictError,
  NotFoundError,
  ValidationError,
  correctiveActionProblems,
  writtenActionsProblems,
  deriveFindings,
  examineCovered,
  jsonPath,
  locateProblems,
  mergeDerivedFindings,
  nextCode,
  periodProblems,
  reopenOnRegression,
  sampleProblems,
  transition,
  withConclusion,
  withCoverage,
  within,
  type CorrectiveAction,
  type FindingStatus,
  type Issue,
  type Retest,
  sameRootCause,
  type RootCause,
} from '../../domain/index.js';
import type { FindingFilter, StoredFinding, StoredRootCause } from '../../store/findings-repository.js';
import { normalizeEmail } from '../../store/users-repository.js';
import { staleOrMissing, type Page, type Paged, type Trx } from '../../store/values.js';
import type { Actor } from '../platform/actor.js';
import { createFindingsAuthoring } from './authoring.js';
import { createFindingSteps } from './steps.js';
import { findingsWork, ownsFinding, saveReopened, type FindingsDependencies } from './work.js';
import { at } from '../engagements/engagement-scope.js';

export interface TransitionDetails {
  reason?: string | null;
  /** Required to accept a risk: who approved it, why, and until when (ISO date). */
  riskAcceptance?: { approver: string; reason: string; expires: string };
  /** Required to mark a false positive. */
  falsePositiveReason?: string;
}

/** A retest as recorded: the engine concludes on it; the id defaults to the next `RT-<n>` (nextCode), the control to the finding's. */
export type RetestInput = Omit<Retest, 'id' | 'control' | 'conclusion' | 'reasons'> & { id?: string; control?: string };

export interface CorrectiveActionsOptions {
  /**
   * Why a due date earlier than the finding's identification is right (e.g. the fix was already under way): the
   * person's confirmation, kept in the audit event. Without it such a date is refused.
   */
  dueBeforeIdentifiedReason?: string;
}

export interface SyncOutcome {
  /** Codes of the findings created from new deficiencies. */
  created: string[];
  /** Codes of the closed findings opened again because their deficiency returned. */
  reopened: string[];
  findings: StoredFinding[];
}

export function createFindingsService(deps: FindingsDependencies) {
  const { db, findings, controls, memberships, lookup, access, audit, clock } = deps;
  const { current, retestContext, forChange, save } = findingsWork(deps);

  /**
   * The root cause under its code: created when the code is new, left as it is when the text is the same (tracing
   * one more finding to it), else rewritten at the version the caller read.
   */
  async function writeRootCause(
    engagementId: string,
    stored: StoredRootCause | null,
    rootCause: RootCause,
    expectedVersion: number | undefined,
    trx: Trx,
  ): Promise<StoredRootCause> {
    if (stored === null) {
      if (expectedVersion !== undefined) throw staleOrMissing(`Root cause ${rootCause.id}`, expectedVersion, undefined);
      return findings.saveRootCause(engagementId, rootCause, trx);
    }
    if (sameRootCause(stored, rootCause)) return stored;
    if (expectedVersion === undefined) {
      throw new ConflictError(
        `Root cause ${rootCause.id} exists (version ${stored.version}) with other text, shared by the findings traced to it: send rootCauseVersion to rewrite it`,
      );
    }
    return findings.rewriteRootCause(engagementId, rootCause, expectedVersion, trx);
  }

  return {
    ...createFindingsAuthoring(deps, { current, forChange, save }),
    ...createFindingSteps(deps, { current }),

    /** A page of the findings in code order; the status filter applies after expiry, so an expired acceptance is listed among the open. */
    async list(actor: Actor, organizationId: string, engagementId: string, query: FindingFilter & Page): Promise<Paged<StoredFinding>> {
      await access.require(actor, organizationId, 'finding.read');
      await lookup.engagement(organizationId, engagementId);
      const today = isoDate(clock());
      const { limit, offset, ...filter } = query;
      const { items, total } = await findings.page(engagementId, { ...filter, today }, { limit, offset });
      return { items: items.map((f) => current(f, today)), total };
    },

    async get(actor: Actor, organizationId: string, engagementId: string, code: string): Promise<StoredFinding> {
      await access.require(actor, organizationId, 'finding.read');
      await lookup.engagement(organizationId, engagementId);
      const found = await findings.findByCode(engagementId, code);
      if (!found) throw new NotFoundError(`Finding ${code}`);
      return current(found, isoDate(clock()));
    },

    /**
     * One finding per deficiency of the engagement's current examination, with stable codes: running it again
     * adds nothing twice. A closed finding whose deficiency is back in an examination ending after its closure
     * is opened again (`reopenOnRegression`); the engine's forecast on existing findings is brought up to date,
     * an auditor's override kept beside it.
     */
    async syncFromExamination(actor: Actor, organizationId: string, engagementId: string): Promise<SyncOutcome> {
      await access.require(actor, organizationId, 'finding.manage');
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        // As the examination service examines it: a tracked control's missing occurrences are deviations.
        const loaded = await controls.loadKeyedExamination(engagementId, trx);
        const covered = withCoverage(loaded.examination, loaded.evidence);
        const result = examineCovered(covered);
        const existing = await findings.list(engagementId, {}, trx);
        const merged = mergeDerivedFindings(existing, deriveFindings(result, covered.examination));
        const byCode = new Map(existing.map((f) => [f.code, f]));
        const outcome: SyncOutcome = { created: [], reopened: [], findings: [] };
        for (const finding of merged) {
          const before = byCode.get(finding.code);
          const subject = `finding:${engagementId}/${finding.code}`;
          if (!before) {
            const created = await findings.create(engagementId, finding, trx);
            await audit.record(trx, actor, { type: 'finding.created', organizationId, subject, after: created });
            outcome.created.push(finding.code);
            outcome.findings.push(created);
            continue;
          }
          const after = reopenOnRegression(finding, result);
          if (after.status !== before.status) {
            const saved = await saveReopened(deps, trx, actor, organizationId, before, after);
            outcome.reopened.push(finding.code);
            outcome.findings.push(saved);
          } else if (JSON.stringify(after.classification) !== JSON.stringify(before.classification)) {
            const saved = await findings.update(engagementId, before.version, after, trx);
            await audit.record(trx, actor, {
              type: 'finding.forecast_updated',
              organizationId,
              subject,
              before: { classification: before.classification },
              after: { classification: saved.classification },
            });
            outcome.findings.push(saved);
          } else {
            outcome.findings.push(before);
          }
        }
        return outcome;
      });
    },

    /**
     * One step of the lifecycle at `version`, by the domain's table and requirements (closing only through
     * `canClose`: a passing retest after the fix). A refused step changes nothing: ConflictError with reasons.
     */
    async transition(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      code: string,
      version: number,
      to: FindingStatus,
      details: TransitionDetails = {},
    ): Promise<StoredFinding> {
      await access.require(actor, organizationId, to === 'risk_accepted' ? 'risk.accept' : 'finding.manage');
      return db.transaction().execute(async (trx) => {
        const before = await forChange(organizationId, engagementId, code, version, trx);
        const on = isoDate(clock());
        const outcome = transition(
          before,
          to,
          {
            on,
            reason: details.reason ?? null,
            ...(details.riskAcceptance && { riskAcceptance: { ...details.riskAcceptance, acceptedOn: on } }),
            ...(details.falsePositiveReason !== undefined && { falsePositiveReason: details.falsePositiveReason }),
          },
          await retestContext(engagementId, trx),
        );
        if (!outcome.ok) throw new ConflictError(`Finding ${code} cannot go from ${before.status} to ${to}: ${outcome.reasons.join(' ')}`);
        return save(trx, actor, organizationId, before, outcome.finding, 'finding.transitioned', {
          reason: outcome.finding.history.at(-1)?.reason ?? null,
          reasons: outcome.reasons,
        }, {});
      });
    },

    /**
     * Replaces the finding's corrective actions. An owner may do so only for findings on the controls it owns.
     * An action is done exactly when it has its completion date; ids are unique. What the change writes is
     * judged as a person's word (`writtenActionsProblems`): owners who are members, no completion in the future,
     * evidence for done, and a due date before the finding only with a reason.
     */
    async updateCorrectiveActions(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      code: string,
      version: number,
      actions: CorrectiveAction[],
      options: CorrectiveActionsOptions = {},
    ): Promise<StoredFinding> {
      await access.require(actor, organizationId, 'finding.read');
      const reason = options.dueBeforeIdentifiedReason?.trim() || undefined;
      return db.transaction().execute(async (trx) => {
        const before = await forChange(organizationId, engagementId, code, version, trx);
        await access.require(actor, organizationId, 'finding.remediate', await ownsFinding(lookup, actor, organizationId, engagementId, before, trx), trx);
        const owners = await memberships.memberEmails(organizationId, actions.flatMap((a) => (a.owner === null ? [] : [a.owner])), trx);
        const problems = [
          ...correctiveActionProblems(actions),
          ...writtenActionsProblems(actions, before.correctiveActions, {
            today: isoDate(clock()),
            identifiedOn: before.identifiedOn,
            isMember: (owner) => owners.has(normalizeEmail(owner)),
            dueBeforeIdentifiedConfirmed: reason !== undefined,
          }),
        ];
        if (problems.length > 0) throw new ValidationError(locateProblems(within(['actions'], problems), jsonPath), 'The corrective actions cannot be saved');
        return save(trx, actor, organizationId, before, { ...before, correctiveActions: actions }, 'finding.actions_updated', {
          correctiveActions: actions,
          ...(reason !== undefined && { dueBeforeIdentifiedReason: reason }),
        }, {});
      });
    },

    /** Records a retest of the control after the fix, with the engine's conclusion on its samples. */
    async recordRetest(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      code: string,
      version: number,
      input: RetestInput,
    ): Promise<StoredFinding> {
      await access.require(actor, organizationId, 'finding.manage');
      return db.transaction().execute(async (trx) => {
        const before = await forChange(organizationId, engagementId, code, version, trx);
        const issues: Issue[] = [];
        const control = input.control ?? before.control;
        if (control === null) issues.push({ location: at('control'), message: 'the finding has no control: name the control retested' });
        const id = input.id ?? nextCode('RT', before.retests.map((r) => r.id));
        if (before.retests.some((r) => r.id === id)) issues.push({ location: at('id'), message: `retest ${id} is already recorded` });
        issues.push(...locateProblems([...periodProblems(input), ...sampleProblems(input)], jsonPath));
        if (issues.length > 0 || control === null) throw new ValidationError(issues, 'The retest cannot be recorded');
        const context = await retestContext(engagementId, trx);
        if (!context.control(control)) throw new ValidationError([{ location: at('control'), message: `unknown control ${control}` }], 'The retest cannot be recorded');
        const retest: Retest = withConclusion(
          {
            id,
            control,
            date: input.date,
            periodStart: input.periodStart,
            periodEnd: input.periodEnd,
            method: input.method,
            populationSize: input.populationSize,
            samples: input.samples,
            conclusion: null,
            reasons: [],
          },
          context,
        );
        return save(trx, actor, organizationId, before, { ...before, retests: [...before.retests, retest] }, 'finding.retested', {
          retest: { id, control, periodStart: retest.periodStart, periodEnd: retest.periodEnd, conclusion: retest.conclusion },
        }, {});
      });
    },

    /**
     * Traces the finding to a root cause of the engagement, written under its code: findings that share a code
     * share the cause, one systemic issue. A code that exists with other text is rewritten for all of them, so
     * only at `rootCauseVersion`, the version the caller read (missing or stale: ConflictError, nothing changed).
     * The audit event keeps the cause as it was and as it is.
     */
    async setRootCause(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      code: string,
      version: number,
      rootCause: RootCause,
      rootCauseVersion?: number,
    ): Promise<StoredFinding> {
      await access.require(actor, organizationId, 'finding.manage');
      return db.transaction().execute(async (trx) => {
        const before = await forChange(organizationId, engagementId, code, version, trx);
        const stored = await findings.findRootCause(engagementId, rootCause.id, trx);
        const saved = await writeRootCause(engagementId, stored, rootCause, rootCauseVersion, trx);
        return save(
          trx,
          actor,
          organizationId,
          before,
          { ...before, rootCause: rootCause.id },
          'finding.root_cause_set',
          { tracedTo: rootCause.id, rootCause: saved },
          { tracedTo: before.rootCause, rootCause: stored },
        );
      });
    },
  };
}

export type FindingsService = ReturnType<typeof createFindingsService>;
