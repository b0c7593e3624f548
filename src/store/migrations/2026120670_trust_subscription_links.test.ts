import { createHash, createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { buildEngagement } from '../../../test/support/factories.js';
import { testMigration } from '../../../test/support/migrations.js';
import { createTrustSubscriptionsRepository } from '../trust-subscriptions-repository.js';
import type { Executor } from '../values.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** The link the previous version mailed an e-mail subscriber, made from the key it kept. */
const oldLink = (key: string) => createHmac('sha256', key).update('trust subscription link').digest('hex');

/** A row as the previous schema holds it, written column by column. */
async function insertOld(db: Executor, row: { id: string; organizationId: string; kind: string; address: string; status: string; tokenHash: string; secret: string }) {
  await db
    .insertInto('trust_subscriptions')
    .values({
      id: row.id,
      organization_id: row.organizationId,
      kind: row.kind,
      address: row.address,
      status: row.status,
      token_hash: row.tokenHash,
      secret: row.secret,
      created_at: '2026-12-05T10:00:00.000Z',
      confirmed_at: row.status === 'active' ? '2026-12-05T10:00:00.000Z' : null,
    } as never)
    .execute();
}

const rows = (db: Executor) => sql<Record<string, string | null>>`select * from trust_subscriptions order by id`.execute(db).then((result) => result.rows);

testMigration(
  '2026120670_trust_subscription_links',
  'erases the e-mail link keys while the links mailed keep working, keeps a webhook’s signing secret, and goes back down with new keys',
  async ({ db, migrateTo }) => {
    await migrateTo('2026120660_trust_subscriptions');
    const { organizationId } = await buildEngagement(db);
    await insertOld(db, { id: 's1', organizationId, kind: 'email', address: 'bea@customer.example', status: 'active', tokenHash: sha256(oldLink('key-1')), secret: 'key-1' });
    await insertOld(db, { id: 's2', organizationId, kind: 'email', address: 'cy@customer.example', status: 'pending', tokenHash: sha256(oldLink('key-2')), secret: 'key-2' });
    await insertOld(db, { id: 's3', organizationId, kind: 'webhook', address: 'https://hooks.example/a', status: 'active', tokenHash: sha256('stop-3'), secret: 'signing-3' });

    await migrateTo('2026120670_trust_subscription_links');
    const after = await rows(db);
    expect(after.map((row) => [row['id'], row['signing_secret'], 'secret' in row])).toEqual([
      ['s1', null, false],
      ['s2', null, false],
      ['s3', 'signing-3', false],
    ]);
    expect(JSON.stringify(after)).not.toMatch(/key-1|key-2/);
    const subscriptions = createTrustSubscriptionsRepository(db);
    const everMailed = new Date(0);
    expect(await subscriptions.findByToken(organizationId, oldLink('key-1'), everMailed)).toMatchObject({ id: 's1' });
    expect(await subscriptions.findByToken(organizationId, oldLink('key-2'), everMailed)).toMatchObject({ id: 's2' });
    expect(await subscriptions.findByToken(organizationId, 'stop-3', everMailed)).toMatchObject({ id: 's3' });
    expect(await subscriptions.active(organizationId)).toEqual([
      { id: 's1', kind: 'email', address: 'bea@customer.example' },
      { id: 's3', kind: 'webhook', address: 'https://hooks.example/a', signingSecret: 'signing-3' },
    ]);
    await subscriptions.addLinks([{ subscriptionId: 's1', token: 'mailed-after' }]);

    const down = await migrateTo('2026120660_trust_subscriptions');
    expect(down.results?.map((r) => r.migrationName)).toEqual(['2026120670_trust_subscription_links']);
    const [active, pending, webhook] = await rows(db);
    expect(webhook).toMatchObject({ secret: 'signing-3', token_hash: sha256('stop-3') });
    for (const [row, before] of [
      [active, 'key-1'],
      [pending, 'key-2'],
    ] as const) {
      // A new key, and the link the previous version makes from it: the links mailed before stop working.
      expect(row?.['secret']).toMatch(/^[\w-]{43}$/);
      expect(row?.['token_hash']).toBe(sha256(oldLink(row?.['secret'] as string)));
      expect(row?.['token_hash']).not.toBe(sha256(oldLink(before)));
    }
    expect((await db.introspection.getTables()).map((t) => t.name)).not.toContain('trust_subscription_links');
    await migrateTo('2026120670_trust_subscription_links');
  },
);
