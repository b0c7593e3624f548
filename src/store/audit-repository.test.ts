import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, freshStore, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { steppingClock } from '../../test/support/factories.js';
import { createAuditRepository, eventHash, GENESIS_HASH, type AuditEventInput } from './audit-repository.js';
import type { Executor } from './values.js';

function event(n: number, organizationId: string | null = 'org-1'): AuditEventInput {
  return {
    organizationId,
    actor: 'user:ada@acme.example',
    actorDetail: { kind: 'user', userId: 'u-1', email: 'ada@acme.example' },
    type: n % 2 === 0 ? 'control.updated' : 'test.recorded',
    subject: `control:${n}`,
    before: n === 0 ? null : { version: n, title: `Title ${n}` },
    after: { version: n + 1, title: `Title ${n + 1}`, criteria: ['CC6.1'], key: true },
  };
}

async function appendAll(db: Executor, events: AuditEventInput[]) {
  const audit = createAuditRepository(db, { clock: steppingClock() });
  const appended = [];
  for (const e of events) appended.push(await db.transaction().execute((trx) => audit.append(trx, e)));
  return appended;
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: audit repository`, () => {
    const store = useFreshStore(engine);

    it('chains each event to the previous one with SHA-256 over canonical JSON, from 64 zeros', async () => {
      const [first, second] = await appendAll(store().db, [event(0), event(1)]);
      const payload =
        '{"actor":"user:ada@acme.example","actorDetail":{"email":"ada@acme.example","kind":"user","userId":"u-1"},' +
        '"after":{"criteria":["CC6.1"],"key":true,"title":"Title 1","version":1},"before":null,' +
        '"occurredAt":"2026-03-01T09:00:00.000Z","organizationId":"org-1","subject":"control:0","type":"control.updated"}';
      expect(first).toMatchObject({ prevHash: GENESIS_HASH, before: null, occurredAt: '2026-03-01T09:00:00.000Z' });
      expect(first?.hash).toBe(createHash('sha256').update(GENESIS_HASH + payload).digest('hex'));
      expect(second?.prevHash).toBe(first?.hash);
      expect(second?.seq).toBeGreaterThan(first?.seq ?? Infinity);
      expect(await createAuditRepository(store().db).verifyChain()).toBeNull();
    });

    it('appends only inside the transaction of the change', async () => {
      const audit = createAuditRepository(store().db);
      await expect(audit.append(store().db as never, event(0))).rejects.toThrow(/transaction/);
    });

    it('rolls the event back with the change it records', async () => {
      const audit = createAuditRepository(store().db);
      await expect(
        store()
          .db.transaction()
          .execute(async (trx) => {
            await audit.append(trx, event(0));
            throw new Error('the change failed');
          }),
      ).rejects.toThrow('the change failed');
      expect((await audit.list({ limit: 10, offset: 0 })).total).toBe(0);
    });

    it('names the seq of an event whose `after` was altered in the middle of the chain', async () => {
      const events = await appendAll(store().db, [0, 1, 2, 3, 4].map((n) => event(n)));
      const target = events[2]?.seq ?? -1;
      await store()
        .db.updateTable('audit_events')
        .set({ after: JSON.stringify({ version: 3, title: 'Quietly changed' }) })
        .where('seq', '=', target)
        .execute();
      const audit = createAuditRepository(store().db);
      expect(await audit.verifyChain()).toBe(target);
      expect(await audit.inspectChain()).toEqual({ seq: target, reason: 'altered' });
      expect(await audit.findBySeq(target)).toMatchObject({ seq: target, type: 'control.updated', after: { title: 'Quietly changed' } });
      expect(await audit.findBySeq(target + 1000)).toBeNull();
    });

    it('notices an event rewritten with a recomputed hash at the next link', async () => {
      const [, second, third] = await appendAll(store().db, [0, 1, 2, 3].map((n) => event(n)));
      if (!second || !third) throw new Error('events missing');
      const forged = { ...second, subject: 'control:forged' };
      await store()
        .db.updateTable('audit_events')
        .set({ subject: forged.subject, hash: eventHash(second.prevHash, forged) })
        .where('seq', '=', second.seq)
        .execute();
      expect(await createAuditRepository(store().db).inspectChain()).toEqual({ seq: third.seq, reason: 'relinked' });
    });

    it('notices a deleted event at the next link', async () => {
      const events = await appendAll(store().db, [0, 1, 2, 3, 4].map((n) => event(n)));
      await store().db.deleteFrom('audit_events').where('seq', '=', events[3]?.seq ?? -1).execute();
      expect(await createAuditRepository(store().db).inspectChain()).toEqual({ seq: events[4]?.seq, reason: 'relinked' });
    });

    it('tells the head, the hashes at places, the events after one, and checks the chain from a known place', async () => {
      const audit = createAuditRepository(store().db);
      expect(await audit.head()).toBeNull();
      const events = await appendAll(store().db, [0, 1, 2, 3].map((n) => event(n)));
      const [first, second, , last] = events.map((e) => e!);
      expect(await audit.head()).toEqual({ seq: last!.seq, hash: last!.hash });
      expect(await audit.hashesAt([second!.seq, last!.seq + 10])).toEqual(new Map([[second!.seq, second!.hash]]));
      expect(await audit.countAfter(second!.seq)).toBe(2);
      // The first event altered: seen from the start, not from the second onwards.
      await store().db.updateTable('audit_events').set({ actor: 'user:mallory' }).where('seq', '=', first!.seq).execute();
      expect(await audit.inspectChain()).toEqual({ seq: first!.seq, reason: 'altered' });
      expect(await audit.inspectChain(undefined, second!)).toBeNull();
    });

    it('reads events a payload budget at a time: verification sees every one, a page lists the rest without their payload', async () => {
      const big = (n: number): AuditEventInput => ({ ...event(n), after: { text: 'x'.repeat(400) } });
      await appendAll(store().db, [big(0), big(1), big(2), event(3), big(4)]);
      const audit = createAuditRepository(store().db, { clock: steppingClock() }, 900);
      expect(await audit.inspectChain()).toBeNull();
      const page = await audit.list({ limit: 5, offset: 0 });
      expect(page.items.map((e) => e.payloadOmitted ?? false)).toEqual([false, false, true, true, true]);
      expect(page.items[2]).toMatchObject({ before: null, after: null, type: expect.any(String), hash: expect.any(String) });
      const omitted = page.items[2]!;
      expect((await audit.findBySeq(omitted.seq))?.after).toEqual({ text: 'x'.repeat(400) });
      // A single event larger than the budget is still read, alone.
      const tiny = createAuditRepository(store().db, { clock: steppingClock() }, 10);
      expect(await tiny.inspectChain()).toBeNull();
      expect((await tiny.list({ limit: 2, offset: 0 })).items.map((e) => e.payloadOmitted ?? false)).toEqual([false, true]);
      // A break past a budget's worth of events is still found.
      await store().db.updateTable('audit_events').set({ actor: 'user:mallory' }).where('seq', '=', page.items[0]!.seq).execute();
      expect(await audit.inspectChain()).toEqual({ seq: page.items[0]!.seq, reason: 'altered' });
    });

    it('verifies a chain longer than one read batch', async () => {
      const audit = createAuditRepository(store().db, { clock: steppingClock() });
      await store()
        .db.transaction()
        .execute(async (trx) => {
          for (let n = 0; n < 2100; n++) await audit.append(trx, event(n));
        });
      expect(await audit.verifyChain()).toBeNull();
      const last = (await audit.list({ limit: 1, offset: 0 })).items[0];
      await store().db.updateTable('audit_events').set({ actor: 'user:mallory' }).where('seq', '=', last?.seq ?? -1).execute();
      expect(await audit.verifyChain()).toBe(last?.seq);
    });

    it('lists events newest first, by organisation, type or subject', async () => {
      await appendAll(store().db, [event(0, 'org-1'), event(1, 'org-2'), event(2, 'org-1'), event(3, null)]);
      const audit = createAuditRepository(store().db);
      const all = await audit.list({ limit: 2, offset: 0 });
      expect(all.total).toBe(4);
      expect(all.items.map((e) => e.subject)).toEqual(['control:3', 'control:2']);
      expect((await audit.list({ limit: 10, offset: 0, organizationId: 'org-1' })).items.map((e) => e.subject)).toEqual([
        'control:2',
        'control:0',
      ]);
      expect((await audit.list({ limit: 10, offset: 0, type: 'test.recorded' })).total).toBe(2);
      expect((await audit.list({ limit: 10, offset: 0, subject: 'control:1' })).items[0]).toMatchObject({
        organizationId: 'org-2',
        before: { version: 1, title: 'Title 1' },
        after: { version: 2, title: 'Title 2', criteria: ['CC6.1'], key: true },
      });
      const several = await audit.list({ limit: 10, offset: 0, organizationId: 'org-1', subject: ['control:0', 'control:1', 'control:2'] });
      expect(several).toMatchObject({ total: 2, items: [{ subject: 'control:2' }, { subject: 'control:0' }] });
      expect(await audit.list({ limit: 10, offset: 0, subject: [] })).toEqual({ items: [], total: 0 });
    });

    it('reads the states one type of event left on one subject, oldest first, whole past the payload budget', async () => {
      const on = (subject: string, type: string, after: unknown): AuditEventInput => ({ ...event(0), subject, type, after });
      await appendAll(store().db, [
        on('description:e-1', 'description.updated', { version: 1, text: 'x'.repeat(400) }),
        on('description:e-2', 'description.updated', { version: 1 }),
        on('description:e-1', 'control.updated', { version: 9 }),
        on('description:e-1', 'description.updated', null),
        on('description:e-1', 'description.updated', { version: 2, text: 'y'.repeat(400) }),
      ]);
      const audit = createAuditRepository(store().db, { clock: steppingClock() }, 10);
      expect(await audit.statesAfter('description:e-1', 'description.updated')).toEqual([
        { version: 1, text: 'x'.repeat(400) },
        null,
        { version: 2, text: 'y'.repeat(400) },
      ]);
      expect(await audit.statesAfter('description:e-3', 'description.updated')).toEqual([]);
    });

    it('keeps one unbroken chain under 20 concurrent transactions', async () => {
      const concurrent = await freshStore(engine, { poolSize: 10 });
      try {
        const audit = createAuditRepository(concurrent.db);
        await Promise.all(
          Array.from({ length: 20 }, (_, n) =>
            concurrent.db.transaction().execute(async (trx) => {
              // Some work of the change before and after its event widens the window for a race.
              await trx.selectFrom('audit_events').select('seq').execute();
              await audit.append(trx, event(n));
              await trx.selectFrom('audit_events').select('seq').execute();
            }),
          ),
        );
        const events = (await audit.list({ limit: 100, offset: 0 })).items;
        expect(events).toHaveLength(20);
        expect(new Set(events.map((e) => e.prevHash)).size).toBe(20);
        expect(await audit.verifyChain()).toBeNull();
      } finally {
        await concurrent.close();
      }
    });
  });
}
