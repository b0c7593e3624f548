/**
 * A trust page subscription keeps no secret a link could be made from (docs/trust-page.md, "Secrets"). Before,
 * an e-mail subscription kept in clear the key its links were made from (HMAC), so whoever read the database could
 * confirm or cancel anyone's subscription. Now every link's secret is random and kept only as its SHA-256: the
 * subscription's own link (an e-mail's confirm link, a webhook's unsubscribe secret) in `token_hash` as before, and
 * the unsubscribe link each notification mails in `trust_subscription_links`, one row a mail, so every link mailed
 * keeps working. What is kept in clear is a webhook's signing secret only (`signing_secret`): signing needs it, and
 * it confirms or cancels nothing.
 *
 * Up: the links already mailed keep working (their hashes are in `token_hash` already); the e-mail link keys are
 * erased. Down cannot bring those keys back: each e-mail subscription gets a new key and the `token_hash` of the
 * link made from it, so the notifications sent from then on carry working links and every link mailed before stops
 * working (a pending address can ask again once its confirm window has passed). Webhooks lose nothing either way.
 *
 * Frozen history: the tables are typed and the link is computed here, not imported.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

/** The columns these steps touch, each as nullable as it is at any step. */
type Tables = {
  trust_subscriptions: { id: string; kind: string; token_hash: string; secret: string | null; signing_secret: string | null };
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('trust_subscription_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('trust_subscriptions.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trust_subscription_links_subscription_idx').on('trust_subscription_links').column('subscription_id').execute();
  await db.schema.alterTable('trust_subscriptions').addColumn('signing_secret', 'text').execute();
  const tables = db.withTables<Tables>();
  await tables
    .updateTable('trust_subscriptions')
    .set((eb) => ({ signing_secret: eb.ref('secret') }))
    .where('kind', '=', 'webhook')
    .execute();
  await db.schema.alterTable('trust_subscriptions').dropColumn('secret').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The empty default only lets the column be added to rows that exist; every row is given its value below.
  await db.schema.alterTable('trust_subscriptions').addColumn('secret', 'text', (c) => c.notNull().defaultTo('')).execute();
  const tables = db.withTables<Tables>();
  await tables
    .updateTable('trust_subscriptions')
    .set((eb) => ({ secret: eb.ref('signing_secret') }))
    .where('kind', '=', 'webhook')
    .execute();
  const emails = await tables.selectFrom('trust_subscriptions').select('id').where('kind', '=', 'email').execute();
  for (const { id } of emails) {
    const secret = randomBytes(32).toString('base64url');
    // The link the previous version makes from the key: the hex HMAC-SHA256 of a fixed text.
    const link = createHmac('sha256', secret).update('trust subscription link').digest('hex');
    await tables
      .updateTable('trust_subscriptions')
      .set({ secret, token_hash: createHash('sha256').update(link).digest('hex') })
      .where('id', '=', id)
      .execute();
  }
  await db.schema.alterTable('trust_subscriptions').dropColumn('signing_secret').execute();
  await db.schema.dropTable('trust_subscription_links').execute();
}
