/**
 * Evaluation snapshots: the engine's result for an engagement at a moment, kept so that a conclusion can be
 * shown later exactly as it was (and compared over time). Written once, never edited.
 *
 * A snapshot may name the engagement revision it evaluated (at most one snapshot per revision), carry a small
 * summary for lists and charts, and the SHA-256 of its result's JSON (to tell a new result from a repeat).
 */
import type { Selectable } from 'kysely';
import type { EvaluationSnapshotsTable } from './schema.js';
import { defaultDependencies, fromJson, fromJsonOrNull, translateConstraintErrors, selectPage, toJson, toJsonOrNull, toTimestamp, type Executor, type Page, type Paged, type StoreDependencies } from './values.js';

export interface SnapshotSummary<Summary = unknown> {
  id: string;
  engagementId: string;
  takenAt: string;
  /** The overall opinion of the result, kept in its own column for lists and charts. */
  opinion: string;
  /** The engagement revision evaluated, or null. */
  revision: number | null;
  /** Counts for lists and charts, or null when none were stored. */
  summary: Summary | null;
  /** SHA-256 (hex) of the result's JSON, or null when none was stored. */
  resultHash: string | null;
}

export interface Snapshot<Result = unknown, Summary = unknown> extends SnapshotSummary<Summary> {
  result: Result;
}

export interface SnapshotInput<Result = unknown, Summary = unknown> {
  engagementId: string;
  opinion: string;
  result: Result;
  revision?: number | null;
  summary?: Summary | null;
  resultHash?: string | null;
}

const summaryColumns = ['id', 'engagement_id', 'taken_at', 'opinion', 'revision', 'summary', 'result_hash'] as const;
const columns = [...summaryColumns, 'result'] as const;

type SummaryRow = Pick<Selectable<EvaluationSnapshotsTable>, (typeof summaryColumns)[number]>;

function toSummary<Summary>(row: SummaryRow): SnapshotSummary<Summary> {
  return {
    id: row.id,
    engagementId: row.engagement_id,
    takenAt: row.taken_at,
    opinion: row.opinion,
    revision: row.revision === null ? null : Number(row.revision),
    summary: fromJsonOrNull<Summary>(row.summary),
    resultHash: row.result_hash,
  };
}

function toSnapshot<Result, Summary>(row: Selectable<EvaluationSnapshotsTable>): Snapshot<Result, Summary> {
  return { ...toSummary<Summary>(row), result: fromJson<Result>(row.result) };
}

export type SnapshotsRepository = ReturnType<typeof createSnapshotsRepository>;

export function createSnapshotsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  const values = (input: SnapshotInput<unknown, unknown>) => ({
    id: deps.newId(),
    engagement_id: input.engagementId,
    taken_at: toTimestamp(deps.clock()),
    opinion: input.opinion,
    result: toJson(input.result),
    revision: input.revision ?? null,
    summary: toJsonOrNull(input.summary),
    result_hash: input.resultHash ?? null,
  });

  return {
    async create<Result, Summary = unknown>(
      input: SnapshotInput<Result, Summary>,
      trx?: Executor,
    ): Promise<Snapshot<Result, Summary>> {
      const row = await translateConstraintErrors(
        () => (trx ?? db).insertInto('evaluation_snapshots').values(values(input)).returning(columns).executeTakeFirstOrThrow(),
        'The snapshot already exists',
        `Engagement ${input.engagementId}`,
      );
      return toSnapshot<Result, Summary>(row);
    },

    /**
     * Stores the snapshot of `revision` unless one exists already (another process may have evaluated the
     * same revision at the same moment): true when this one was stored.
     */
    async createForRevision<Result, Summary = unknown>(
      input: SnapshotInput<Result, Summary> & { revision: number },
      trx?: Executor,
    ): Promise<boolean> {
      const inserted = await translateConstraintErrors(
        () =>
          (trx ?? db)
            .insertInto('evaluation_snapshots')
            .values(values(input))
            .onConflict((oc) => oc.columns(['engagement_id', 'revision']).doNothing())
            .returning('id')
            .executeTakeFirst(),
        'The snapshot already exists',
        `Engagement ${input.engagementId}`,
      );
      return inserted !== undefined;
    },

    async findById<Result = unknown, Summary = unknown>(id: string, trx?: Executor): Promise<Snapshot<Result, Summary> | null> {
      const row = await (trx ?? db)
        .selectFrom('evaluation_snapshots')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toSnapshot<Result, Summary>(row) : null;
    },

    /** The engagement's most recent snapshot, or null. */
    async latest<Result = unknown, Summary = unknown>(
      engagementId: string,
      trx?: Executor,
    ): Promise<Snapshot<Result, Summary> | null> {
      const row = await (trx ?? db)
        .selectFrom('evaluation_snapshots')
        .select(columns)
        .where('engagement_id', '=', engagementId)
        .orderBy('taken_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toSnapshot<Result, Summary>(row) : null;
    },

    /** The engagement's most recent snapshot without its (large) result, or null. */
    async latestSummary<Summary = unknown>(engagementId: string, trx?: Executor): Promise<SnapshotSummary<Summary> | null> {
      const row = await (trx ?? db)
        .selectFrom('evaluation_snapshots')
        .select(summaryColumns)
        .where('engagement_id', '=', engagementId)
        .orderBy('taken_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toSummary<Summary>(row) : null;
    },

    /** The engagement's snapshots newest first, without their (large) results. */
    async list<Summary = unknown>(engagementId: string, page: Page, trx?: Executor): Promise<Paged<SnapshotSummary<Summary>>> {
      const query = (trx ?? db).selectFrom('evaluation_snapshots').where('engagement_id', '=', engagementId);
      return selectPage(
        query,
        page,
        (q) => q.select(summaryColumns).orderBy('taken_at', 'desc').orderBy('id', 'desc'),
        (row) => toSummary<Summary>(row),
      );
    },
  };
}
