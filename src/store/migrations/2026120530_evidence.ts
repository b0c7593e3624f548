/**
 * The evidence store and the auditor's evidence requests (docs/evidence.md):
 * - `evidence_blobs`: file contents addressed by their SHA-256, identical bytes stored once (the database blob
 *   store; a folder holds them instead when `ASSAY_BLOB_DIR` is set, and this table stays empty).
 * - `evidence`: one record per file provided for an engagement: its hash, name, media type, size, the period it
 *   covers, when and by whom it was collected, where it came from. A record is never edited: a new record
 *   supersedes it (`superseded_by`), and a deletion is a marker (`deleted_at`, by whom, why) on a row that keeps
 *   its hash, so the audit log and the list can still say what was there.
 * - `evidence_controls`: which controls a record is evidence for.
 * - `evidence_requests` and `evidence_request_answers`: the auditor's "provided by client" list, each request
 *   answered with records of the store or a comment, then accepted or returned.
 *
 * Frozen history: the enumerations are written out here, not imported from the domain.
 */
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine.js';

const SOURCES = ['upload', 'export', 'check-run'];
const REQUEST_STATUSES = ['open', 'answered', 'accepted', 'returned'];

function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evidence_blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    // Dialect branch: bytes are `blob` in SQLite and `bytea` in PostgreSQL.
    .addColumn('content', engineOf(db) === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    // No foreign key to evidence_blobs: the bytes may live in a folder instead.
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('covers_from', 'text')
    .addColumn('covers_to', 'text')
    .addColumn('collected_at', 'text', (c) => c.notNull())
    .addColumn('collected_by', 'text', (c) => c.notNull())
    .addColumn('collected_by_user_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('superseded_by', 'text', (c) => c.references('evidence.id').onDelete('set null'))
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .addColumn('deletion_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('evidence_source_check', oneOf('source', SOURCES))
    .execute();
  await db.schema.createIndex('evidence_engagement_idx').on('evidence').columns(['engagement_id', 'collected_at']).execute();
  await db.schema.createIndex('evidence_sha256_idx').on('evidence').column('sha256').execute();

  await db.schema
    .createTable('evidence_controls')
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
    .addColumn('control_id', 'text', (c) => c.notNull().references('controls.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('evidence_controls_pk', ['evidence_id', 'control_id'])
    .execute();
  await db.schema.createIndex('evidence_controls_control_idx').on('evidence_controls').column('control_id').execute();

  await db.schema
    .createTable('evidence_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    // The request's id in the auditor's list (e.g. `PBC-12`), unique within the engagement.
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('control_id', 'text', (c) => c.references('controls.id').onDelete('set null'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('evidence_requests_code_unique', ['engagement_id', 'code'])
    .addCheckConstraint('evidence_requests_status_check', oneOf('status', REQUEST_STATUSES))
    .execute();

  await db.schema
    .createTable('evidence_request_answers')
    .addColumn('request_id', 'text', (c) => c.notNull().references('evidence_requests.id').onDelete('cascade'))
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('evidence.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('evidence_request_answers_pk', ['request_id', 'evidence_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('evidence_request_answers').execute();
  await db.schema.dropTable('evidence_requests').execute();
  await db.schema.dropTable('evidence_controls').execute();
  await db.schema.dropTable('evidence').execute();
  await db.schema.dropTable('evidence_blobs').execute();
}
