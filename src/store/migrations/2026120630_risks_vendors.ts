/**
 * The risk register and the vendors (docs/risks-and-vendors.md).
 *
 * `risks`: the risk register: one row per risk of an engagement, named by its code there
 * (R-001). Linked controls, criteria and findings are kept as JSON lists of their ids and codes: a link names
 * what the engagement holds now or held once, so a control archived later leaves the risk's link readable. The
 * residual risk is not stored: it is worked out from the controls' current conclusions whenever it is read.
 *
 * A risk a vendor's report raised names the vendor, the report and the reason (one risk per report and
 * reason, held by a unique constraint, so raising again never adds a second).
 *
 * `vendors`: the inventory, one row per vendor of the engagement (V-001), versioned. `vendor_reports`: each
 * vendor's SOC 2 reports, only ever added (evidence), with the CUECs they expect of us as JSON.
 *
 * Frozen history: the enumerations are written out here, not imported from the domain.
 */
import { sql, type Kysely } from 'kysely';

const TREATMENTS = ['mitigate', 'accept', 'transfer', 'avoid'];
const CRITICALITIES = ['low', 'medium', 'high', 'critical'];
const OPINIONS = ['unmodified', 'qualified', 'adverse', 'disclaimer'];
const REASONS = ['modified_opinion', 'exceptions', 'expired'];

const oneOf = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('vendors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('criticality', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('subprocessor', 'integer', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('last_reviewed_on', 'text')
    .addColumn('next_review_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('vendors_engagement_code_unique', ['engagement_id', 'code'])
    .addCheckConstraint('vendors_criticality_check', oneOf('criticality', CRITICALITIES))
    .execute();
  await db.schema
    .createTable('vendor_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('exceptions', 'integer', (c) => c.notNull())
    .addColumn('cuecs', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addCheckConstraint('vendor_reports_opinion_check', oneOf('opinion', OPINIONS))
    .execute();
  await db.schema.createIndex('vendor_reports_vendor_index').on('vendor_reports').column('vendor_id').execute();
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
    .addColumn('vendor_code', 'text')
    .addColumn('vendor_report_id', 'text', (c) => c.references('vendor_reports.id').onDelete('set null'))
    .addColumn('vendor_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('risks_engagement_code_unique', ['engagement_id', 'code'])
    .addUniqueConstraint('risks_vendor_report_reason_unique', ['vendor_report_id', 'vendor_reason'])
    .addCheckConstraint('risks_treatment_check', oneOf('treatment', TREATMENTS))
    .addCheckConstraint('risks_vendor_reason_check', sql`${sql.ref('vendor_reason')} is null or ${oneOf('vendor_reason', REASONS)}`)
    .addCheckConstraint('risks_likelihood_check', sql`${sql.ref('likelihood')} between 1 and 5`)
    .addCheckConstraint('risks_impact_check', sql`${sql.ref('impact')} between 1 and 5`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('risks').execute();
  await db.schema.dropTable('vendor_reports').execute();
  await db.schema.dropTable('vendors').execute();
}
