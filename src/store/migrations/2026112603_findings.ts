/**
 * Findings and root causes. A finding belongs to one engagement (deleted with it); its code
 * (`F-AC-04`) is unique in the engagement, so deriving findings again from an examination adds nothing twice.
 * Its deviations, corrective actions, retests, risk acceptance and history are JSON text, read and written
 * whole by the findings repository. A root cause is shared by the findings traced to it; deleting one leaves
 * its findings without a root cause.
 *
 * Frozen history: the enumerations are written out here, not imported from the domain.
 */
import { sql, type Kysely } from 'kysely';

const SOURCES = ['deficiency', 'readiness_gap', 'auditor_observation', 'self_identified', 'monitoring'];
const STATUSES = ['open', 'analysing', 'remediating', 'ready_for_retest', 'closed', 'risk_accepted', 'false_positive'];
const CATEGORIES = ['people', 'process', 'technology', 'third_party', 'design_gap', 'monitoring_gap'];

function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('root_causes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('whys', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('root_causes_engagement_code_unique', ['engagement_id', 'code'])
    .addCheckConstraint('root_causes_category_check', oneOf('category', CATEGORIES))
    .execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('control_code', 'text')
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('identified_on', 'text')
    .addColumn('deviations', 'text', (c) => c.notNull())
    .addColumn('root_cause_id', 'text', (c) => c.references('root_causes.id').onDelete('set null'))
    .addColumn('corrective_actions', 'text', (c) => c.notNull())
    .addColumn('retests', 'text', (c) => c.notNull())
    .addColumn('risk_acceptance', 'text')
    .addColumn('false_positive_reason', 'text')
    .addColumn('history', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('findings_engagement_code_unique', ['engagement_id', 'code'])
    .addCheckConstraint('findings_source_check', oneOf('source', SOURCES))
    .addCheckConstraint('findings_status_check', oneOf('status', STATUSES))
    .execute();
  await db.schema.createIndex('findings_root_cause_idx').on('findings').column('root_cause_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('findings').execute();
  await db.schema.dropTable('root_causes').execute();
}
