/**
 * Proposals that a criterion does not apply (src/domain/criteria/exclusions.ts), by engagement. A proposal is
 * never deleted: once decided it stays, with who decided and why, beside the engagement's accepted exclusions.
 */
import type { Selectable } from 'kysely';
import type { NotApplicableProposal, ProposalStatus } from '../domain/criteria/exclusions.js';
import type { NotApplicableProposalsTable } from './schema.js';
import { defaultDependencies, staleOrMissing, toTimestamp, type Executor, type StoreDependencies } from './values.js';

const columns = [
  'id',
  'criterion',
  'reason',
  'status',
  'proposed_by',
  'proposed_at',
  'decided_by',
  'decided_at',
  'decision_note',
  'version',
] as const;

type Row = Pick<Selectable<NotApplicableProposalsTable>, (typeof columns)[number]>;

function toProposal(row: Row): NotApplicableProposal {
  return {
    id: row.id,
    criterion: row.criterion,
    reason: row.reason,
    status: row.status as ProposalStatus,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    version: Number(row.version),
  };
}

export function createNotApplicableProposalsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  return {
    /** The engagement's proposals, pending first, then the decided, newest first within each. */
    async list(engagementId: string, trx?: Executor): Promise<NotApplicableProposal[]> {
      const rows = await (trx ?? db)
        .selectFrom('not_applicable_proposals')
        .select(columns)
        .where('engagement_id', '=', engagementId)
        .orderBy('proposed_at', 'desc')
        .orderBy('id')
        .execute();
      const proposals = rows.map(toProposal);
      return [...proposals.filter((p) => p.status === 'pending'), ...proposals.filter((p) => p.status !== 'pending')];
    },

    async findById(engagementId: string, id: string, trx?: Executor): Promise<NotApplicableProposal | null> {
      const row = await (trx ?? db)
        .selectFrom('not_applicable_proposals')
        .select(columns)
        .where('engagement_id', '=', engagementId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toProposal(row) : null;
    },

    async create(engagementId: string, proposal: { criterion: string; reason: string; proposedBy: string }, trx?: Executor): Promise<NotApplicableProposal> {
      const row = await (trx ?? db)
        .insertInto('not_applicable_proposals')
        .values({
          id: deps.newId(),
          engagement_id: engagementId,
          criterion: proposal.criterion,
          reason: proposal.reason,
          status: 'pending',
          proposed_by: proposal.proposedBy,
          proposed_at: toTimestamp(deps.clock()),
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toProposal(row);
    },

    /** Records the decision on a pending proposal at `expectedVersion` (stale or decided already: ConflictError). */
    async decide(
      engagementId: string,
      id: string,
      expectedVersion: number,
      decision: { status: Exclude<ProposalStatus, 'pending'>; decidedBy: string; note: string | null },
      trx?: Executor,
    ): Promise<NotApplicableProposal> {
      const executor = trx ?? db;
      const row = await executor
        .updateTable('not_applicable_proposals')
        .set((eb) => ({
          status: decision.status,
          decided_by: decision.decidedBy,
          decided_at: toTimestamp(deps.clock()),
          decision_note: decision.note,
          version: eb('version', '+', 1),
        }))
        .where('engagement_id', '=', engagementId)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .where('status', '=', 'pending')
        .returning(columns)
        .executeTakeFirst();
      if (row) return toProposal(row);
      const current = await this.findById(engagementId, id, trx);
      throw staleOrMissing(`The proposal that ${current?.criterion ?? 'the criterion'} does not apply`, expectedVersion, current?.version);
    },
  };
}

export type NotApplicableProposalsRepository = ReturnType<typeof createNotApplicableProposalsRepository>;
