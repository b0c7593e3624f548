/**
 * The trust page (docs/trust-page.md):
 * - `trust_pages`: one per organisation, the snapshot the public sees (null until published, and once
 *   unpublished), when and by whom.
 * - `trust_reports`: each SOC 2 report uploaded to share (the PDF's bytes in the evidence blob store, by SHA-256),
 *   with the engagement it is for; the snapshot names the one it offers.
 * - `trust_ndas`: the click-wrap NDA's versions, each with the SHA-256 of its text; never edited.
 * - `trust_requests`: who asked for the report, the decision, and the download link (its secret's hash only).
 * - `trust_nda_acceptances`: every acceptance of an NDA version by a requester: the version's hash, time, address.
 * - `trust_downloads`: every download with a link: when and from which address.
 *
 * Frozen history: the enumerations are written out here, not imported from the domain.
 */
import { sql, type Kysely } from 'kysely';

const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'revoked'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('trust_pages')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('snapshot', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('report_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('trust_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trust_reports_organization_idx').on('trust_reports').columns(['organization_id', 'uploaded_at']).execute();

  await db.schema
    .createTable('trust_ndas')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('trust_ndas_pk', ['organization_id', 'version'])
    .execute();

  await db.schema
    .createTable('trust_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('trust_requests_status_check', sql`status in (${sql.join(REQUEST_STATUSES.map((s) => sql.lit(s)))})`)
    .execute();
  await db.schema.createIndex('trust_requests_organization_idx').on('trust_requests').columns(['organization_id', 'requested_at']).execute();

  await db.schema
    .createTable('trust_nda_acceptances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('trust_requests.id').onDelete('cascade'))
    .addColumn('nda_version', 'integer', (c) => c.notNull())
    .addColumn('nda_sha256', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trust_nda_acceptances_request_idx').on('trust_nda_acceptances').columns(['request_id', 'accepted_at']).execute();

  await db.schema
    .createTable('trust_downloads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('trust_requests.id').onDelete('cascade'))
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('downloaded_at', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trust_downloads_request_idx').on('trust_downloads').columns(['request_id', 'downloaded_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['trust_downloads', 'trust_nda_acceptances', 'trust_requests', 'trust_ndas', 'trust_reports', 'trust_pages']) {
    await db.schema.dropTable(table).execute();
  }
}
