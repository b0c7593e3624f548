/**
 * A criterion not applicable is a management assertion the auditor accepts (reference: the service auditor
 * evaluates whether the excluded criteria are relevant to the system). Management proposes it with a reason; it
 * is pending, left in scope and in the forecast, until the auditor accepts it (then it joins the engagement's
 * `notApplicable`, what the engine reads and the workspace writes) or rejects it with a reason. Where the
 * organisation has no auditor, an admin decides. A criterion currently not met may be proposed: the forecast then
 * shows both outcomes, as it is and if the proposal were accepted.
 */
import { can, describeGrant, shownRole, type Grant } from '../access/permissions.js';
import type { Engagement, Examination, NotApplicableCriterion } from '../engagement.js';
import type { CriterionStatus, OpinionKind } from '../evaluation/result.js';
import { examine } from '../evaluation/examine.js';
import type { Problem } from '../problems.js';
import { criterionProblems } from './scope.js';

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_DECISIONS = ['accept', 'reject'] as const;
export type ProposalDecision = (typeof PROPOSAL_DECISIONS)[number];

/** A proposal that a criterion does not apply, as management made it and, once decided, as it was decided. */
export interface NotApplicableProposal {
  id: string;
  criterion: string;
  reason: string;
  status: ProposalStatus;
  /** Who proposed it and when, in the audit log's words. */
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** Why it was rejected (required), or a note on its acceptance. */
  decisionNote: string | null;
  version: number;
}

/**
 * How many times a criterion's proposal may be rejected in one engagement before no further one is taken. Every
 * proposal is kept (it is the record of management's assertion and the auditor's answer), so the history is
 * bounded by refusing the next proposal, never by dropping an old one.
 */
export const MAX_REJECTED_PROPOSALS = 3;

/**
 * Problems with proposing `criterion`, at `criterion`: it is the catalogue's and in scope, not already accepted
 * as not applicable, not already pending, and not rejected {@link MAX_REJECTED_PROPOSALS} times already
 * (`rejected`: how many times each criterion was); and the reason, at `reason`, is given.
 */
export function proposalProblems(
  proposal: { criterion: string; reason: string },
  context: { inScope: ReadonlySet<string>; accepted: ReadonlySet<string>; pending: ReadonlySet<string>; rejected: ReadonlyMap<string, number> },
): Problem[] {
  const { criterion } = proposal;
  const problems: Problem[] = criterionProblems([criterion], context.inScope).map((p) => ({ ...p, path: ['criterion'] }));
  if (problems.length === 0 && context.accepted.has(criterion)) {
    problems.push({ path: ['criterion'], message: `criterion "${criterion}" is not applicable already` });
  }
  if (problems.length === 0 && context.pending.has(criterion)) {
    problems.push({ path: ['criterion'], message: `criterion "${criterion}" is proposed already: the proposal awaits the auditor's decision` });
  }
  const rejections = context.rejected.get(criterion) ?? 0;
  if (problems.length === 0 && rejections >= MAX_REJECTED_PROPOSALS) {
    problems.push({
      path: ['criterion'],
      message: `the auditor has rejected ${rejections} proposals that criterion "${criterion}" does not apply in this engagement: no further one is taken (their reasons are in the criterion's proposals); settle it with the auditor`,
    });
  }
  if (proposal.reason.trim() === '') problems.push({ path: ['reason'], message: 'say why the criterion does not apply to the system (the report states it)' });
  return problems;
}

/**
 * Why `grant` may not decide a proposal, or null when it may: the auditor decides; an admin only while the
 * organisation has no auditor (`hasAuditor`), as management cannot accept its own assertion when an auditor is
 * there to judge it.
 */
export function decisionRefusal(grant: Grant, hasAuditor: boolean): string | null {
  if (!can(grant, 'exclusion.decide')) {
    return `A criterion not applicable is management's assertion, which the auditor accepts or rejects: ${describeGrant(grant)} cannot decide it`;
  }
  if (hasAuditor && shownRole(grant) !== 'auditor') {
    return `The organisation has an auditor, who accepts or rejects a criterion not applicable: ${describeGrant(grant)} decides only where there is none`;
  }
  return null;
}

/** Problems with a decision: a rejection says why, at `note`. */
export function decisionProblems(decision: ProposalDecision, note: string | null): Problem[] {
  return decision === 'reject' && (note ?? '').trim() === ''
    ? [{ path: ['note'], message: 'say why the criterion applies after all (management reads it)' }]
    : [];
}

/** The engagement with the accepted proposal's criterion not applicable. */
export function withNotApplicable(engagement: Engagement, accepted: NotApplicableCriterion): Engagement {
  return { ...engagement, notApplicable: [...engagement.notApplicable, accepted] };
}

/** What a pending proposal would change: the criterion's status and the opinion, as they are and if it were accepted. */
export interface ProposalForecast {
  criterion: string;
  /** The criterion's status as the engine concludes today (the proposal counts for nothing yet). */
  status: CriterionStatus;
  opinion: OpinionKind;
  /** The opinion if the proposal were accepted. */
  opinionIfAccepted: OpinionKind;
}

/** The forecast of each pending proposal, from the engine itself: the examination as it is, and with each accepted. */
export function forecastProposals(examination: Examination, pending: readonly Pick<NotApplicableProposal, 'criterion' | 'reason'>[]): ProposalForecast[] {
  if (pending.length === 0) return [];
  const asIs = examine(examination);
  const statuses = new Map(asIs.criteria.map((c) => [c.id, c.status]));
  return pending.map(({ criterion, reason }) => {
    const ifAccepted = examine({ ...examination, engagement: withNotApplicable(examination.engagement, { criterion, reason }) });
    return {
      criterion,
      status: statuses.get(criterion) ?? 'not_applicable',
      opinion: asIs.opinion.overall,
      opinionIfAccepted: ifAccepted.opinion.overall,
    };
  });
}
