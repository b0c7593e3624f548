/**
 * An engagement's monitoring checks, the exports attached to their sources, their runs and their schedule
 * (migration 2026120550_checks). Runs and attachments are only ever added: they are evidence.
 */
import type { Selectable } from 'kysely';
import type { ChecksTable } from './checks-schema.js';
import type { CheckRunTrigger, CheckStatus, FailingItem } from '../domain/index.js';
import { defaultDependencies, fromJson, selectPage, toCount, toJson, toTimestamp, type Executor, type Page, type Paged, type StoreDependencies } from './values.js';

export interface CheckFileInput {
  checkId: string;
  title: string;
  fileName: string;
  definition: string;
}

export interface StoredCheck extends CheckFileInput {
  /** The row's id (a check's own id is unique in its engagement only). */
  id: string;
  engagementId: string;
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
  version: number;
}

export interface SourceAttachment {
  sourceName: string;
  evidenceId: string;
  sha256: string;
  fileName: string;
  attachedAt: string;
  attachedBy: string;
}


export interface RunSource {
  source: string;
  evidenceId: string;
  sha256: string;
  fileName: string;
}

export interface CheckRunInput {
  asOf: string;
  trigger: CheckRunTrigger;
  status: CheckStatus;
  population: number;
  failures: number;
  failing: FailingItem[];
  error: string | null;
  sources: RunSource[];
  findingCode: string | null;
}

export interface StoredCheckRun extends CheckRunInput {
  id: string;
  checkId: string;
  ranAt: string;
}

export interface CheckJob {
  checkRowId: string;
  schedule: string;
  nextDueAt: string;
  lastClaimedAt: string | null;
  lastClaimedBy: string | null;
}

export interface DueJob extends CheckJob {
  engagementId: string;
  organizationId: string;
  checkId: string;
}

export interface ImportCounts {
  added: number;
  updated: number;
  retired: number;
}

const checkColumns = [
  'checks.id',
  'checks.engagement_id',
  'checks.check_id',
  'checks.title',
  'checks.file_name',
  'checks.definition',
  'checks.created_at',
  'checks.updated_at',
  'checks.retired_at',
  'checks.version',
] as const;

const runColumns = [
  'check_runs.id',
  'check_runs.as_of',
  'check_runs.ran_at',
  'check_runs.trigger',
  'check_runs.status',
  'check_runs.population',
  'check_runs.failures',
  'check_runs.failing',
  'check_runs.error',
  'check_runs.sources',
  'check_runs.finding_code',
  'checks.check_id',
] as const;

const jobColumns = ['check_jobs.check_row_id', 'check_jobs.schedule', 'check_jobs.next_due_at', 'check_jobs.last_claimed_at', 'check_jobs.last_claimed_by'] as const;

type CheckRow = Selectable<ChecksTable>;

const toCheck = (row: CheckRow): StoredCheck => ({
  id: row.id,
  engagementId: row.engagement_id,
  checkId: row.check_id,
  title: row.title,
  fileName: row.file_name,
  definition: row.definition,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  retiredAt: row.retired_at,
  version: Number(row.version),
});

type RunRow = {
  id: string;
  as_of: string;
  ran_at: string;
  trigger: string;
  status: string;
  population: number | string | bigint;
  failures: number | string | bigint;
  failing: string;
  error: string | null;
  sources: string;
  finding_code: string | null;
  check_id: string;
};

const toRun = (row: RunRow): StoredCheckRun => ({
  id: row.id,
  checkId: row.check_id,
  asOf: row.as_of,
  ranAt: row.ran_at,
  trigger: row.trigger as CheckRunTrigger,
  status: row.status as CheckStatus,
  population: toCount(row.population),
  failures: toCount(row.failures),
  failing: fromJson<FailingItem[]>(row.failing),
  error: row.error,
  sources: fromJson<RunSource[]>(row.sources),
  findingCode: row.finding_code,
});

const toJob = (row: { check_row_id: string; schedule: string; next_due_at: string; last_claimed_at: string | null; last_claimed_by: string | null }): CheckJob => ({
  checkRowId: row.check_row_id,
  schedule: row.schedule,
  nextDueAt: row.next_due_at,
  lastClaimedAt: row.last_claimed_at,
  lastClaimedBy: row.last_claimed_by,
});

export type ChecksRepository = ReturnType<typeof createChecksRepository>;

