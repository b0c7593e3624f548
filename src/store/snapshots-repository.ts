/**
 * Evaluation snapshots: the engine's result for an engagement at a moment, kept so that a conclusion can be
 * shown later exactly as it was (and compared over time). Written once, never edited.
 */
import type { Selectable } from 'kysely';
import type { EvaluationSnapshotsTable } from './schema.js';
import {
  checkPage,
  defaultDependencies,
  fromJson,
  translateConstraintErrors,
  toCount,
  toJson,
  toTimestamp,
  type Executor,
  type Page,
  type Paged,
  type StoreDependencies,
} from './values.js';

export interface SnapshotSummary {
  id: string;
  engagementId: string;
  takenAt: string;
  /** The overall opinion of the result, kept in its own column for lists and charts. */
  opinion: string;
}

export interface Snapshot<Result = unknown> extends SnapshotSummary {
  result: Result;
}

export interface SnapshotInput<Result = unknown> {
  engagementId: string;
  opinion: string;
  result: Result;
}

const summaryColumns = ['id', 'engagement_id', 'taken_at', 'opinion'] as const;
const columns = [...summaryColumns, 'result'] as const;

function toSummary(row: Pick<Selectable<EvaluationSnapshotsTable>, (typeof summaryColumns)[number]>): SnapshotSummary {
  return { id: row.id, engagementId: row.engagement_id, takenAt: row.taken_at, opinion: row.opinion };
}

function toSnapshot<Result>(row: Selectable<EvaluationSnapshotsTable>): Snapshot<Result> {
  return { ...toSummary(row), result: fromJson<Result>(row.result) };
}

export type SnapshotsRepository = ReturnType<typeof createSnapshotsRepository>;

export function createSnapshotsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  return {
    async create<Result>(input: SnapshotInput<Result>, trx?: Executor): Promise<Snapshot<Result>> {
      const row = await translateConstraintErrors(
        () =>
          (trx ?? db)
            .insertInto('evaluation_snapshots')
            .values({
              id: deps.newId(),
              engagement_id: input.engagementId,
              taken_at: toTimestamp(deps.clock()),
              opinion: input.opinion,
              result: toJson(input.result),
            })
            .returning(columns)
            .executeTakeFirstOrThrow(),
        'The snapshot already exists',
        `Engagement ${input.engagementId}`,
      );
      return toSnapshot<Result>(row);
    },

    async findById<Result = unknown>(id: string, trx?: Executor): Promise<Snapshot<Result> | null> {
      const row = await (trx ?? db)
        .selectFrom('evaluation_snapshots')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toSnapshot<Result>(row) : null;
    },

    /** The engagement's most recent snapshot, or null. */
    async latest<Result = unknown>(engagementId: string, trx?: Executor): Promise<Snapshot<Result> | null> {
      const row = await (trx ?? db)
        .selectFrom('evaluation_snapshots')
        .select(columns)
        .where('engagement_id', '=', engagementId)
        .orderBy('taken_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toSnapshot<Result>(row) : null;
    },

    /** The engagement's snapshots newest first, without their (large) results. */
    async list(engagementId: string, page: Page, trx?: Executor): Promise<Paged<SnapshotSummary>> {
      const { limit, offset } = checkPage(page);
      const query = (trx ?? db).selectFrom('evaluation_snapshots').where('engagement_id', '=', engagementId);
      const [rows, count] = await Promise.all([
        query.select(summaryColumns).orderBy('taken_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
        query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toSummary), total: toCount(count.total) };
    },
  };
}
