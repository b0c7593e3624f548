import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { engagementSettings } from '../../../../test/support/factories.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { signerOf } from '../../../services/audit-log/checkpoint-signature.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base, samplesOf, seedControl, seedEngagement, seedTest } from '../testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: audit events API`, () => {
    const t = useTestApp(engine);

    /** AC-04 with a test, changed by compliance and tested by the auditor; AC-05 beside it. */
    async function seeded() {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-04' });
      await seedControl(t(), engagement.id, { id: 'AC-05' });
      await seedTest(t(), engagement.id, 'AC-04', { populationSize: 42, samples: samplesOf('ppppp') });
      await seedTest(t(), engagement.id, 'AC-05');
      const controlUrl = `${base(t())}/engagements/${engagement.id}/controls/AC-04`;
      const compliance = await t().member('compliance');
      const auditor = await t().member('auditor');
      const changed = await compliance.request({ method: 'PATCH', url: controlUrl, payload: { version: 1, title: 'Leavers lose access within a day' } });
      expect(changed.statusCode).toBe(200);
      const recorded = await auditor.request({ method: 'PATCH', url: `${controlUrl}/test/samples/T-0002`, payload: { result: 'fail', note: 'Nine days late', reason: 'Re-inspected the ticket' } });
      expect(recorded.statusCode).toBe(200);
      return { engagement, controlUrl, compliance, auditor };
    }

    it("gives a control's history, newest first: its own events and its test's, nobody else's", async () => {
      const { controlUrl, compliance, auditor } = await seeded();
      const response = await auditor.request({ method: 'GET', url: `${controlUrl}/audit-events` });
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page).toMatchObject({ total: 4, limit: 50, offset: 0 });
      expect(page.items.map((e: { type: string; actor: string }) => [e.type, e.actor])).toEqual([
        ['sample.recorded', `user:${auditor.email}`],
        ['control.updated', `user:${compliance.email}`],
        ['test.recorded', 'operator:cli'],
        ['control.created', 'operator:cli'],
      ]);
      const [sample, control] = page.items;
      expect(Object.keys(sample).sort()).toEqual(['actor', 'after', 'before', 'by', 'occurredAt', 'seq', 'subject', 'type']);
      // Who acted, whole: readers need not parse the words.
      expect(page.items.map((e: { by: unknown }) => e.by)).toEqual([
        { kind: 'user', userId: auditor.userId, email: auditor.email },
        { kind: 'user', userId: compliance.userId, email: compliance.email },
        { kind: 'operator' },
        { kind: 'operator' },
      ]);
      expect(sample).toMatchObject({
        subject: expect.stringMatching(/^test:/),
        before: { control: 'AC-04', item: 'T-0002', result: 'pass', note: null },
        after: { control: 'AC-04', item: 'T-0002', result: 'fail', note: 'Nine days late' },
      });
      expect(control).toMatchObject({ subject: expect.stringMatching(/^control:/), before: { title: expect.any(String) }, after: { title: 'Leavers lose access within a day' } });
      expect(sample.seq).toBeGreaterThan(control.seq);

      const controlOnly = (await auditor.request({ method: 'GET', url: `${controlUrl}/audit-events?type=control.updated` })).json();
      expect(controlOnly.items.map((e: { type: string }) => e.type)).toEqual(['control.updated']);
      const second = (await auditor.request({ method: 'GET', url: `${controlUrl}/audit-events?limit=1&offset=1` })).json();
      expect(second).toMatchObject({ total: 4, limit: 1, offset: 1, items: [{ type: 'control.updated' }] });
    });

    it("lists the organisation's events by subject and type, and refuses an unknown type", async () => {
      const { engagement, auditor } = await seeded();
      const url = `${base(t())}/audit-events`;
      const all = (await auditor.request({ method: 'GET', url })).json();
      expect(all.items[0]).toMatchObject({ type: 'sample.recorded' });
      expect(all.items.map((e: { seq: number }) => e.seq)).toEqual([...all.items.map((e: { seq: number }) => e.seq)].sort((a, b) => b - a));
      const subject = `engagement:${engagement.id}`;
      const created = (await auditor.request({ method: 'GET', url: `${url}?subject=${encodeURIComponent(subject)}` })).json();
      expect(created.items).toEqual([expect.objectContaining({ type: 'engagement.created', subject, actor: 'operator:cli' })]);
      const samples = (await auditor.request({ method: 'GET', url: `${url}?type=sample.recorded` })).json();
      expect(samples.total).toBe(1);
      const unknown = await auditor.request({ method: 'GET', url: `${url}?type=control.deleted` });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().issues[0].location).toMatch(/type/);
    });

    it("never shows another organisation's events", async () => {
      await seeded();
      const other = await t().services.organizations.create(OPERATOR, { slug: 'other-org', name: 'Other' });
      const elsewhere = await t().services.engagements.create(OPERATOR, other.id, engagementSettings());
      const admin = await t().member('admin');
      const page = (await admin.request({ method: 'GET', url: `${base(t())}/audit-events?limit=1000` })).json();
      const subjects = page.items.map((e: { subject: string }) => e.subject);
      expect(subjects).not.toContain(`organization:${other.id}`);
      expect(subjects).not.toContain(`engagement:${elsewhere.id}`);
      const asked = await admin.request({ method: 'GET', url: `${base(t())}/audit-events?subject=${encodeURIComponent(`engagement:${elsewhere.id}`)}` });
      expect(asked.json()).toMatchObject({ total: 0, items: [] });
    });

    it('shows the history to admin, compliance and the auditor; not to owners and viewers; 404 for an unknown control', async () => {
      const { controlUrl } = await seeded();
      for (const role of ['admin', 'compliance', 'auditor'] as const) {
        const member = await t().member(role);
        expect((await member.request({ method: 'GET', url: `${controlUrl}/audit-events` })).statusCode, role).toBe(200);
      }
      for (const role of ['owner', 'viewer'] as const) {
        const member = await t().member(role);
        expect((await member.request({ method: 'GET', url: `${controlUrl}/audit-events` })).statusCode, role).toBe(403);
        expect((await member.request({ method: 'GET', url: `${base(t())}/audit-events` })).statusCode, role).toBe(403);
      }
      const auditor = await t().member('auditor');
      expect((await auditor.request({ method: 'GET', url: `${controlUrl.replace('AC-04', 'NOPE-1')}/audit-events` })).statusCode).toBe(404);
      const outsider = await t().outsider();
      expect((await outsider.request({ method: 'GET', url: `${controlUrl}/audit-events` })).statusCode).toBe(404);
      expect((await t().anonymous.request({ method: 'GET', url: `${base(t())}/audit-events` })).statusCode).toBe(401);
    });

    it('gives one event of the organisation whole, and another organisation\'s as not found', async () => {
      const { auditor } = await seeded();
      const [event] = await auditEvents(t(), 'sample.recorded');
      const url = `${base(t())}/audit-events/${event!.seq}`;
      const response = await auditor.request({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ seq: event!.seq, type: 'sample.recorded', after: { item: 'T-0002', result: 'fail' } });
      const other = await t().services.organizations.create(OPERATOR, { slug: 'elsewhere', name: 'Elsewhere' });
      const [theirs] = (await t().services.auditEvents.list(OPERATOR, other.id, { limit: 1, offset: 0 })).items;
      expect((await auditor.request({ method: 'GET', url: `${base(t())}/audit-events/${theirs!.seq}` })).statusCode).toBe(404);
      expect((await auditor.request({ method: 'GET', url: `${base(t())}/audit-events/nope` })).statusCode).toBe(400);
    });

    it("gives auditors the installation's chain head and latest checkpoint: numbers and hashes, nothing of another organisation", async () => {
      const { auditor } = await seeded();
      const [viewer, outsider] = [await t().member('viewer'), await t().outsider()];
      const other = await t().services.organizations.create(OPERATOR, { slug: 'elsewhere', name: 'Elsewhere' });
      const signer = signerOf(generateKeyPairSync('ed25519').privateKey);
      const checkpoint = (await t().services.integrity.writeCheckpoint(OPERATOR, signer))!;
      const url = `${base(t())}/audit/head`;
      const response = await auditor.request({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        head: { seq: checkpoint.seq, hash: checkpoint.hash },
        checkpoint: { seq: checkpoint.seq, hash: checkpoint.hash, createdAt: checkpoint.createdAt, keyId: signer.keyId, signature: checkpoint.signature },
      });
      expect(response.body).not.toContain(other.id);
      expect(response.body).not.toContain('Elsewhere');
      expect((await viewer.request({ method: 'GET', url })).statusCode).toBe(403);
      expect((await outsider.request({ method: 'GET', url })).statusCode).toBe(404);
    });
  });
}
