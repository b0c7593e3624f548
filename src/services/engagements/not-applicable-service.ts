/**
 * Criteria not applicable, as management proposes them and the auditor decides (src/domain/criteria/exclusions.ts).
 * A pending proposal changes nothing the engine reads: the list shows, for each, the criterion's status and the
 * opinion as they are and if it were accepted. Accepting one adds the criterion to the engagement's
 * `notApplicable` (what the examination reads and the workspace writes) in the same transaction as the decision.
 */
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  criteriaOfCategories,
  decisionProblems,
  decisionRefusal,
  forecastProposals,
  jsonPath,
  locateProblems,
  proposalProblems,
  type NotApplicableProposal,
  type ProposalDecision,
  type ProposalForecast,
} from '../../domain/index.js';
import type { ControlsRepository } from '../../store/controls-repository.js';
import type { EngagementsRepository } from '../../store/engagements-repository.js';
import type { MembershipsRepository } from '../../store/memberships-repository.js';
import type { NotApplicableProposalsRepository } from '../../store/not-applicable-proposals-repository.js';
import type { Executor } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import { describeActor, type Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import type { EngagementScope } from './engagement-scope.js';

/** The engagement's proposals (pending first) and, for each pending one, what accepting it would change. */
export interface NotApplicableProposals {
  proposals: NotApplicableProposal[];
  forecasts: ProposalForecast[];
  /** Whether the organisation has an auditor, who then decides (else an admin does). */
  hasAuditor: boolean;
}

export function createNotApplicableService(deps: {
  db: Executor;
  proposals: NotApplicableProposalsRepository;
  engagements: Pick<EngagementsRepository, 'update'>;
  controls: Pick<ControlsRepository, 'loadExamination'>;
  memberships: Pick<MembershipsRepository, 'listMembers'>;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
}) {
  const { db, proposals, engagements, controls, memberships, lookup, access, audit } = deps;

  const hasAuditor = async (organizationId: string, trx?: Executor) =>
    (await memberships.listMembers(organizationId, { limit: 1, offset: 0, role: 'auditor' }, trx)).total > 0;

  return {
    async list(actor: Actor, organizationId: string, engagementId: string): Promise<NotApplicableProposals> {
      await access.require(actor, organizationId, 'engagement.read');
      await lookup.engagement(organizationId, engagementId);
      const all = await proposals.list(engagementId);
      const pending = all.filter((p) => p.status === 'pending');
      const forecasts = pending.length === 0 ? [] : forecastProposals(await controls.loadExamination(engagementId), pending);
      return { proposals: all, forecasts, hasAuditor: await hasAuditor(organizationId) };
    },

    /** Proposes that `criterion` does not apply, with the reason; it stays in scope until it is accepted. */
    async propose(actor: Actor, organizationId: string, engagementId: string, input: { criterion: string; reason: string }): Promise<NotApplicableProposal> {
      await access.require(actor, organizationId, 'exclusion.propose');
      const reason = input.reason.trim();
      return db.transaction().execute(async (trx) => {
        const engagement = await lookup.engagementForChange(organizationId, engagementId, trx);
        const all = await proposals.list(engagementId, trx);
        const rejected = new Map<string, number>();
        for (const p of all) if (p.status === 'rejected') rejected.set(p.criterion, (rejected.get(p.criterion) ?? 0) + 1);
        const problems = proposalProblems(
          { criterion: input.criterion, reason },
          {
            inScope: new Set(criteriaOfCategories(engagement.categories).map((c) => c.id)),
            accepted: new Set(engagement.notApplicable.map((n) => n.criterion)),
            pending: new Set(all.filter((p) => p.status === 'pending').map((p) => p.criterion)),
            rejected,
          },
        );
        const issues = locateProblems(problems, jsonPath);
        if (issues.length > 0) throw new ValidationError(issues, `${input.criterion} cannot be proposed not applicable`);
        const proposal = await proposals.create(engagementId, { criterion: input.criterion, reason, proposedBy: describeActor(actor) }, trx);
        await audit.record(trx, actor, { type: 'criterion.exclusion_proposed', organizationId, subject: `engagement:${engagementId}`, after: proposal });
        return proposal;
      });
    },

    /**
     * Accepts or rejects a pending proposal at `expectedVersion`: the auditor's decision, or an admin's where the
     * organisation has no auditor. A rejection says why. An accepted criterion becomes not applicable.
     */
    async decide(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      proposalId: string,
      expectedVersion: number,
      input: { decision: ProposalDecision; note?: string | null },
    ): Promise<NotApplicableProposal> {
      await access.require(actor, organizationId, 'exclusion.decide');
      const note = input.note?.trim() || null;
      const issues = locateProblems(decisionProblems(input.decision, note), jsonPath);
      if (issues.length > 0) throw new ValidationError(issues, 'The proposal cannot be rejected');
      return db.transaction().execute(async (trx) => {
        const grant = await access.require(actor, organizationId, 'exclusion.decide', false, trx);
        const refusal = decisionRefusal(grant, await hasAuditor(organizationId, trx));
        if (refusal) throw new ForbiddenError(refusal);
        const engagement = await lookup.engagementForChange(organizationId, engagementId, trx);
        const before = await proposals.findById(engagementId, proposalId, trx);
        if (!before) throw new NotFoundError(`Proposal ${proposalId}`);
        if (before.status !== 'pending') throw new ConflictError(`The proposal that ${before.criterion} does not apply was ${before.status} already`);
        const status = input.decision === 'accept' ? 'accepted' : 'rejected';
        const after = await proposals.decide(engagementId, proposalId, expectedVersion, { status, decidedBy: describeActor(actor), note }, trx);
        if (status === 'accepted') {
          const notApplicable = [...engagement.notApplicable, { criterion: before.criterion, reason: before.reason }];
          await engagements.update(engagementId, engagement.version, { notApplicable }, trx);
        }
        await audit.record(trx, actor, {
          type: status === 'accepted' ? 'criterion.exclusion_accepted' : 'criterion.exclusion_rejected',
          organizationId,
          subject: `engagement:${engagementId}`,
          before,
          after,
        });
        return after;
      });
    },
  };
}

export type NotApplicableService = ReturnType<typeof createNotApplicableService>;
