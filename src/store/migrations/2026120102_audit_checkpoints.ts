/**
 * Signed checkpoints of the audit chain: now and then the head (seq and hash) is signed with the installation's
 * Ed25519 key, which is kept outside the database. Whoever rewrites or deletes events up to a checkpoint cannot
 * sign a new one without the key, so `assay verify` with the public key sees the change.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_seq', 'integer', (c) => c.notNull())
    .addColumn('event_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_checkpoints_event_seq_idx').on('audit_checkpoints').columns(['event_seq', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').execute();
}
