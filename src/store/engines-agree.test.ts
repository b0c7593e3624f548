/**
 * The same writes through the same repositories, with the same injected ids and clock, read back as the same
 * values on SQLite and PostgreSQL: booleans, JSON, fractions, nulls, timestamps, and audit hashes.
 */
import { describe, expect, it } from 'vitest';
import { freshStore, skipEngine } from '../../test/support/engines.js';
import { engagementSettings, generateExamination, sequentialIds, steppingClock } from '../../test/support/factories.js';
import { createApiTokensRepository } from './api-tokens-repository.js';
import { createAuditRepository } from './audit-repository.js';
import { createControlsRepository } from './controls-repository.js';
import type { Store } from './database.js';
import { createEngagementsRepository } from './engagements-repository.js';
import { createOrganizationsRepository } from './organizations-repository.js';
import { createSnapshotsRepository } from './snapshots-repository.js';
import { createUsersRepository } from './users-repository.js';

async function scenario(store: Store) {
  const deps = { newId: sequentialIds(), clock: steppingClock('2026-02-28T23:59:59.999Z', 1) };
  const { db } = store;
  const organization = await createOrganizationsRepository(db, deps).create({ slug: 'acme', name: 'Acme ✓' });
  const user = await createUsersRepository(db, deps).create({ email: 'a@b.c', passwordHash: 'h', displayName: 'Ä' });
  const token = await createApiTokensRepository(db, deps).create({
    organizationId: organization.id,
    name: 'ci',
    token: 't',
    role: 'auditor',
    createdBy: user.id,
    expiresAt: new Date('2027-01-01T00:00:00Z'),
  });
  const engagements = createEngagementsRepository(db, deps);
  const engagement = await engagements.create({
    ...engagementSettings({ sampling: { confidence: 0.95, tolerableRate: 1 / 3 }, periodStart: null }),
    organizationId: organization.id,
  });
  const controls = createControlsRepository(db, deps);
  const examination = generateExamination(
    { ...engagementSettings(), organization: organization.name },
    30,
    7,
  );
  await db.transaction().execute((trx) => controls.replaceExamination(engagement.id, examination, trx));
  const firstControl = (await controls.list(engagement.id, { limit: 1, offset: 0 })).items[0];
  const updated = await controls.update(firstControl?.rowId ?? '', 1, { key: true, owner: null, compensates: ['C-0002'] });
  const audit = createAuditRepository(db, deps);
  await db.transaction().execute((trx) =>
    audit.append(trx, {
      organizationId: organization.id,
      actor: `user:${user.id}`,
      actorDetail: { kind: 'user', userId: user.id, email: user.email },
      type: 'control.updated',
      subject: `control:${updated.rowId}`,
      before: firstControl,
      after: { ...updated, ratio: 0.1 + 0.2, empty: {}, list: [null, true, -0, 1e21] },
    }),
  );
  const snapshot = await createSnapshotsRepository(db, deps).create({
    engagementId: engagement.id,
    opinion: 'qualified',
    result: { rate: 2 / 3, flags: [true, false], nested: { a: null } },
  });
  return {
    organization,
    user,
    token,
    engagement: await engagements.findById(engagement.id),
    controls: await controls.list(engagement.id, { limit: 100, offset: 0, criterion: 'CC1.1' }),
    examination: await controls.loadExamination(engagement.id),
    audit: await audit.list({ limit: 10, offset: 0 }),
    chain: await audit.verifyChain(),
    snapshot,
  };
}

describe.skipIf(skipEngine('postgres'))('sqlite and postgres agree', () => {
  it('on every value the repositories return, including audit hashes', async () => {
    const sqlite = await freshStore('sqlite');
    const postgres = await freshStore('postgres');
    try {
      const [onSqlite, onPostgres] = [await scenario(sqlite), await scenario(postgres)];
      expect(onPostgres).toEqual(onSqlite);
      // toEqual already tells 1 from true and '3' from 3; spelled out for the types that differ by engine.
      expect(typeof onPostgres.examination.controls[0]?.key).toBe('boolean');
      expect(typeof onPostgres.engagement?.sampling.confidence).toBe('number');
      expect(onPostgres.controls.total).toBeTypeOf('number');
      expect(onPostgres.audit.items[0]?.hash).toBe(onSqlite.audit.items[0]?.hash);
      expect(onSqlite.chain).toBeNull();
    } finally {
      await sqlite.close();
      await postgres.close();
    }
  });
});
