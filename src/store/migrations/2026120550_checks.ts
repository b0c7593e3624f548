/**
 * Monitoring in the server (docs/monitoring-server.md):
 * - `checks`: an engagement's checks, each kept as the check file's text (DESIGN §8) so an export writes back
 *   what was imported; a check the workspace no longer has is retired, never deleted (its runs are evidence).
 * - `check_sources`: the evidence export attached to each of a check's sources; a new attachment is a new row
 *   (`seq` counts them per check), the latest one per source is what the check reads, the earlier ones stay.
 * - `check_runs`: every run with its counts and failing items, and the finding it opened or updated.
 * - `check_jobs`: the durable schedule: one row per scheduled check with the moment its next run is due. A
 *   server claims a due row by moving `next_due_at` forward in one conditional update, so a run missed while
 *   every server was down runs once, and two servers never both run it.
 */
import { sql, type Kysely } from 'kysely';

const RUN_STATUSES = ['pass', 'fail', 'empty', 'error'] as const;
const RUN_TRIGGERS = ['on_demand', 'schedule'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('checks_engagement_check_unique', ['engagement_id', 'check_id'])
    .execute();
  await db.schema
    .createTable('check_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('check_row_id', 'text', (c) => c.notNull().references('checks.id').onDelete('cascade'))
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('evidence_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'text', (c) => c.notNull())
    .addColumn('attached_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('check_sources_check_idx').on('check_sources').columns(['check_row_id', 'seq']).execute();
  await db.schema
    .createTable('check_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('check_row_id', 'text', (c) => c.notNull().references('checks.id').onDelete('cascade'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('ran_at', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('failing', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('finding_code', 'text')
    .addCheckConstraint('check_runs_status_check', sql`${sql.ref('status')} in (${sql.join(RUN_STATUSES.map((s) => sql.lit(s)))})`)
    .addCheckConstraint('check_runs_trigger_check', sql`${sql.ref('trigger')} in (${sql.join(RUN_TRIGGERS.map((s) => sql.lit(s)))})`)
    .execute();
  await db.schema.createIndex('check_runs_check_idx').on('check_runs').columns(['check_row_id', 'ran_at']).execute();
  await db.schema
    .createTable('check_jobs')
    .addColumn('check_row_id', 'text', (c) => c.primaryKey().references('checks.id').onDelete('cascade'))
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('next_due_at', 'text', (c) => c.notNull())
    .addColumn('last_claimed_at', 'text')
    .addColumn('last_claimed_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('check_jobs_due_idx').on('check_jobs').columns(['next_due_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('check_jobs').execute();
  await db.schema.dropTable('check_runs').execute();
  await db.schema.dropTable('check_sources').execute();
  await db.schema.dropTable('checks').execute();
}
