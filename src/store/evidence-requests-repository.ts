/**
 * Evidence requests (src/domain/evidence/requests.ts) by engagement, each with the evidence its answer gives.
 * Every change is at the request's version (a stale one is a ConflictError, nothing written).
 */
import type { Selectable } from 'kysely';
import type { EvidenceRequest, RequestStatus } from '../domain/evidence/index.js';
import type { EvidenceRequestsTable } from './schema.js';
import { defaultDependencies, staleOrMissing, toTimestamp, translateConstraintErrors, type Executor, type StoreDependencies } from './values.js';

const columns = [
  'evidence_requests.id',
  'evidence_requests.code',
  'evidence_requests.item',
  'controls.code as control',
  'evidence_requests.due_on',
  'evidence_requests.owner',
  'evidence_requests.status',
  'evidence_requests.comment',
  'evidence_requests.return_reason',
  'evidence_requests.requested_by',
  'evidence_requests.requested_at',
  'evidence_requests.answered_by',
  'evidence_requests.answered_at',
  'evidence_requests.decided_by',
  'evidence_requests.decided_at',
  'evidence_requests.version',
] as const;

type Row = Omit<Selectable<EvidenceRequestsTable>, 'engagement_id' | 'control_id'> & { control: string | null };

function toRequest(row: Row, evidence: string[]): EvidenceRequest {
  return {
    id: row.id,
    code: row.code,
    item: row.item,
    control: row.control,
    dueOn: row.due_on,
    owner: row.owner,
    status: row.status as RequestStatus,
    comment: row.comment,
    returnReason: row.return_reason,
    evidence,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    version: Number(row.version),
  };
}

/** A request as asked: its control by row id (found in the engagement by the caller). */
export interface NewRequest {
  code: string;
  item: string;
  controlRowId: string | null;
  dueOn: string;
  owner: string | null;
  requestedBy: string;
}

/** What a step changes: the request's fields as they become, and for an answer the evidence it gives. */
export type RequestChange = Partial<Pick<EvidenceRequestsTable, 'item' | 'control_id' | 'due_on' | 'owner' | 'status' | 'comment' | 'return_reason' | 'answered_by' | 'decided_by'>> & {
  evidence?: readonly string[];
  stamp?: 'answered_at' | 'decided_at';
};

export function createEvidenceRequestsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  const base = (executor: Executor) => executor.selectFrom('evidence_requests').leftJoin('controls', 'controls.id', 'evidence_requests.control_id').select(columns);

  async function withEvidence(executor: Executor, rows: readonly Row[]): Promise<EvidenceRequest[]> {
    const answers =
      rows.length === 0
        ? []
        : await executor.selectFrom('evidence_request_answers').select(['request_id', 'evidence_id']).where('request_id', 'in', rows.map((r) => r.id)).orderBy('evidence_id').execute();
    return rows.map((row) => toRequest(row, answers.filter((a) => a.request_id === row.id).map((a) => a.evidence_id)));
  }

  async function findById(engagementId: string, id: string, trx?: Executor): Promise<EvidenceRequest | null> {
    const executor = trx ?? db;
    const row = await base(executor).where('evidence_requests.engagement_id', '=', engagementId).where('evidence_requests.id', '=', id).executeTakeFirst();
    return row ? ((await withEvidence(executor, [row]))[0] ?? null) : null;
  }

  return {
    findById,

    /** Every request of the engagement, by id (the board orders them). */
    async list(engagementId: string, trx?: Executor): Promise<EvidenceRequest[]> {
      const executor = trx ?? db;
      return withEvidence(executor, await base(executor).where('evidence_requests.engagement_id', '=', engagementId).orderBy('evidence_requests.code').execute());
    },

    async create(engagementId: string, request: NewRequest, trx?: Executor): Promise<EvidenceRequest> {
      const executor = trx ?? db;
      const id = deps.newId();
      await translateConstraintErrors(
        () =>
          executor
            .insertInto('evidence_requests')
            .values({
              id,
              engagement_id: engagementId,
              code: request.code,
              item: request.item,
              control_id: request.controlRowId,
              due_on: request.dueOn,
              owner: request.owner,
              status: 'open',
              requested_by: request.requestedBy,
              requested_at: toTimestamp(deps.clock()),
            })
            .execute(),
        `The engagement has a request ${request.code} already`,
        'The engagement',
      );
      return (await findById(engagementId, id, executor)) as EvidenceRequest;
    },

    /** Applies a step at `expectedVersion`; an answer's evidence replaces the one before. */
    async change(engagementId: string, id: string, expectedVersion: number, change: RequestChange, trx?: Executor): Promise<EvidenceRequest> {
      const executor = trx ?? db;
      const { evidence, stamp, ...fields } = change;
      const updated = await executor
        .updateTable('evidence_requests')
        .set((eb) => ({ ...fields, ...(stamp && { [stamp]: toTimestamp(deps.clock()) }), version: eb('version', '+', 1) }))
        .where('engagement_id', '=', engagementId)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        const current = await findById(engagementId, id, executor);
        throw staleOrMissing(`Request ${current?.code ?? id}`, expectedVersion, current?.version);
      }
      if (evidence !== undefined) {
        await executor.deleteFrom('evidence_request_answers').where('request_id', '=', id).execute();
        if (evidence.length > 0) await executor.insertInto('evidence_request_answers').values(evidence.map((evidenceId) => ({ request_id: id, evidence_id: evidenceId }))).execute();
      }
      return (await findById(engagementId, id, executor)) as EvidenceRequest;
    },
  };
}

export type EvidenceRequestsRepository = ReturnType<typeof createEvidenceRequestsRepository>;