export function createChecksRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  const now = () => toTimestamp(deps.clock());

  /** The engagement's checks in id order; retired ones only when asked. */
  async function list(engagementId: string, options: { retired?: boolean } = {}, trx?: Executor): Promise<StoredCheck[]> {
    let query = (trx ?? db).selectFrom('checks').select(checkColumns).where('engagement_id', '=', engagementId);
    if (!options.retired) query = query.where('retired_at', 'is', null);
    return (await query.orderBy('check_id').execute()).map(toCheck);
  }

  return {
    /** The engagement's checks in id order; retired ones only when asked. */
    list,

    async find(engagementId: string, checkId: string, trx?: Executor): Promise<StoredCheck | null> {
      const row = await (trx ?? db)
        .selectFrom('checks')
        .select(checkColumns)
        .where('engagement_id', '=', engagementId)
        .where('check_id', '=', checkId)
        .where('retired_at', 'is', null)
        .executeTakeFirst();
      return row ? toCheck(row) : null;
    },

    /**
     * The workspace's checks become the engagement's: new ones added, changed ones rewritten (their runs and
     * attachments kept), and those it no longer has retired, never deleted.
     */
    async replaceAll(engagementId: string, files: readonly CheckFileInput[], trx: Executor): Promise<ImportCounts> {
      const at = now();
      const existing = new Map((await list(engagementId, { retired: true }, trx)).map((c) => [c.checkId, c]));
      const counts: ImportCounts = { added: 0, updated: 0, retired: 0 };
      for (const file of files) {
        const values = { title: file.title, file_name: file.fileName, definition: file.definition, updated_at: at, retired_at: null };
        const before = existing.get(file.checkId);
        existing.delete(file.checkId);
        if (!before) {
          await trx.insertInto('checks').values({ id: deps.newId(), engagement_id: engagementId, check_id: file.checkId, created_at: at, ...values }).execute();
          counts.added += 1;
        } else if (before.definition !== file.definition || before.fileName !== file.fileName || before.retiredAt !== null) {
          await trx.updateTable('checks').set((eb) => ({ ...values, version: eb('version', '+', 1) })).where('id', '=', before.id).execute();
          counts.updated += 1;
        }
      }
      for (const gone of existing.values()) {
        if (gone.retiredAt !== null) continue;
        await trx.updateTable('checks').set((eb) => ({ retired_at: at, version: eb('version', '+', 1) })).where('id', '=', gone.id).execute();
        counts.retired += 1;
      }
      return counts;
    },

    async attachSource(checkRowId: string, attachment: Omit<SourceAttachment, 'attachedAt'>, trx?: Executor): Promise<SourceAttachment> {
      const attachedAt = now();
      const executor = trx ?? db;
      const last = await executor.selectFrom('check_sources').select((eb) => eb.fn.max('seq').as('seq')).where('check_row_id', '=', checkRowId).executeTakeFirst();
      await executor
        .insertInto('check_sources')
        .values({
          id: deps.newId(),
          check_row_id: checkRowId,
          seq: Number(last?.seq ?? 0) + 1,
          source_name: attachment.sourceName,
          evidence_id: attachment.evidenceId,
          sha256: attachment.sha256,
          file_name: attachment.fileName,
          attached_at: attachedAt,
          attached_by: attachment.attachedBy,
        })
        .execute();
      return { ...attachment, attachedAt };
    },

    /** The export each source reads now: the latest attached to it. */
    async currentSources(checkRowId: string, trx?: Executor): Promise<Map<string, SourceAttachment>> {
      const rows = await (trx ?? db)
        .selectFrom('check_sources')
        .select(['source_name', 'evidence_id', 'sha256', 'file_name', 'attached_at', 'attached_by'])
        .where('check_row_id', '=', checkRowId)
        .orderBy('seq')
        .execute();
      const current = new Map<string, SourceAttachment>();
      for (const r of rows) {
        current.set(r.source_name, { sourceName: r.source_name, evidenceId: r.evidence_id, sha256: r.sha256, fileName: r.file_name, attachedAt: r.attached_at, attachedBy: r.attached_by });
      }
      return current;
    },

    newRunId: (): string => deps.newId(),

    async addRun(checkRowId: string, checkId: string, id: string, run: CheckRunInput, trx?: Executor): Promise<StoredCheckRun> {
      const ranAt = now();
      await (trx ?? db)
        .insertInto('check_runs')
        .values({
          id,
          check_row_id: checkRowId,
          as_of: run.asOf,
          ran_at: ranAt,
          trigger: run.trigger,
          status: run.status,
          population: run.population,
          failures: run.failures,
          failing: toJson(run.failing),
          error: run.error,
          sources: toJson(run.sources),
          finding_code: run.findingCode,
        })
        .execute();
      return { ...run, id, checkId, ranAt };
    },

    /** A page of a check's runs, the latest first. */
    async runs(checkRowId: string, page: Page, trx?: Executor): Promise<Paged<StoredCheckRun>> {
      const query = (trx ?? db).selectFrom('check_runs').innerJoin('checks', 'checks.id', 'check_runs.check_row_id').where('check_runs.check_row_id', '=', checkRowId);
      return selectPage(query, page, (q) => q.select(runColumns).orderBy('check_runs.ran_at', 'desc').orderBy('check_runs.id', 'desc'), toRun);
    },

    /** The latest run of each of the engagement's checks that has one. */
    async latestRuns(engagementId: string, trx?: Executor): Promise<Map<string, StoredCheckRun>> {
      const executor = trx ?? db;
      const rows = await executor
        .selectFrom('check_runs')
        .innerJoin('checks', 'checks.id', 'check_runs.check_row_id')
        .select(runColumns)
        .where('checks.engagement_id', '=', engagementId)
        .where('checks.retired_at', 'is', null)
        .where((eb) =>
          eb(
            'check_runs.ran_at',
            '=',
            eb.selectFrom('check_runs as later').select((e) => e.fn.max('later.ran_at').as('ran_at')).whereRef('later.check_row_id', '=', 'check_runs.check_row_id'),
          ),
        )
        .orderBy('check_runs.id')
        .execute();
      return new Map(rows.map((r) => [r.check_id, toRun(r)]));
    },

    async job(checkRowId: string, trx?: Executor): Promise<CheckJob | null> {
      const row = await (trx ?? db).selectFrom('check_jobs').select(jobColumns).where('check_row_id', '=', checkRowId).executeTakeFirst();
      return row ? toJob(row) : null;
    },

    /** Sets (or with null, removes) a check's schedule, its first run due at `nextDueAt`. */
    async setSchedule(checkRowId: string, schedule: { pattern: string; nextDueAt: Date } | null, trx?: Executor): Promise<void> {
      const executor = trx ?? db;
      if (schedule === null) {
        await executor.deleteFrom('check_jobs').where('check_row_id', '=', checkRowId).execute();
        return;
      }
      const values = { schedule: schedule.pattern, next_due_at: toTimestamp(schedule.nextDueAt) };
      await executor
        .insertInto('check_jobs')
        .values({ check_row_id: checkRowId, ...values })
        .onConflict((oc) => oc.column('check_row_id').doUpdateSet((eb) => ({ ...values, version: eb('check_jobs.version', '+', 1) })))
        .execute();
    },

    /** The jobs due at `at` of checks in use (not retired, engagement not archived), the longest overdue first. */
    async dueJobs(at: Date, trx?: Executor): Promise<DueJob[]> {
      const rows = await (trx ?? db)
        .selectFrom('check_jobs')
        .innerJoin('checks', 'checks.id', 'check_jobs.check_row_id')
        .innerJoin('engagements', 'engagements.id', 'checks.engagement_id')
        .select([...jobColumns, 'checks.engagement_id', 'checks.check_id', 'engagements.organization_id'])
        .where('check_jobs.next_due_at', '<=', toTimestamp(at))
        .where('checks.retired_at', 'is', null)
        .where('engagements.archived_at', 'is', null)
        .orderBy('check_jobs.next_due_at')
        .orderBy('check_jobs.check_row_id')
        .execute();
      return rows.map((r) => ({ ...toJob(r), engagementId: r.engagement_id, organizationId: r.organization_id, checkId: r.check_id }));
    },

    /**
     * Claims a due job: moves its next run to `nextDueAt` only if it is still due at the moment the caller read
     * (`job.nextDueAt`). One conditional update, so of several servers exactly one wins; the others get false.
     */
    async claim(job: CheckJob, nextDueAt: Date, by: string, trx?: Executor): Promise<boolean> {
      const result = await (trx ?? db)
        .updateTable('check_jobs')
        .set((eb) => ({ next_due_at: toTimestamp(nextDueAt), last_claimed_at: now(), last_claimed_by: by, version: eb('version', '+', 1) }))
        .where('check_row_id', '=', job.checkRowId)
        .where('next_due_at', '=', job.nextDueAt)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
