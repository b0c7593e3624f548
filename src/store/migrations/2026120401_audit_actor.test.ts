import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { createAuditRepository, GENESIS_HASH } from '../audit-repository.js';
import { canonicalJson } from '../canonical-json.js';
import { createMigrator } from '../database.js';
import type { Executor } from '../values.js';

/**
 * Events as the log wrote them before it kept the actor whole: the hash over the seven fields it had, computed here
 * from the formula, not by the repository under test.
 */
async function writeOldEvents(db: Executor): Promise<void> {
  let prevHash = GENESIS_HASH;
  const events = [
    { actor: 'operator:cli', type: 'organization.created', subject: 'organization:o1', before: null, after: { name: 'Acme' } },
    { actor: 'user:ada@acme.example via token:ci (t1)', type: 'control.updated', subject: 'control:c1', before: { title: 'A' }, after: { title: 'B' } },
    { actor: 'user:ada@acme.example', type: 'session.created', subject: 'user:u1', before: null, after: null },
  ];
  for (const [i, event] of events.entries()) {
    const occurredAt = `2026-03-01T09:00:0${i}.000Z`;
    const hashed = { organizationId: 'o1', actor: event.actor, type: event.type, subject: event.subject, before: event.before, after: event.after, occurredAt };
    const hash = createHash('sha256').update(prevHash + canonicalJson(hashed), 'utf8').digest('hex');
    await db
      .insertInto('audit_events')
      .values({
        organization_id: 'o1',
        actor: event.actor,
        type: event.type,
        subject: event.subject,
        before: event.before && canonicalJson(event.before),
        after: event.after && canonicalJson(event.after),
        occurred_at: occurredAt,
        prev_hash: prevHash,
        hash,
      } as never)
      .execute();
    prevHash = hash;
  }
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: migration 2026120401_audit_actor`, () => {
    const store = useFreshStore(engine, { migrated: false });

    it('keeps the chain of events written before it whole, chains new events with their actor after them, and goes back down', async () => {
      const { db } = store();
      expect((await createMigrator(db).migrateTo('2026120103_archiving')).error).toBeUndefined();
      await writeOldEvents(db);

      expect((await createMigrator(db).migrateTo('2026120401_audit_actor')).error).toBeUndefined();
      const audit = createAuditRepository(db);
      expect(await audit.verifyChain()).toBeNull();
      const old = (await audit.list({ limit: 10, offset: 0 })).items;
      expect(old.map((e) => [e.actor, e.actorDetail])).toEqual([
        ['user:ada@acme.example', null],
        ['user:ada@acme.example via token:ci (t1)', null],
        ['operator:cli', null],
      ]);

      const ada = { kind: 'user', userId: 'u1', email: 'ada@acme.example' } as const;
      const added = await db.transaction().execute((trx) => audit.append(trx, { organizationId: 'o1', actor: 'user:ada@acme.example', actorDetail: ada, type: 'session.ended', subject: 'user:u1' }));
      expect(added.prevHash).toBe(old[0]?.hash);
      expect(await createAuditRepository(db).findBySeq(added.seq)).toMatchObject({ actorDetail: ada });
      expect(await audit.verifyChain()).toBeNull();

      // The actor is hashed: giving an old event one, or changing a new event's, shows.
      const [first] = old.slice(-1);
      await db.updateTable('audit_events').set({ actor_detail: canonicalJson({ kind: 'operator' }) }).where('seq', '=', first?.seq as number).execute();
      expect(await audit.verifyChain()).toBe(first?.seq);
      await db.updateTable('audit_events').set({ actor_detail: null }).where('seq', '=', first?.seq as number).execute();
      await db.updateTable('audit_events').set({ actor_detail: canonicalJson({ ...ada, email: 'eve@acme.example' }) }).where('seq', '=', added.seq).execute();
      expect(await audit.verifyChain()).toBe(added.seq);

      expect((await createMigrator(db).migrateTo('2026120103_archiving')).error).toBeUndefined();
      expect((await db.selectFrom('audit_events').select('actor').orderBy('seq').execute()).length).toBe(4);
    });
  });
}
