/**
 * Management responses: one per finding, deleted with it. The four texts of the report's "other
 * information" section, the draft/approved status and who last edited and approved it (four eyes).
 *
 * Frozen history: the statuses are written out here, not imported from the domain.
 */
import { sql, type Kysely } from 'kysely';

const STATUSES = ['draft', 'approved'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('management_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().unique().references('findings.id').onDelete('cascade'))
    .addColumn('what_happened', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('corrective_action', 'text', (c) => c.notNull())
    .addColumn('remediated_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text')
    .addColumn('edited_on', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('management_responses_status_check', sql`${sql.ref('status')} in (${sql.join(STATUSES.map((s) => sql.lit(s)))})`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('management_responses').execute();
}
