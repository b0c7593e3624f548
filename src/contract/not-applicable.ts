/**
 * Criteria not applicable as management proposes them and the auditor decides: the proposals of an engagement,
 * with what each pending one would change, and the bodies that propose and decide.
 */
import { z } from 'zod';
import { CRITERION_STATUSES, OPINION_KINDS, PROPOSAL_DECISIONS, PROPOSAL_STATUSES } from '../domain/index.js';
import { MAX_CRITERION_ID_LENGTH, MAX_TEXT_LENGTH } from '../domain/limits.js';
import { engagementParams } from './engagements.js';
import { idParam, text, version } from './fields.js';

export const proposalParams = engagementParams.extend({ proposalId: idParam });

export const notApplicableProposalSchema = z
  .object({
    id: z.string(),
    criterion: z.string(),
    reason: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    proposedBy: z.string(),
    proposedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    /** Why it was rejected, or a note on its acceptance. */
    decisionNote: z.string().nullable(),
    /** Send it back to decide (a stale one gets 409). */
    version: z.number().int(),
  })
  .meta({ id: 'NotApplicableProposal' });

export const notApplicableProposalsSchema = z
  .object({
    /** Pending first, then the decided, newest first. */
    proposals: z.array(notApplicableProposalSchema),
    /** For each pending proposal: the criterion's status and the opinion as they are, and the opinion if it were accepted. */
    forecasts: z.array(
      z.object({
        criterion: z.string(),
        status: z.enum(CRITERION_STATUSES),
        opinion: z.enum(OPINION_KINDS),
        opinionIfAccepted: z.enum(OPINION_KINDS),
      }),
    ),
    /** Whether the organisation has an auditor, who then decides (else an admin does). */
    hasAuditor: z.boolean(),
  })
  .meta({ id: 'NotApplicableProposals' });

export const proposeNotApplicableBody = z.strictObject({
  criterion: z.string().min(1).max(MAX_CRITERION_ID_LENGTH),
  /** Why the criterion does not apply to the system; the report states it once accepted. */
  reason: text(MAX_TEXT_LENGTH),
});

export const decideNotApplicableBody = z.strictObject({
  version,
  decision: z.enum(PROPOSAL_DECISIONS),
  /** Why it is rejected (required then), or a note on the acceptance. */
  note: text(MAX_TEXT_LENGTH).nullable().optional(),
});

export type NotApplicableProposalBody = z.infer<typeof notApplicableProposalSchema>;
export type NotApplicableProposalList = z.infer<typeof notApplicableProposalsSchema>;
