import { expect } from 'vitest';
import { buildEngagement } from '../../../test/support/factories.js';
import { testMigration } from '../../../test/support/migrations.js';
import { createTrustRepository } from '../trust-repository.js';

testMigration('2026120620_trust_page', 'holds a request, refuses an unknown request status, keeps a link only hashed, and goes back down', async ({ db, migrateTo }) => {
  await migrateTo('2026120620_trust_page');
  const engagement = await buildEngagement(db);
  const trust = createTrustRepository(db);
  const request = await trust.createRequest({ organizationId: engagement.organizationId, name: 'Bea', company: 'Customer', email: 'Bea@Customer.example' });
  expect(request.email).toBe('bea@customer.example');
  await trust.decide(request.id, 'pending', { status: 'approved', by: 'user:admin@acme.example', link: { token: 'secret', expiresAt: new Date('2026-12-08T00:00:00Z') } });
  expect(await trust.findRequestByToken(engagement.organizationId, 'secret')).toMatchObject({ id: request.id, status: 'approved' });
  const stored = await db.selectFrom('trust_requests').select('token_hash').executeTakeFirstOrThrow();
  expect(stored.token_hash).not.toContain('secret');
  await expect(db.updateTable('trust_requests').set({ status: 'maybe' }).execute()).rejects.toThrow();

  const down = await migrateTo('2026120610_report_jobs');
  expect(down.results?.map((r) => r.migrationName)).toEqual(['2026120620_trust_page']);
  await migrateTo('2026120620_trust_page');
});
