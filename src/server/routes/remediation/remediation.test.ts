import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { buildAction, buildFinding, doneAction } from '../../../domain/findings/testing.js';
import { addDays } from '../../../domain/dates.js';
import { createFindingsRepository } from '../../../store/findings-repository.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base, seedEngagement } from '../testing.js';
import { webhookPolicyFrom } from '../../../services/remediation/webhook-addresses.js';

/** The server's clock is the real one: dates are set around today. */
const today = new Date().toISOString().slice(0, 10);

/**
 * The receiver listens on loopback, which webhooks may not reach unless the operator allows it: these tests
 * allow 127.0.0.1. Other names resolve to a public address of the documentation range, without real DNS.
 */
const webhooks = {
  policy: webhookPolicyFrom({ ASSAY_WEBHOOK_ALLOW: '127.0.0.1' }),
  resolve: async () => [{ address: '93.184.216.34', family: 4 }],
};

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: remediation API`, () => {
    const t = useTestApp(engine, { webhooks });
    let server: Server | undefined;
    afterEach(async () => {
      server?.closeAllConnections();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      server = undefined;
    });

    /** A webhook receiver on a free loopback port that keeps the bodies it gets. */
    async function webhook(status = 200): Promise<{ url: string; bodies: unknown[] }> {
      const bodies: unknown[] = [];
      server = createServer((request, response) => {
        let text = '';
        request.on('data', (chunk: Buffer) => (text += chunk.toString()));
        request.on('end', () => {
          bodies.push(JSON.parse(text));
          response.writeHead(status).end();
        });
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/s3cret`, bodies };
    }

    async function engagementWithActions() {
      const engagement = await seedEngagement(t(), { name: 'FY2026' });
      await createFindingsRepository(t().store.db).create(
        engagement.id,
        buildFinding({
          title: 'Leavers kept access',
          identifiedOn: addDays(today, -30),
          correctiveActions: [
            buildAction({ id: 'CA-1', due: addDays(today, -3) }),
            buildAction({ id: 'CA-2', due: addDays(today, 2) }),
            { ...doneAction(addDays(today, -10), 'CA-3'), due: addDays(today, 20) },
          ],
        }),
      );
      return `${base(t())}/engagements/${engagement.id}/remediation`;
    }

    it('shows every action with its standing, the counts and the burndown', async () => {
      const url = await engagementWithActions();
      const viewer = await t().member('viewer');
      const response = await viewer.request({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      const view = response.json();
      expect(view).toMatchObject({
        plan: { targetDate: null, webhookUrl: null, dueSoonDays: 14, version: 0 },
        today,
        counts: { total: 3, done: 1, overdue: 1, dueSoon: 1 },
        burndown: { start: addDays(today, -30) },
      });
      expect(view.actions.map((a: { finding: string; action: { id: string }; state: string }) => `${a.finding}/${a.action.id}/${a.state}`)).toEqual([
        'F-AC-04/CA-1/overdue',
        'F-AC-04/CA-2/due_soon',
        'F-AC-04/CA-3/done',
      ]);
      expect(view.actions[0]).toMatchObject({ findingTitle: 'Leavers kept access', daysLate: 3, daysLeft: null });
      expect(view.burndown.points.find((p: { date: string }) => p.date === today)).toMatchObject({ remaining: 2 });
      expect(view).toMatchObject({ total: 3, limit: 50, offset: 0 });
    });

    it('pages the actions, with the counts and the burndown over all of them', async () => {
      const url = await engagementWithActions();
      const viewer = await t().member('viewer');
      const page = (await viewer.request({ method: 'GET', url: `${url}?limit=1&offset=1` })).json();
      expect(page).toMatchObject({ total: 3, limit: 1, offset: 1, counts: { total: 3, done: 1 } });
      expect(page.actions.map((a: { action: { id: string } }) => a.action.id)).toEqual(['CA-2']);
      expect(page.burndown.points.find((p: { date: string }) => p.date === today)).toMatchObject({ remaining: 2 });
    });

    it('sets the plan at its version; refuses a bad one with where the problem is, writing nothing', async () => {
      const url = await engagementWithActions();
      const compliance = await t().member('compliance');
      const hook = 'https://hooks.example.com/services/T0/s3cret';
      const put = (payload: object) => compliance.request({ method: 'PUT', url: `${url}/plan`, payload });
      const saved = await put({ version: 0, targetDate: addDays(today, 30), webhookUrl: hook, dueSoonDays: 7 });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toEqual({ targetDate: addDays(today, 30), webhookUrl: hook, dueSoonDays: 7, version: 1 });

      const scheme = await put({ version: 1, targetDate: null, webhookUrl: 'javascript:alert(1)', dueSoonDays: 7 });
      expect(scheme.statusCode).toBe(422);
      expect(scheme.json().issues).toEqual([{ location: '$.webhookUrl', message: 'must be an http or https URL, not javascript' }]);
      const shape = await put({ version: 1, targetDate: '2026-02-30', webhookUrl: null, dueSoonDays: 0, extra: true });
      expect(shape.statusCode).toBe(400);
      expect(shape.json().issues.map((i: { location: string }) => i.location)).toEqual(expect.arrayContaining(['$.targetDate', '$.dueSoonDays']));
      const stale = await put({ version: 0, targetDate: null, webhookUrl: null, dueSoonDays: 14 });
      expect(stale.statusCode).toBe(409);

      // Readers see where reminders go, not the webhook's secret path; the plan is as saved.
      const viewer = await t().member('viewer');
      expect((await viewer.request({ method: 'GET', url })).json().plan).toEqual({ targetDate: addDays(today, 30), webhookUrl: 'https://hooks.example.com/…', dueSoonDays: 7, version: 1 });
      expect((await compliance.request({ method: 'GET', url })).json().plan.webhookUrl).toBe(hook);
      expect(await auditEvents(t(), 'remediation.plan_updated')).toHaveLength(1);
    });

    it('sends the reminder to the webhook on demand, and says why when there is none', async () => {
      const url = await engagementWithActions();
      const admin = await t().member('admin');
      const none = await admin.request({ method: 'POST', url: `${url}/reminders`, payload: {} });
      expect(none.statusCode).toBe(422);
      expect(none.json().issues[0]).toMatchObject({ location: '$.webhookUrl' });

      const hook = await webhook();
      await admin.request({ method: 'PUT', url: `${url}/plan`, payload: { version: 0, targetDate: null, webhookUrl: hook.url, dueSoonDays: 14 } });
      const sent = await admin.request({ method: 'POST', url: `${url}/reminders`, payload: {} });
      expect(sent.statusCode).toBe(200);
      expect(sent.json()).toEqual({ delivery: 'delivered', overdue: 1, dueSoon: 1 });
      expect(hook.bodies).toEqual([
        expect.objectContaining({
          engagement: expect.objectContaining({ name: 'FY2026' }),
          overdue: [expect.objectContaining({ finding: 'F-AC-04', action: 'CA-1', owner: 'it-ops@acme.example', daysLate: 3 })],
          dueSoon: [expect.objectContaining({ action: 'CA-2', daysLeft: 2 })],
        }),
      ]);
      const [event] = await auditEvents(t(), 'remediation.reminders_sent');
      expect(event).toMatchObject({ actor: `user:${admin.email}`, after: { delivery: 'delivered' } });
      expect(JSON.stringify(event)).not.toContain('s3cret');
    });

    it('refuses a webhook on loopback or link-local at its JSON path, and reports a failed delivery with nothing more', async () => {
      const url = await engagementWithActions();
      const admin = await t().member('admin');
      const hook = await webhook();
      for (const webhookUrl of ['http://127.0.0.2/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/']) {
        const refused = await admin.request({ method: 'PUT', url: `${url}/plan`, payload: { version: 0, targetDate: null, webhookUrl, dueSoonDays: 14 } });
        expect(refused.statusCode, webhookUrl).toBe(422);
        expect(refused.json().issues, webhookUrl).toEqual([{ location: '$.webhookUrl', message: expect.stringMatching(/^must reach a public address: .* address/) }]);
      }
      // A port where nothing listens answers exactly like a webhook that refuses the reminder.
      await admin.request({ method: 'PUT', url: `${url}/plan`, payload: { version: 0, targetDate: null, webhookUrl: `${new URL(hook.url).origin}/`, dueSoonDays: 14 } });
      server?.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
      server = undefined;
      const closed = await admin.request({ method: 'POST', url: `${url}/reminders`, payload: {} });
      expect(closed.statusCode).toBe(200);
      expect(closed.json()).toEqual({ delivery: 'failed', overdue: 1, dueSoon: 1 });
      const [event] = await auditEvents(t(), 'remediation.reminders_sent');
      expect(Object.keys(event?.after as object).sort()).toEqual(['delivery', 'dueSoon', 'overdue', 'today', 'webhook']);
    });
  });
}
