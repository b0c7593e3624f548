/**
 * The initial schema: organisations and people, engagements with their controls, tests and samples,
 * the audit log and evaluation snapshots. One migration for both engines (see ../schema.ts for the storage
 * conventions).
 *
 * Migrations are frozen history: the enumerations in the check constraints are written out here rather
 * than imported from the domain, so a later change to the domain cannot rewrite what this step did.
 */
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine.js';

const ROLES = ['admin', 'compliance', 'owner', 'auditor', 'viewer'];
const REPORT_TYPES = ['type1', 'type2'];
const FREQUENCIES = ['annual', 'semiannual', 'quarterly', 'monthly', 'weekly', 'daily', 'multiple-daily', 'event', 'automated'];
const NATURES = ['manual', 'automated'];
const DESIGNS = ['effective', 'deficient'];
const METHODS = ['inquiry', 'observation', 'inspection', 'reperformance'];
const RESULTS = ['pass', 'fail'];

/** `column in ('a', 'b')` as a portable check expression (literals, since DDL takes no parameters). */
function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);

  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('memberships_pkey', ['organization_id', 'user_id'])
    .addCheckConstraint('memberships_role_check', oneOf('role', ROLES))
    .execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('csrf_secret', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    // No cascade: a token outlives nothing silently; the user's removal must deal with their tokens.
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addCheckConstraint('api_tokens_role_check', oneOf('role', ROLES))
    .execute();
  await db.schema.createIndex('api_tokens_organization_idx').on('api_tokens').column('organization_id').execute();

  await db.schema
    .createTable('engagements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // No cascade: an organisation with engagements (audit evidence) is not deleted by accident.
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('report_type', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('not_applicable', 'text', (c) => c.notNull())
    .addColumn('sampling_confidence', 'double precision', (c) => c.notNull())
    .addColumn('tolerable_rate', 'double precision', (c) => c.notNull())
    .addColumn('pervasive_min_series', 'integer', (c) => c.notNull())
    .addColumn('pervasive_min_share', 'double precision', (c) => c.notNull())
    .addColumn('misstatements', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('engagements_report_type_check', oneOf('report_type', REPORT_TYPES))
    .execute();
  await db.schema.createIndex('engagements_organization_idx').on('engagements').column('organization_id').execute();

  await db.schema
    .createTable('controls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('is_key', 'integer', (c) => c.notNull())
    .addColumn('design', 'text', (c) => c.notNull())
    .addColumn('compensates', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('controls_engagement_code_unique', ['engagement_id', 'code'])
    .addCheckConstraint('controls_frequency_check', oneOf('frequency', FREQUENCIES))
    .addCheckConstraint('controls_nature_check', oneOf('nature', NATURES))
    .addCheckConstraint('controls_design_check', oneOf('design', DESIGNS))
    .addCheckConstraint('controls_is_key_check', sql`${sql.ref('is_key')} in (0, 1)`)
    .execute();
  // Controls by engagement, in their order: the first query of loading an examination.
  await db.schema
    .createIndex('controls_engagement_position_idx')
    .on('controls')
    .columns(['engagement_id', 'position'])
    .execute();

  await db.schema
    .createTable('control_tests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('control_id', 'text', (c) => c.notNull().unique().references('controls.id').onDelete('cascade'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('population_size', 'integer')
    .addColumn('scope_limitation', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('control_tests_method_check', oneOf('method', METHODS))
    .execute();

  await db.schema
    .createTable('samples')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('test_id', 'text', (c) => c.notNull().references('control_tests.id').onDelete('cascade'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('samples_test_item_unique', ['test_id', 'item'])
    .addCheckConstraint('samples_result_check', oneOf('result', RESULTS))
    .execute();
  // Samples by test, in their order (the unique (test_id, item) index does not give the order).
  await db.schema.createIndex('samples_test_position_idx').on('samples').columns(['test_id', 'position']).execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'integer', (c) =>
      // Dialect branch: SQLite's AUTOINCREMENT and PostgreSQL's identity both hand out increasing numbers
      // that are never reused, so a deleted event leaves a visible gap as well as a broken hash chain.
      engine === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    // No foreign key: the log outlives what it talks about.
    .addColumn('organization_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_events_organization_idx')
    .on('audit_events')
    .columns(['organization_id', 'seq'])
    .execute();

  await db.schema
    .createTable('evaluation_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evaluation_snapshots_engagement_idx')
    .on('evaluation_snapshots')
    .columns(['engagement_id', 'taken_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Children before parents; dropping a table drops its indexes.
  for (const table of [
    'evaluation_snapshots',
    'audit_events',
    'samples',
    'control_tests',
    'controls',
    'engagements',
    'api_tokens',
    'sessions',
    'memberships',
    'users',
    'organizations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
