import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { engagementSettings, sequentialIds, unique } from '../../../test/support/factories.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../domain/errors.js';
import { buildAction, buildFinding, doneAction } from '../../domain/findings/testing.js';
import { REMINDER_TYPE, type ReminderPayload } from '../../domain/remediation/index.js';
import { createAuditRepository } from '../../store/audit-repository.js';
import type { Store } from '../../store/database.js';
import { createFindingsRepository } from '../../store/findings-repository.js';
import { OPERATOR, type Actor } from '../platform/actor.js';
import { createServices } from '../index.js';
import type { WebhookSettings } from './remediation-service.js';
import { WHOLE_PAGE } from '../testing.js';
import { webhookPolicyFrom } from './webhook-addresses.js';

const NOW = new Date('2026-08-15T10:00:00Z');
const clock = () => NOW;

/** A real webhook receiver on a free loopback port: answers `status`, or never answers when `hang`. */
class Receiver {
  readonly received: { body: ReminderPayload; contentType: string | undefined }[] = [];
  status = 204;
  hang = false;
  /** Where a redirect answer points. */
  location: string | null = null;
  private readonly server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      this.received.push({ body: JSON.parse(text) as ReminderPayload, contentType: request.headers['content-type'] });
      if (!this.hang) response.writeHead(this.status, this.location ? { location: this.location } : {}).end('ok');
    });
  });
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/secret-token`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: remediation service`, () => {
    const store = useFreshStore(engine);
    let receiver: Receiver;
    afterEach(() => receiver?.stop());

    /** The operator's log of failed deliveries, as the service wrote it. */
    let log: string[] = [];

    /**
     * The service with its webhooks allowed on loopback, where the receiver listens (the default refuses it), or
     * as `webhooks` says.
     */
    async function setUp(webhooks: Partial<WebhookSettings> = {}, s: Store = store()) {
      log = [];
      const settings = (more: Partial<WebhookSettings>): WebhookSettings => ({
        policy: webhookPolicyFrom({ ASSAY_WEBHOOK_ALLOW: '127.0.0.0/8' }),
        logFailure: (line) => log.push(line),
        ...more,
      });
      const newId = sequentialIds();
      const services = createServices(s, { clock, newId, webhooks: settings(webhooks) });
      const remediation = services.remediation;
      /** The service over the same database with other webhook settings. */
      const remediationWith = (more: Partial<WebhookSettings>) => createServices(s, { clock, newId, webhooks: settings(more) }).remediation;
      const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
      const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings({ name: 'FY2026' }));
      const findings = createFindingsRepository(s.db);
      await findings.create(
        engagement.id,
        buildFinding({
          identifiedOn: '2026-07-01',
          correctiveActions: [buildAction({ id: 'CA-1', due: '2026-08-01' }), buildAction({ id: 'CA-2', due: '2026-08-20' }), doneAction('2026-07-20', 'CA-3')],
        }),
      );
      await findings.create(engagement.id, buildFinding({ code: 'F-FP', status: 'false_positive', correctiveActions: [buildAction({ id: 'CA-9', due: '2026-01-01' })] }));
      receiver = new Receiver();
      const memberOf = async (role: 'viewer' | 'owner' | 'compliance'): Promise<Actor> => {
        const email = `${unique(role)}@acme.example`;
        const member = await services.members.add(OPERATOR, organization.id, { email, role, displayName: role, password: 'correct horse battery staple' });
        return { kind: 'user', userId: member.userId, email };
      };
      return { services, remediation, remediationWith, org: organization.id, eng: engagement.id, memberOf, url: await receiver.start() };
    }

    const events = async (type: string) => (await createAuditRepository(store().db).list({ limit: 100, offset: 0, type })).items;

    it('shows each action’s standing today, the counts and the burndown, false positives left out', async () => {
      const { remediation, org, eng } = await setUp();
      const view = await remediation.view(OPERATOR, org, eng, WHOLE_PAGE);
      expect(view.today).toBe('2026-08-15');
      expect(view.plan).toEqual({ targetDate: null, webhookUrl: null, dueSoonDays: 14, version: 0 });
      expect(view.actions.map((a) => [a.action.id, a.state, a.daysLate ?? a.daysLeft])).toEqual([
        ['CA-1', 'overdue', 14],
        ['CA-2', 'due_soon', 5],
        ['CA-3', 'done', null],
      ]);
      expect(view.counts).toEqual({ total: 3, done: 1, overdue: 1, dueSoon: 1 });
      expect(view.burndown).toMatchObject({ start: '2026-07-01', target: '2026-08-31' });
      expect(view.burndown.points.find((p) => p.date === '2026-08-15')).toMatchObject({ remaining: 2 });
    });

    it('saves the plan at its version with an audit event, and refuses a bad webhook at its JSON path, writing nothing', async () => {
      const { remediation, org, eng, url, memberOf } = await setUp();
      const saved = await remediation.updatePlan(OPERATOR, org, eng, 0, { targetDate: '2026-09-30', webhookUrl: url, dueSoonDays: 7 });
      expect(saved).toEqual({ targetDate: '2026-09-30', webhookUrl: url, dueSoonDays: 7, version: 1 });
      await expect(remediation.updatePlan(OPERATOR, org, eng, 0, { targetDate: null, webhookUrl: null, dueSoonDays: 14 })).rejects.toThrow(ConflictError);
      const bad = remediation.updatePlan(OPERATOR, org, eng, 1, { targetDate: null, webhookUrl: 'file:///etc/passwd', dueSoonDays: 120 });
      await expect(bad).rejects.toThrow(ValidationError);
      await expect(bad).rejects.toMatchObject({ issues: [{ location: '$.webhookUrl' }, { location: '$.dueSoonDays' }] });
      expect((await remediation.view(OPERATOR, org, eng, WHOLE_PAGE)).plan).toEqual(saved);

      const [event] = await events('remediation.plan_updated');
      expect(event).toMatchObject({ actor: 'operator:cli', before: { version: 0, webhookUrl: null }, after: { version: 1, targetDate: '2026-09-30' } });
      // The audit log and those who may not manage the plan see where reminders go, not the webhook's secret path.
      expect(JSON.stringify(event)).not.toContain('secret-token');
      const viewer = await memberOf('viewer');
      expect((await remediation.view(viewer, org, eng, WHOLE_PAGE)).plan.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…$/);
      await expect(remediation.updatePlan(viewer, org, eng, 1, saved)).rejects.toThrow(ForbiddenError);
      await expect(remediation.sendReminders(await memberOf('owner'), org, eng)).rejects.toThrow(ForbiddenError);
    });

    it('POSTs the reminder JSON to the webhook and audits the delivery', async () => {
      const { remediation, org, eng, url, memberOf } = await setUp();
      await expect(remediation.sendReminders(OPERATOR, org, eng)).rejects.toMatchObject({ issues: [{ location: '$.webhookUrl' }] });
      await remediation.updatePlan(OPERATOR, org, eng, 0, { targetDate: null, webhookUrl: url, dueSoonDays: 14 });
      const compliance = await memberOf('compliance');
      expect(await remediation.sendReminders(compliance, org, eng)).toEqual({ delivery: 'delivered', overdue: 1, dueSoon: 1 });
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]?.contentType).toBe('application/json');
      expect(receiver.received[0]?.body).toMatchObject({
        type: REMINDER_TYPE,
        engagement: { id: eng, name: 'FY2026' },
        today: '2026-08-15',
        overdue: [{ finding: 'F-AC-04', action: 'CA-1', owner: 'it-ops@acme.example', due: '2026-08-01', daysLate: 14 }],
        dueSoon: [{ finding: 'F-AC-04', action: 'CA-2', due: '2026-08-20', daysLeft: 5 }],
      });

      receiver.status = 500;
      // The caller and the audit log learn that it failed; only the operator's log says why.
      expect(await remediation.sendReminders(OPERATOR, org, eng)).toEqual({ delivery: 'failed', overdue: 1, dueSoon: 1 });
      expect(log).toEqual([expect.stringMatching(/^webhook delivery failed for engagement .*: HTTP 500 from 127\.0\.0\.1$/)]);
      const logged = await events('remediation.reminders_sent');
      expect(logged.map((e) => e.after)).toEqual([
        { delivery: 'failed', overdue: 1, dueSoon: 1, today: '2026-08-15', webhook: expect.stringMatching(/\/…$/) },
        { delivery: 'delivered', overdue: 1, dueSoon: 1, today: '2026-08-15', webhook: expect.stringMatching(/\/…$/) },
      ]);
      expect(logged[1]).toMatchObject({ actor: `user:${(compliance as { email: string }).email}` });
    });

    it('sends nothing when nothing is overdue or due soon', async () => {
      const { remediation, org, eng, url } = await setUp();
      await remediation.updatePlan(OPERATOR, org, eng, 0, { targetDate: null, webhookUrl: url, dueSoonDays: 1 });
      const findings = createFindingsRepository(store().db);
      const [finding] = await findings.list(eng);
      await findings.update(eng, finding!.version, { ...finding!, correctiveActions: [buildAction({ due: '2026-12-31' })] });
      expect(await remediation.sendReminders(OPERATOR, org, eng)).toEqual({ delivery: 'nothing_to_send', overdue: 0, dueSoon: 0 });
      expect(receiver.received).toHaveLength(0);
      expect(await events('remediation.reminders_sent')).toEqual([]);
    });

    it('gives up on a webhook that does not answer in time, one that cannot be reached, and one that redirects: failed, the same to the caller', async () => {
      const { remediation, org, eng, url } = await setUp({ timeoutMs: 200 });
      await remediation.updatePlan(OPERATOR, org, eng, 0, { targetDate: null, webhookUrl: url, dueSoonDays: 14 });
      const elsewhere = new Receiver();
      receiver.status = 307;
      receiver.location = await elsewhere.start();
      expect(await remediation.sendReminders(OPERATOR, org, eng)).toEqual({ delivery: 'failed', overdue: 1, dueSoon: 1 });
      // No redirect is followed.
      expect(elsewhere.received).toHaveLength(0);
      await elsewhere.stop();
      receiver.hang = true;
      expect(await remediation.sendReminders(OPERATOR, org, eng)).toEqual({ delivery: 'failed', overdue: 1, dueSoon: 1 });
      await receiver.stop();
      // A closed port looks exactly like every other failure.
      expect(await remediation.sendReminders(OPERATOR, org, eng)).toEqual({ delivery: 'failed', overdue: 1, dueSoon: 1 });
      expect(log).toEqual([
        expect.stringMatching(/: HTTP 307 from 127\.0\.0\.1$/),
        expect.stringMatching(/: no answer within 0\.2 s \(127\.0\.0\.1\)$/),
        expect.stringMatching(/: ECONNREFUSED \(127\.0\.0\.1\)$/),
      ]);
      const logged = await events('remediation.reminders_sent');
      expect(new Set(logged.map((e) => JSON.stringify(e.after))).size).toBe(1);
    });

    it('refuses a webhook on the instance’s own network unless the operator allows it, however the address is written', async () => {
      const { remediation, remediationWith, org, eng, url } = await setUp({ policy: webhookPolicyFrom({}) });
      const port = new URL(url).port;
      const set = (webhookUrl: string) => remediation.updatePlan(OPERATOR, org, eng, 0, { targetDate: null, webhookUrl, dueSoonDays: 14 });
      for (const webhookUrl of [
        url,
        `http://localhost:${port}/`,
        'http://169.254.169.254/latest/meta-data/',
        'http://[::ffff:169.254.169.254]/',
        `http://2130706433:${port}/`,
        `http://0x7f000001:${port}/`,
        `http://0177.0.0.1:${port}/`,
        `http://127.1:${port}/`,
        'http://[::1]/',
        'http://[fd00::1]/',
        'http://10.0.0.1/',
        'http://100.64.0.1/',
        'http://0.0.0.0/',
      ]) {
        const refused = set(webhookUrl);
        await expect(refused, webhookUrl).rejects.toThrow(ValidationError);
        await expect(refused, webhookUrl).rejects.toMatchObject({ issues: [{ location: '$.webhookUrl', message: expect.stringMatching(/^must reach a public address/) }] });
      }
      expect((await remediation.view(OPERATOR, org, eng, WHOLE_PAGE)).plan.webhookUrl).toBeNull();

      // A host name is refused without saying what it resolves to, or whether it resolves at all.
      const named = remediationWith({
        policy: webhookPolicyFrom({}),
        resolve: async (host) => (host === 'db.internal' ? [{ address: '10.1.2.3', family: 4 }] : Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }))),
      });
      const messages = [];
      for (const webhookUrl of ['http://db.internal/', 'http://nowhere.internal/']) {
        const error = await named.updatePlan(OPERATOR, org, eng, 0, { targetDate: null, webhookUrl, dueSoonDays: 14 }).catch((e: ValidationError) => e);
        messages.push((error as ValidationError).issues[0]?.message);
      }
      expect(messages[0]).toBe(messages[1]);
      expect(messages[0]).not.toContain('10.1.2.3');
    });

    it('checks the address again at each delivery and connects to the one it checked, so DNS cannot rebind in between', async () => {
      const answers: string[] = [];
      let next = '93.184.216.34';
      const resolve = async (host: string) => {
        answers.push(host);
        return [{ address: next, family: 4 }];
      };
      // Loopback allowed for this one host name only, as an operator would allow an internal receiver.
      const { remediation, remediationWith, services, org, eng, url } = await setUp({ policy: webhookPolicyFrom({ ASSAY_WEBHOOK_ALLOW: 'hooks.example.test' }), resolve });
      const named = `http://hooks.example.test:${new URL(url).port}/hooks/secret-token`;
      await remediation.updatePlan(OPERATOR, org, eng, 0, { targetDate: null, webhookUrl: named, dueSoonDays: 14 });
      // hooks.example.test is in no DNS: the request reaches the receiver only through the address checked.
      next = '127.0.0.1';
      expect(await remediation.sendReminders(OPERATOR, org, eng)).toMatchObject({ delivery: 'delivered' });
      expect(receiver.received).toHaveLength(1);
      expect(answers).toEqual(['hooks.example.test', 'hooks.example.test']);

      // Another host, public when set, later rebound to loopback: refused at delivery, nothing sent.
      const strict = remediationWith({ policy: webhookPolicyFrom({}), resolve });
      next = '93.184.216.34';
      const other = `http://rebinding.example.test:${new URL(url).port}/`;
      const engagement = await services.engagements.create(OPERATOR, org, engagementSettings({ name: 'Rebound' }));
      await createFindingsRepository(store().db).create(engagement.id, buildFinding({ correctiveActions: [buildAction({ due: '2026-08-01' })] }));
      await strict.updatePlan(OPERATOR, org, engagement.id, 0, { targetDate: null, webhookUrl: other, dueSoonDays: 14 });
      next = '127.0.0.1';
      expect(await strict.sendReminders(OPERATOR, org, engagement.id)).toEqual({ delivery: 'failed', overdue: 1, dueSoon: 0 });
      expect(receiver.received).toHaveLength(1);
      expect(log).toEqual([expect.stringMatching(/refused: rebinding\.example\.test resolves to 127\.0\.0\.1 \(loopback\)$/)]);
    });

    it('reminds every engagement with a webhook, each with its own outcome', async () => {
      const first = await setUp();
      const { services } = first;
      await first.remediation.updatePlan(OPERATOR, first.org, first.eng, 0, { targetDate: null, webhookUrl: first.url, dueSoonDays: 14 });
      const quiet = await services.engagements.create(OPERATOR, first.org, engagementSettings({ name: 'No webhook' }));
      const broken = await services.engagements.create(OPERATOR, first.org, engagementSettings({ name: 'Broken webhook' }));
      await createFindingsRepository(store().db).create(broken.id, buildFinding({ correctiveActions: [buildAction({ due: '2026-08-01' })] }));
      await first.remediation.updatePlan(OPERATOR, first.org, broken.id, 0, { targetDate: null, webhookUrl: 'http://127.0.0.1:9/', dueSoonDays: 14 });
      const outcomes = await first.remediation.sendAllReminders(OPERATOR);
      expect(outcomes.map((o) => [o.engagementName, o.outcome.delivery])).toEqual(
        expect.arrayContaining([
          ['FY2026', 'delivered'],
          ['Broken webhook', 'failed'],
        ]),
      );
      expect(outcomes).toHaveLength(2);
      expect(outcomes.some((o) => o.engagementId === quiet.id)).toBe(false);
    });
  });
}
