/**
 * The risk register (docs/risks-and-vendors.md): one row per risk of an engagement, named by its code there
 * (R-001). Linked controls, criteria and findings are kept as JSON lists of their ids and codes: a link names
 * what the engagement holds now or held once, so a control archived later leaves the risk's link readable. The
 * residual risk is not stored: it is worked out from the controls' current conclusions whenever it is read.
 *
 * Frozen history: the treatments are written out here, not imported from the domain.
 */
import { sql, type Kysely } from 'kysely';

const TREATMENTS = ['mitigate', 'accept', 'transfer', 'avoid'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('risks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('likelihood', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('treatment', 'text', (c) => c.notNull())
    .addColumn('controls', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('acceptance_approver', 'text')
    .addColumn('acceptance_reason', 'text')
    .addColumn('acceptance_expires_on', 'text')
    .addColumn('last_reviewed_on', 'text')
    .addColumn('next_review_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('risks_engagement_code_unique', ['engagement_id', 'code'])
    .addCheckConstraint('risks_treatment_check', sql`${sql.ref('treatment')} in (${sql.join(TREATMENTS.map((t) => sql.lit(t)))})`)
    .addCheckConstraint('risks_likelihood_check', sql`${sql.ref('likelihood')} between 1 and 5`)
    .addCheckConstraint('risks_impact_check', sql`${sql.ref('impact')} between 1 and 5`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('risks').execute();
}
