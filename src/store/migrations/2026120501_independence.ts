/**
 * Independence over the examination's record:
 * - `samples.recorded_by`: the role of whoever recorded the sample's result, at the time (null for results
 *   imported from a workspace or recorded before it was kept). Once the auditor has recorded a result, the
 *   organisation's roles cannot change it.
 * - `not_applicable_proposals`: management's assertions that a criterion does not apply, each with its reason,
 *   pending until the auditor (or, without one, an admin) accepts or rejects it. An accepted one joins the
 *   engagement's `not_applicable` (what the engine reads and the workspace writes); every proposal stays, decided
 *   or not, as evidence of who asserted and who accepted what.
 */
import { sql, type Kysely } from 'kysely';

const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('samples').addColumn('recorded_by', 'text').execute();
  await db.schema
    .createTable('not_applicable_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('criterion', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('not_applicable_proposals_status_check', sql`${sql.ref('status')} in (${sql.join(PROPOSAL_STATUSES.map((s) => sql.lit(s)))})`)
    .execute();
  await db.schema
    .createIndex('not_applicable_proposals_engagement_idx')
    .on('not_applicable_proposals')
    .columns(['engagement_id', 'criterion'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('not_applicable_proposals').execute();
  await db.schema.alterTable('samples').dropColumn('recorded_by').execute();
}
