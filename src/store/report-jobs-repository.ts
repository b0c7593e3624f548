/** Report jobs: a document asked for, its progress while the serving process renders it, then its bytes or why it failed. */
import type { Selectable } from 'kysely';
import type { DocumentFormat, DocumentType, ReportJobStatus } from '../domain/reports/documents.js';
import type { ReportJobsTable } from './report-jobs-schema.js';
import { defaultDependencies, toCount, toTimestamp, type Executor, type StoreDependencies } from './values.js';

export interface ReportJobInput {
  organizationId: string;
  engagementId: string;
  type: DocumentType;
  format: DocumentFormat;
  bridgeTo: string | null;
  requestedBy: string;
}

export interface StoredReportJob extends ReportJobInput {
  id: string;
  status: ReportJobStatus;
  /** Share done, 0 to 1. */
  progress: number;
  error: string | null;
  fileName: string | null;
  size: number | null;
  requestedAt: string;
  touchedAt: string;
  finishedAt: string | null;
}

/** Progress is kept in thousandths: exact on both engines. */
const PROGRESS_SCALE = 1000;

// Every column but the bytes, which only a download reads.
const columns = [
  'id',
  'organization_id',
  'engagement_id',
  'type',
  'format',
  'bridge_to',
  'status',
  'progress',
  'error',
  'file_name',
  'size',
  'requested_by',
  'requested_at',
  'touched_at',
  'finished_at',
] as const;

type Row = Pick<Selectable<ReportJobsTable>, (typeof columns)[number]>;

function toJob(row: Row): StoredReportJob {
  return {
    id: row.id,
    organizationId: row.organization_id,
    engagementId: row.engagement_id,
    // Written only from the enumerations, and held to them by the service's request schema.
    type: row.type as DocumentType,
    format: row.format as DocumentFormat,
    bridgeTo: row.bridge_to,
    status: row.status as ReportJobStatus,
    progress: row.progress / PROGRESS_SCALE,
    error: row.error,
    fileName: row.file_name,
    size: row.size === null ? null : toCount(row.size),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    touchedAt: row.touched_at,
    finishedAt: row.finished_at,
  };
}

export function createReportJobsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  const now = () => toTimestamp(deps.clock());
  /** Changes a job only while it runs: a job reported failed (its process gone) is never brought back. */
  const whileRunning = (id: string, trx?: Executor) => (trx ?? db).updateTable('report_jobs').where('id', '=', id).where('status', '=', 'running');

  return {
    async create(id: string, input: ReportJobInput, trx?: Executor): Promise<StoredReportJob> {
      const at = now();
      const row = await (trx ?? db)
        .insertInto('report_jobs')
        .values({
          id,
          organization_id: input.organizationId,
          engagement_id: input.engagementId,
          type: input.type,
          format: input.format,
          bridge_to: input.bridgeTo,
          status: 'running',
          progress: 0,
          requested_by: input.requestedBy,
          requested_at: at,
          touched_at: at,
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toJob(row);
    },

    /** A job of the organisation's engagement, or null: another tenant's id finds nothing. */
    async find(organizationId: string, engagementId: string, id: string, trx?: Executor): Promise<StoredReportJob | null> {
      const row = await (trx ?? db)
        .selectFrom('report_jobs')
        .select(columns)
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .where('engagement_id', '=', engagementId)
        .executeTakeFirst();
      return row ? toJob(row) : null;
    },

    /** The engagement's latest jobs, newest first. */
    async recent(engagementId: string, limit: number, trx?: Executor): Promise<StoredReportJob[]> {
      const rows = await (trx ?? db)
        .selectFrom('report_jobs')
        .select(columns)
        .where('engagement_id', '=', engagementId)
        .orderBy('requested_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toJob);
    },

    /** How many of the organisation's jobs are running and were touched since `since` (older ones were left by a dead process). */
    async countRunning(organizationId: string, since: string, trx?: Executor): Promise<number> {
      const row = await (trx ?? db)
        .selectFrom('report_jobs')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('organization_id', '=', organizationId)
        .where('status', '=', 'running')
        .where('touched_at', '>=', since)
        .executeTakeFirstOrThrow();
      return toCount(row.count);
    },

    async progress(id: string, done: number, trx?: Executor): Promise<void> {
      await whileRunning(id, trx).set({ progress: Math.round(done * PROGRESS_SCALE), touched_at: now() }).execute();
    },

    async finish(id: string, document: { fileName: string; content: Uint8Array }, trx?: Executor): Promise<void> {
      const at = now();
      await whileRunning(id, trx)
        .set({ status: 'done', progress: PROGRESS_SCALE, file_name: document.fileName, content: document.content, size: document.content.byteLength, touched_at: at, finished_at: at })
        .execute();
    },

    async fail(id: string, error: string, trx?: Executor): Promise<void> {
      const at = now();
      await whileRunning(id, trx).set({ status: 'failed', error, touched_at: at, finished_at: at }).execute();
    },

    /**
     * Drops the documents of the engagement's finished jobs beyond its `keep` latest: a document is rendered again on
     * request, not evidence (`report.generated` stays in the audit log), and need not be kept forever.
     */
    async dropOlderContent(engagementId: string, keep: number, trx?: Executor): Promise<void> {
      const executor = trx ?? db;
      const kept = executor.selectFrom('report_jobs').select('id').where('engagement_id', '=', engagementId).orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(keep);
      await executor
        .updateTable('report_jobs')
        .set({ content: null })
        .where('engagement_id', '=', engagementId)
        .where('status', '!=', 'running')
        .where('content', 'is not', null)
        .where('id', 'not in', kept)
        .execute();
    },

    /** A done job's bytes, or null when there are none (not done, or not the organisation's). */
    async content(organizationId: string, engagementId: string, id: string, trx?: Executor): Promise<Uint8Array | null> {
      const row = await (trx ?? db)
        .selectFrom('report_jobs')
        .select('content')
        .where('id', '=', id)
        .where('organization_id', '=', organizationId)
        .where('engagement_id', '=', engagementId)
        .where('status', '=', 'done')
        .executeTakeFirst();
      return row?.content ?? null;
    },
  };
}

export type ReportJobsRepository = ReturnType<typeof createReportJobsRepository>;
