/**
 * The corrective action plan of an engagement: its target date, the webhook reminders go to, and how
 * many days ahead an action counts as due soon. One row per engagement at most, deleted with it; an
 * engagement without a row has the default plan (no target, no webhook, 14 days).
 *
 * Frozen history: the default is written out here, not imported from the domain.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('remediation_plans')
    .addColumn('engagement_id', 'text', (c) => c.primaryKey().references('engagements.id').onDelete('cascade'))
    .addColumn('target_date', 'text')
    .addColumn('webhook_url', 'text')
    .addColumn('due_soon_days', 'integer', (c) => c.notNull().defaultTo(14))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('remediation_plans_due_soon_days_check', sql`due_soon_days between 1 and 90`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('remediation_plans').execute();
}
