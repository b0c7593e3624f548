/**
 * `report_jobs`: each document asked for through the API (docs/report-delivery.md), rendered by the serving process
 * after the request is answered. The row carries the job's progress and, once done, the document's bytes; the
 * process running it touches `touched_at` as it goes, so a job whose process died is seen as failed.
 */
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine.js';

const STATUSES = ['running', 'done', 'failed'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('bridge_to', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('file_name', 'text')
    // Dialect branch: bytes are `blob` in SQLite and `bytea` in PostgreSQL.
    .addColumn('content', engineOf(db) === 'postgres' ? 'bytea' : 'blob')
    .addColumn('size', 'bigint')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('touched_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addCheckConstraint('report_jobs_status_check', sql`${sql.ref('status')} in (${sql.join(STATUSES.map((s) => sql.lit(s)))})`)
    .execute();
  await db.schema.createIndex('report_jobs_engagement_idx').on('report_jobs').columns(['engagement_id', 'requested_at']).execute();
  await db.schema.createIndex('report_jobs_running_idx').on('report_jobs').columns(['organization_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_jobs').execute();
}
