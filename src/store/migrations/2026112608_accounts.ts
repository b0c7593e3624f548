/**
 * Accounts that cannot be taken over: instance administrators and deactivated accounts (two columns on users),
 * invitations to an organisation, password-reset links, and the sign-in throttle's counters (in the database so
 * they hold across every server process sharing it). Invitation and reset secrets are stored only as their
 * SHA-256, like session and API tokens.
 *
 * No existing account becomes an instance administrator: the operator grants it (`assay user instance-admin`).
 *
 * Frozen history: the enumerations are written out here, not imported from the domain.
 */
import { sql, type Kysely } from 'kysely';

const ROLES = ['admin', 'compliance', 'owner', 'auditor', 'viewer'];

export async function up(db: Kysely<unknown>): Promise<void> {
  // Two statements: SQLite adds one column per ALTER TABLE.
  await db.schema
    .alterTable('users')
    .addColumn('instance_admin', 'integer', (c) => c.notNull().defaultTo(0).check(sql`${sql.ref('instance_admin')} in (0, 1)`))
    .execute();
  await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // Who invited, as the audit log names actors: an invitation outlives a removed inviter.
    .addColumn('invited_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'text')
    .addCheckConstraint('invitations_role_check', sql`${sql.ref('role')} in (${sql.join(ROLES.map((r) => sql.lit(r)))})`)
    .execute();
  await db.schema.createIndex('invitations_organization_idx').on('invitations').columns(['organization_id', 'created_at']).execute();

  // One pending link per person: issuing a new one replaces it, using it deletes it.
  await db.schema
    .createTable('password_resets')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  // `key` is `account:<email>` or `address:<IPv4 address or IPv6 /64>`.
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
  await db.schema.createIndex('sign_in_throttle_last_failure_idx').on('sign_in_throttle').column('last_failure_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sign_in_throttle', 'password_resets', 'invitations']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('users').dropColumn('deactivated_at').execute();
  await db.schema.alterTable('users').dropColumn('instance_admin').execute();
}
