/**
 * Subscriptions to a trust page (docs/trust-page.md, "Subscriptions"): an e-mail address or a webhook URL, its
 * status, the SHA-256 of the secret in its confirm and unsubscribe links (what a link is looked up by), and a
 * secret of its own: a webhook's POSTs are signed with it, an e-mail's unsubscribe links are made from it (each
 * notification carries one), so it is kept as it is.
 *
 * Frozen history: the enumerations are written out here, not imported from the domain.
 */
import { sql, type Kysely } from 'kysely';

const KINDS = ['email', 'webhook'];
const STATUSES = ['pending', 'active', 'unsubscribed'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('trust_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addCheckConstraint('trust_subscriptions_kind_check', sql`kind in (${sql.join(KINDS.map((k) => sql.lit(k)))})`)
    .addCheckConstraint('trust_subscriptions_status_check', sql`status in (${sql.join(STATUSES.map((s) => sql.lit(s)))})`)
    .execute();
  await db.schema.createIndex('trust_subscriptions_organization_idx').on('trust_subscriptions').columns(['organization_id', 'status']).execute();
  // An e-mail address is subscribed once at a time, even when two requests race.
  await db.schema
    .createIndex('trust_subscriptions_email_idx')
    .on('trust_subscriptions')
    .columns(['organization_id', 'address'])
    .unique()
    .where(sql.ref('kind'), '=', 'email')
    .where(sql.ref('status'), '!=', 'unsubscribed')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('trust_subscriptions').execute();
}
