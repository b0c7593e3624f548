/**
 * The history of one thing (a control, a finding) reads the audit events of its subject: an index on
 * (subject, seq) answers it without scanning every event of the organisation, newest first.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_events_subject_idx').on('audit_events').columns(['subject', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_subject_idx').execute();
}
