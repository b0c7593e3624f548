import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/index.js';
import { createAuditRepository, eventHash, GENESIS_HASH, type AuditEvent } from '../../store/audit-repository.js';
import type { Executor } from '../../store/values.js';
import { OPERATOR } from '../platform/actor.js';
import { signerOf } from './checkpoint-signature.js';
import { createServices } from '../index.js';
import { tokenActor } from '../testing.js';

const signer = signerOf(generateKeyPairSync('ed25519').privateKey);
const forger = signerOf(generateKeyPairSync('ed25519').privateKey);

/** What an attacker with write access to the database does: change one event and recompute every later hash. */
async function rewriteAndRehash(db: Executor, seq: number, after: unknown): Promise<void> {
  const audit = createAuditRepository(db);
  const rows = await db.selectFrom('audit_events').select('seq').orderBy('seq').execute();
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    const event = (await audit.findBySeq(Number(row.seq))) as AuditEvent;
    const changed = event.seq === seq;
    const hash = eventHash(prevHash, { ...event, after: changed ? after : event.after });
    await db
      .updateTable('audit_events')
      .set({ prev_hash: prevHash, hash, ...(changed && { after: JSON.stringify(after) }) })
      .where('seq', '=', row.seq)
      .execute();
    prevHash = hash;
  }
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: integrity service`, () => {
    const store = useFreshStore(engine);

    /** Three organisations: three events. */
    async function threeEvents() {
      const services = createServices(store());
      const organizations = [];
      for (const slug of ['a-org', 'b-org', 'c-org']) organizations.push(await services.organizations.create(OPERATOR, { slug, name: slug }));
      return { services, organizations };
    }

    it('verifies the audit chain and names the first event that was altered', async () => {
      const { services, organizations } = await threeEvents();
      const b = organizations[1]!;
      expect(await services.integrity.verifyAuditChain(OPERATOR)).toMatchObject({ intact: true, events: 3, firstBreak: null, head: { seq: expect.any(Number) } });
      await store().db.updateTable('audit_events').set({ after: '{"name":"Quietly renamed"}' }).where('subject', '=', `organization:${b.id}`).execute();
      const report = await services.integrity.verifyAuditChain(OPERATOR);
      expect(report).toMatchObject({ intact: false, events: 3, firstBreak: { reason: 'altered', type: 'organization.created', subject: `organization:${b.id}` } });
      await expect(services.integrity.verifyAuditChain(tokenActor(b.id, 'admin'))).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('detects the newest events deleted, which the chain alone cannot show, by the expected head and by a checkpoint', async () => {
      const { services } = await threeEvents();
      const noted = (await services.integrity.verifyAuditChain(OPERATOR)).head!;
      await services.integrity.writeCheckpoint(OPERATOR, signer);
      await services.organizations.create(OPERATOR, { slug: 'd-org', name: 'D' });
      expect(await services.integrity.verifyAuditChain(OPERATOR, { expectedHead: noted, publicKeys: [signer.publicKey] })).toMatchObject({
        intact: true,
        expectedHead: { outcome: 'matches', eventsAfter: 1 },
        checkpoints: { count: 1, signaturesChecked: true, problems: [] },
      });

      await store().db.deleteFrom('audit_events').where('seq', '>=', noted.seq).execute();
      const report = await services.integrity.verifyAuditChain(OPERATOR, { expectedHead: noted, publicKeys: [signer.publicKey] });
      expect(report.firstBreak).toBeNull();
      expect(report).toMatchObject({
        intact: false,
        events: 2,
        expectedHead: { outcome: 'missing', hashNow: null, eventsAfter: 0, why: `event ${noted.seq} is gone: the events from it on were deleted` },
        checkpoints: { problems: [{ checkpoint: { seq: noted.seq }, why: `event ${noted.seq} it vouches for is gone: events were deleted` }] },
      });
    });

    it('detects an event rewritten with every later hash recomputed by the checkpoint over it, without the private key', async () => {
      const { services, organizations } = await threeEvents();
      await services.integrity.writeCheckpoint(OPERATOR, signer);
      const first = await store().db.selectFrom('audit_events').select('seq').where('subject', '=', `organization:${organizations[0]!.id}`).executeTakeFirstOrThrow();
      await rewriteAndRehash(store().db, Number(first.seq), { name: 'Someone else' });

      const report = await services.integrity.verifyAuditChain(OPERATOR, { publicKeys: [signer.publicKey] });
      expect(report.firstBreak).toBeNull();
      expect(report.intact).toBe(false);
      expect(report.checkpoints.problems).toEqual([
        expect.objectContaining({ why: expect.stringMatching(/now has another hash: the chain up to it was rewritten and the hashes recomputed/) }),
      ]);
      // Nor is the rewritten chain signed again.
      await expect(services.integrity.writeCheckpoint(OPERATOR, signer)).rejects.toThrow(ConflictError);
      await expect(services.integrity.writeCheckpoint(OPERATOR, signer)).rejects.toThrow(/no longer passes through the checkpoint of event \d+: nothing is signed over it/);
    });

    it('detects a checkpoint with a forged signature, and a key that signed none', async () => {
      const { services } = await threeEvents();
      const written = (await services.integrity.writeCheckpoint(OPERATOR, forger))!;
      // A forger who also rewrote the chain signs its own checkpoint, under the real key's name.
      await store().db.updateTable('audit_checkpoints').set({ key_id: signer.keyId }).execute();
      const report = await services.integrity.verifyAuditChain(OPERATOR, { publicKeys: [signer.publicKey] });
      expect(report).toMatchObject({ intact: false, firstBreak: null });
      expect(report.checkpoints.problems).toEqual([
        { checkpoint: { seq: written.seq, hash: written.hash, createdAt: written.createdAt, keyId: signer.keyId }, why: expect.stringMatching(/^its signature does not verify with the public key given: it was forged or altered/) },
      ]);

      await store().db.deleteFrom('audit_checkpoints').execute();
      expect((await services.integrity.verifyAuditChain(OPERATOR, { publicKeys: [signer.publicKey] })).checkpoints.problems).toEqual([
        { checkpoint: null, why: 'there is no checkpoint to check: none was written, or every one was deleted' },
      ]);
      // Without a key nothing is expected of checkpoints.
      expect(await services.integrity.verifyAuditChain(OPERATOR)).toMatchObject({ intact: true, checkpoints: { count: 0, signaturesChecked: false } });
    });

    it('detects a signed checkpoint whose hash was changed to match a rewritten chain', async () => {
      const { services } = await threeEvents();
      const written = (await services.integrity.writeCheckpoint(OPERATOR, signer))!;
      await rewriteAndRehash(store().db, written.seq, { name: 'Changed' });
      const rehashed = await store().db.selectFrom('audit_events').select('hash').where('seq', '=', written.seq).executeTakeFirstOrThrow();
      await store().db.updateTable('audit_checkpoints').set({ event_hash: rehashed.hash }).execute();
      const report = await services.integrity.verifyAuditChain(OPERATOR, { publicKeys: [signer.publicKey] });
      expect(report.checkpoints.problems).toEqual([expect.objectContaining({ why: expect.stringMatching(/signature does not verify/) })]);
    });

    it('signs the head once, refuses to sign a broken chain, and goes on from the latest checkpoint it signed', async () => {
      const services = createServices(store());
      await expect(services.integrity.writeCheckpoint(OPERATOR, signer)).resolves.toBeNull();
      await services.organizations.create(OPERATOR, { slug: 'a-org', name: 'A' });
      const first = (await services.integrity.writeCheckpoint(OPERATOR, signer))!;
      expect(first).toMatchObject({ keyId: signer.keyId, seq: expect.any(Number) });
      await expect(services.integrity.writeCheckpoint(OPERATOR, signer)).resolves.toBeNull();

      await services.organizations.create(OPERATOR, { slug: 'b-org', name: 'B' });
      await store().db.updateTable('audit_events').set({ actor: 'user:mallory@example.test' }).where('seq', '>', first.seq).execute();
      await expect(services.integrity.writeCheckpoint(OPERATOR, signer)).rejects.toThrow(/The audit chain breaks at event \d+ \(altered\): nothing is signed over it/);
      await expect(services.integrity.writeCheckpoint(tokenActor('x', 'admin'), signer)).rejects.toThrow(ForbiddenError);
    });

    it("gives an organisation's auditors the installation's head and latest checkpoint, and no one else", async () => {
      const services = createServices(store());
      const mine = await services.organizations.create(OPERATOR, { slug: 'mine', name: 'Mine' });
      await services.organizations.create(OPERATOR, { slug: 'theirs', name: 'Theirs' });
      const checkpoint = (await services.integrity.writeCheckpoint(OPERATOR, signer))!;
      const auditor = tokenActor(mine.id, 'auditor');
      const head = await services.integrity.head(auditor, mine.id);
      expect(head).toEqual({
        head: { seq: checkpoint.seq, hash: checkpoint.hash },
        checkpoint: { seq: checkpoint.seq, hash: checkpoint.hash, createdAt: checkpoint.createdAt, keyId: signer.keyId, signature: checkpoint.signature },
      });
      await expect(services.integrity.head(tokenActor(mine.id, 'viewer'), mine.id)).rejects.toThrow(ForbiddenError);
      await expect(services.integrity.head(tokenActor('elsewhere', 'auditor'), mine.id)).rejects.toThrow(NotFoundError);
    });
  });
}
