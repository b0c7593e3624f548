/**
 * The system description (docs/system-description.md):
 * - `descriptions`: one per engagement, management's description kept whole as JSON text (its sections are read
 *   and written together), at a version that guards every edit (optimistic concurrency);
 * - `findings.significant_incident`: a finding a person marked as a significant incident the description must
 *   disclose. Findings from before are not marked.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('descriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text', (c) => c.notNull().unique().references('engagements.id').onDelete('cascade'))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('findings')
    .addColumn('significant_incident', 'integer', (c) => c.notNull().defaultTo(0).check(sql`${sql.ref('significant_incident')} in (0, 1)`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('findings').dropColumn('significant_incident').execute();
  await db.schema.dropTable('descriptions').execute();
}
