import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { CONFIRM_WINDOW_MS, MAX_SUBSCRIPTIONS, NotFoundError, signatureMatches, ValidationError } from '../../domain/index.js';
import { createServices } from '../index.js';
import { OPERATOR } from '../platform/actor.js';
import { webhookPolicyFrom } from '../remediation/webhook-addresses.js';
import type { Resolve } from '../remediation/webhook-delivery.js';
import { findingsWorld } from '../testing.js';
import { keepingMailer, samplePdf } from './testing.js';
import { createTrustSubscriptionsRepository } from '../../store/trust-subscriptions-repository.js';
import { ADDRESS_NOT_ACCEPTED, DELIVERY_CONCURRENCY, LINK_DELETE_BATCH, UNSUBSCRIBE_LINK_DAYS, type TrustNotification } from './subscription-service.js';

const BASE = 'https://assay.example';
const HOST = { name: 'Cloud Host', purpose: 'hosting', location: 'EU' };

/** A webhook receiver on a loopback port, keeping each body as sent and its signature header. */
class Receiver {
  readonly received: { body: string; signature: string | undefined }[] = [];
  private readonly server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      this.received.push({ body, signature: request.headers['assay-signature'] as string | undefined });
      response.writeHead(204).end();
    });
  });
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const DAY_MS = 24 * 60 * 60 * 1000;
const RELAY = { name: 'Mail Relay', purpose: 'e-mail', location: 'US' };

/** The secret in a confirm or unsubscribe link (`…/subscription#confirm=<secret>`). */
const tokenIn = (text: string, action: 'confirm' | 'unsubscribe') => {
  const token = new RegExp(`#${action}=([\\w-]+)`).exec(text)?.[1];
  if (!token) throw new Error(`no ${action} link in ${text}`);
  return token;
};

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: trust page subscriptions`, () => {
    const store = useFreshStore(engine);
    let receiver: Receiver | undefined;
    afterEach(() => receiver?.stop());

    /**
     * A published page; webhooks may reach loopback (where the receiver listens) only when `loopback`, and host
     * names resolve as `resolve` answers when it is given.
     */
    async function world(options: { loopback?: boolean; resolve?: Resolve } = {}) {
      const w = await findingsWorld(store());
      const mailer = keepingMailer();
      const log: string[] = [];
      const policy = webhookPolicyFrom(options.loopback ? { ASSAY_WEBHOOK_ALLOW_PRIVATE: '1' } : {});
      // Each reading a second later: the latest report uploaded is the one with the latest time.
      let now = Date.parse('2026-12-05T10:00:00Z');
      const services = createServices(store(), { clock: () => new Date((now += 1000)), newId: randomUUID, mailer, webhooks: { policy, logFailure: (line) => log.push(line), timeoutMs: 2000, ...(options.resolve && { resolve: options.resolve }) } });
      const { trust, trustSubscriptions } = services;
      const { organizationId, engagementId } = w;
      const slug = (await services.organizations.get(OPERATOR, organizationId)).slug;
      const admin = await w.member('admin');
      const publish = (subprocessors = [HOST], offerReport = false) =>
        trust.publish(admin, organizationId, { engagementId, series: [], subprocessors, contact: 'trust@acme.example', offerReport }, BASE);
      const newReport = async () => {
        await trust.uploadReport(admin, organizationId, engagementId, 'soc2.pdf', await samplePdf(1));
        if (!(await trust.overview(admin, organizationId)).nda) await trust.versionNda(admin, organizationId, 'Keep it confidential.');
        return publish([HOST], true);
      };
      await publish();
      return { ...w, services, trust, subs: trustSubscriptions, slug, admin, mailer, log, publish, newReport, travel: (ms: number) => (now += ms) };
    }

    it('keeps an e-mail pending until its confirm link is followed, then tells it of a new report with a link to stop', async () => {
      const { subs, slug, mailer, newReport, trust, admin, organizationId } = await world();
      expect(await subs.subscribe(slug, { kind: 'email', email: ' Bea@Customer.example ' }, BASE)).toEqual({ kind: 'email', status: 'pending' });
      const [confirmMail] = mailer.sent.splice(0);
      expect(confirmMail).toMatchObject({ to: 'bea@customer.example', text: expect.stringContaining(`${BASE}/trust/${slug}/subscription#confirm=`) });
      await newReport();
      expect(mailer.sent).toEqual([]);
      expect((await trust.overview(admin, organizationId)).subscribers).toEqual({ email: 0, webhook: 0 });

      expect(await subs.confirm(slug, tokenIn(confirmMail!.text, 'confirm'))).toEqual({ status: 'active' });
      expect((await trust.overview(admin, organizationId)).subscribers).toEqual({ email: 1, webhook: 0 });
      await newReport();
      const [notice] = mailer.sent.splice(0);
      expect(notice).toMatchObject({ to: 'bea@customer.example', text: expect.stringContaining('A new SOC 2 report (type2') });
      expect(await subs.unsubscribe(slug, tokenIn(notice!.text, 'unsubscribe'))).toEqual({ status: 'unsubscribed' });

      await newReport();
      expect(mailer.sent).toEqual([]);
      await expect(subs.confirm(slug, tokenIn(confirmMail!.text, 'confirm'))).rejects.toThrow(/subscribe again/);
    });

    it('sends no second confirmation to an address already subscribed, and the same answer', async () => {
      const { subs, slug, mailer } = await world();
      await subs.subscribe(slug, { kind: 'email', email: 'bea@customer.example' }, BASE);
      await subs.confirm(slug, tokenIn(mailer.sent.splice(0)[0]!.text, 'confirm'));
      expect(await subs.subscribe(slug, { kind: 'email', email: 'bea@customer.example' }, BASE)).toEqual({ kind: 'email', status: 'pending' });
      expect(mailer.sent).toEqual([]);
    });

    it('mails an address pending confirmation at most once a day, whatever is asked, with the same answer', async () => {
      const { subs, slug, mailer, travel } = await world();
      for (let i = 0; i < 3; i++) expect(await subs.subscribe(slug, { kind: 'email', email: 'victim@customer.example' }, BASE)).toEqual({ kind: 'email', status: 'pending' });
      expect(mailer.sent).toHaveLength(1);
      const first = tokenIn(mailer.sent[0]!.text, 'confirm');

      travel(CONFIRM_WINDOW_MS);
      expect(await subs.subscribe(slug, { kind: 'email', email: 'victim@customer.example' }, BASE)).toEqual({ kind: 'email', status: 'pending' });
      expect(await subs.subscribe(slug, { kind: 'email', email: 'victim@customer.example' }, BASE)).toEqual({ kind: 'email', status: 'pending' });
      expect(mailer.sent).toHaveLength(2);
      await expect(subs.confirm(slug, first)).rejects.toThrow(/subscription/);
      expect(await subs.confirm(slug, tokenIn(mailer.sent[1]!.text, 'confirm'))).toEqual({ status: 'active' });
    });

    it('holds a place for a pending e-mail only within its confirm window', async () => {
      const { subs, slug, organizationId, travel } = await world();
      const at = new Date(Date.parse('2026-12-05T10:00:00Z')).toISOString();
      await store()
        .db.insertInto('trust_subscriptions')
        .values(
          Array.from({ length: MAX_SUBSCRIPTIONS }, (_, i) => ({
            id: randomUUID(),
            organization_id: organizationId,
            kind: 'email',
            address: `pending-${i}@customer.example`,
            status: 'pending',
            token_hash: `hash-${i}`,
            created_at: at,
            confirmed_at: null,
          })),
        )
        .execute();
      await expect(subs.subscribe(slug, { kind: 'email', email: 'bea@customer.example' }, BASE)).rejects.toThrow(/1000 subscriptions/);
      travel(CONFIRM_WINDOW_MS);
      expect(await subs.subscribe(slug, { kind: 'email', email: 'bea@customer.example' }, BASE)).toEqual({ kind: 'email', status: 'pending' });
      expect(await subs.subscribe(slug, { kind: 'email', email: 'pending-7@customer.example' }, BASE)).toEqual({ kind: 'email', status: 'pending' });
    });

    it('subscribes an address once when two requests race', async () => {
      const { subs, slug, mailer, trust, admin, organizationId } = await world();
      const both = await Promise.all([1, 2].map(() => subs.subscribe(slug, { kind: 'email', email: 'bea@customer.example' }, BASE)));
      expect(both).toEqual([{ kind: 'email', status: 'pending' }, { kind: 'email', status: 'pending' }]);
      expect(await subs.confirm(slug, tokenIn(mailer.sent.at(-1)!.text, 'confirm'))).toEqual({ status: 'active' });
      expect((await trust.overview(admin, organizationId)).subscribers).toEqual({ email: 1, webhook: 0 });
    });

    it('tells of a changed subprocessor list and says nothing when a publication changes neither list nor report', async () => {
      const { subs, slug, mailer, publish } = await world();
      await subs.subscribe(slug, { kind: 'email', email: 'bea@customer.example' }, BASE);
      await subs.confirm(slug, tokenIn(mailer.sent.splice(0)[0]!.text, 'confirm'));
      await publish([HOST]);
      expect(mailer.sent).toEqual([]);
      await publish([{ name: 'Mail Relay', purpose: 'e-mail', location: 'US' }]);
      expect(mailer.sent.map((m) => m.text)).toEqual([expect.stringMatching(/New subprocessor: Mail Relay \(e-mail, US\)[\s\S]*no longer used: Cloud Host/)]);
    });

    it('notifies a few subscribers at a time, and every one of them', async () => {
      const { subs, slug, mailer, publish } = await world();
      const addresses = Array.from({ length: 3 * DELIVERY_CONCURRENCY }, (_, i) => `reader-${i}@customer.example`);
      for (const email of addresses) {
        await subs.subscribe(slug, { kind: 'email', email }, BASE);
        await subs.confirm(slug, tokenIn(mailer.sent.splice(0)[0]!.text, 'confirm'));
      }
      let inFlight = 0;
      let most = 0;
      const keep = mailer.send.bind(mailer);
      mailer.send = async (message) => {
        most = Math.max(most, (inFlight += 1));
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        await keep(message);
      };
      await publish([{ name: 'Mail Relay', purpose: 'e-mail', location: 'US' }]);
      expect(most).toBe(DELIVERY_CONCURRENCY);
      expect(mailer.sent.map((m) => m.to).sort()).toEqual([...addresses].sort());
    });

    it('signs each webhook POST over its exact body with the secret shown once, and a failing one fails nothing', async () => {
      const { subs, slug, newReport, log } = await world({ loopback: true });
      receiver = new Receiver();
      const url = await receiver.start();
      const subscribed = await subs.subscribe(slug, { kind: 'webhook', url }, BASE);
      if (subscribed.kind !== 'webhook') throw new Error('a webhook subscription');
      expect(subscribed.status).toBe('active');
      await subs.subscribe(slug, { kind: 'webhook', url: 'http://127.0.0.1:9/closed' }, BASE);
      await newReport();

      const [delivery] = receiver.received;
      expect(receiver.received).toHaveLength(1);
      expect(signatureMatches(subscribed.secret, delivery!.body, delivery!.signature ?? '')).toBe(true);
      expect(signatureMatches(subscribed.secret, delivery!.body.replace('Acme', 'Acne'), delivery!.signature ?? '')).toBe(false);
      const body = JSON.parse(delivery!.body) as TrustNotification;
      expect(body).toMatchObject({ organization: 'Acme', trustPage: `${BASE}/trust/${slug}`, newReport: { type: 'type2' }, subprocessors: null });
      expect(log).toEqual([expect.stringMatching(/^trust page notification failed for subscription .* \(webhook\)/)]);

      expect(await subs.unsubscribe(slug, subscribed.token)).toEqual({ status: 'unsubscribed' });
      await newReport();
      expect(receiver.received).toHaveLength(1);
    });

    it('refuses every webhook address it does not accept with one answer: no setting of the operator, nothing of what the host resolves to', async () => {
      const names: Record<string, string> = { 'intranet.example': '10.0.0.5', 'metadata.example': '169.254.169.254', 'hooks.example': '203.0.113.10' };
      const resolve: Resolve = (host) => {
        const address = names[host];
        return address ? Promise.resolve([{ address, family: 4 }]) : Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
      };
      const { subs, slug } = await world({ resolve });
      const refusal = (url: string) => subs.subscribe(slug, { kind: 'webhook', url }, BASE).then(() => `accepted ${url}`, (error: unknown) => error);
      const urls = [
        'https://127.0.0.1/hook',
        'https://10.0.0.1/hook',
        'https://[::1]/hook',
        'https://[::ffff:192.168.0.1]/hook',
        'http://169.254.169.254/latest',
        'http://203.0.113.9/hook',
        'http://hooks.example/hook',
        'https://intranet.example/hook',
        'https://metadata.example/hook',
        'https://gone.example/hook',
      ];
      for (const url of urls) {
        const error = await refusal(url);
        expect(error, url).toBeInstanceOf(ValidationError);
        expect({ ...(error as ValidationError) }, url).toEqual({ ...new ValidationError([{ location: '$.url', message: ADDRESS_NOT_ACCEPTED }], 'The webhook address is not accepted') });
        expect((error as Error).message, url).not.toMatch(/ASSAY_WEBHOOK|resolve|10\.0\.0\.5|169\.254|private|loopback/);
      }
      expect(await subs.subscribe(slug, { kind: 'webhook', url: 'https://hooks.example/hook' }, BASE)).toMatchObject({ kind: 'webhook', status: 'active' });
      // What is wrong with the text of the URL itself is the visitor's to know.
      await expect(subs.subscribe(slug, { kind: 'webhook', url: 'https://user:pw@203.0.113.9/hook' }, BASE)).rejects.toMatchObject({
        issues: [{ location: '$.url', message: 'must not carry a user name or password' }],
      });
    });

    it('stores no secret that works as a link, while every link it sent still works', async () => {
      const { subs, slug, mailer, publish } = await world();
      await subs.subscribe(slug, { kind: 'email', email: 'bea@customer.example' }, BASE);
      const confirm = tokenIn(mailer.sent.splice(0)[0]!.text, 'confirm');
      await subs.confirm(slug, confirm);
      await publish([{ name: 'Mail Relay', purpose: 'e-mail', location: 'US' }]);
      await publish([HOST]);
      const [first, second] = mailer.sent.splice(0).map((mail) => tokenIn(mail.text, 'unsubscribe'));
      expect(first).not.toBe(second);
      const webhook = await subs.subscribe(slug, { kind: 'webhook', url: 'https://203.0.113.9/hook' }, BASE);
      if (webhook.kind !== 'webhook') throw new Error('a webhook subscription');

      const subscriptions = await store().db.selectFrom('trust_subscriptions').selectAll().orderBy('kind').execute();
      const links = await store().db.selectFrom('trust_subscription_links').selectAll().execute();
      // What is kept of the links is their hashes, nothing they could be made from again; the signing secret is the
      // one secret kept as it is: it signs, and it opens nothing.
      expect([...subscriptions, ...links].map((row) => row.token_hash).sort()).toEqual([confirm, first!, second!, webhook.token].map(sha256).sort());
      expect(subscriptions.map((row) => [row.kind, row.signing_secret])).toEqual([
        ['email', null],
        ['webhook', webhook.secret],
      ]);
      const stored = [...subscriptions, ...links].flatMap((row) => Object.values(row).filter((value): value is string => typeof value === 'string'));
      for (const secret of [confirm, first!, second!, webhook.token]) expect(stored.join('\n')).not.toContain(secret);
      for (const value of stored) {
        await expect(subs.confirm(slug, value), value).rejects.toThrow(NotFoundError);
        await expect(subs.unsubscribe(slug, value), value).rejects.toThrow(NotFoundError);
      }

      expect(await subs.unsubscribe(slug, first!)).toEqual({ status: 'unsubscribed' });
      expect(await subs.unsubscribe(slug, second!)).toEqual({ status: 'unsubscribed' });
      expect(await subs.unsubscribe(slug, webhook.token)).toEqual({ status: 'unsubscribed' });
    });

    /** An active e-mail subscriber of the world's page, its confirm mail taken from the mailer. */
    async function subscriber(w: Awaited<ReturnType<typeof world>>, email = 'bea@customer.example') {
      await w.subs.subscribe(w.slug, { kind: 'email', email }, BASE);
      await w.subs.confirm(w.slug, tokenIn(w.mailer.sent.splice(0)[0]!.text, 'confirm'));
    }
    const keptLinks = async () => (await store().db.selectFrom('trust_subscription_links').select('token_hash').execute()).map((row) => row.token_hash).sort();

    it('refuses an unsubscribe link mailed 400 days ago as an unknown one, deletes it as the next notification goes out, and keeps recent ones working', async () => {
      const w = await world();
      const { subs, slug, mailer, publish, travel } = w;
      await subscriber(w);
      await publish([RELAY]);
      const old = tokenIn(mailer.sent.splice(0)[0]!.text, 'unsubscribe');
      travel(200 * DAY_MS);
      await publish([HOST]);
      const recent = tokenIn(mailer.sent.splice(0)[0]!.text, 'unsubscribe');
      // The old link is now 400 days and a few seconds old.
      travel((UNSUBSCRIBE_LINK_DAYS - 200) * DAY_MS);

      const unknown = (await subs.unsubscribe(slug, 'A'.repeat(43)).catch((error: unknown) => error)) as Error;
      const refused = (await subs.unsubscribe(slug, old).catch((error: unknown) => error)) as Error;
      expect({ kind: refused.constructor.name, message: refused.message }).toEqual({ kind: 'NotFoundError', message: unknown.message });
      // Refused by its age, before any publication deletes it.
      expect(await keptLinks()).toEqual([old, recent].map(sha256).sort());

      await publish([RELAY]);
      const newest = tokenIn(mailer.sent.splice(0)[0]!.text, 'unsubscribe');
      expect(await keptLinks()).toEqual([recent, newest].map(sha256).sort());
      expect(await subs.unsubscribe(slug, recent)).toEqual({ status: 'unsubscribed' });
      // A cancelled subscription's links stay until they age, so a second click still hears what became of it.
      expect(await subs.unsubscribe(slug, newest)).toEqual({ status: 'unsubscribed' });
    });

    it('deletes at most LINK_DELETE_BATCH links that no longer work per notifying publication, and the rest with the next', async () => {
      const w = await world();
      await subscriber(w);
      const { id: subscriptionId } = await store().db.selectFrom('trust_subscriptions').select('id').executeTakeFirstOrThrow();
      const aged = createTrustSubscriptionsRepository(store().db, { clock: () => new Date('2024-01-01T00:00:00Z'), newId: randomUUID });
      const tokens = Array.from({ length: LINK_DELETE_BATCH + 7 }, (_, i) => `aged-${i}`);
      for (let i = 0; i < tokens.length; i += 1000) await aged.addLinks(tokens.slice(i, i + 1000).map((token) => ({ subscriptionId, token })));
      const agedHashes = new Set(tokens.map(sha256));
      const agedLeft = async () => (await keptLinks()).filter((hash) => agedHashes.has(hash)).length;

      await w.publish([RELAY]);
      expect(await agedLeft()).toBe(7);
      await w.publish([HOST]);
      expect(await agedLeft()).toBe(0);
      expect(await keptLinks()).toEqual(w.mailer.sent.map((mail) => sha256(tokenIn(mail.text, 'unsubscribe'))).sort());
    });

    it('refuses a wrong secret as it refuses an unknown one', async () => {
      const first = await world();
      const second = await world();
      await first.subs.subscribe(first.slug, { kind: 'email', email: 'bea@customer.example' }, BASE);
      const token = tokenIn(first.mailer.sent[0]!.text, 'confirm');
      await second.subs.subscribe(second.slug, { kind: 'email', email: 'bea@customer.example' }, BASE);
      const theirs = tokenIn(second.mailer.sent[0]!.text, 'confirm');
      const changed = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      const answers = [];
      for (const wrong of [changed, token.slice(1), theirs, 'A'.repeat(43), createHash('sha256').update(token).digest('hex')]) {
        for (const follow of [first.subs.confirm, first.subs.unsubscribe]) {
          const error = (await follow(first.slug, wrong).catch((e: unknown) => e)) as Error;
          answers.push({ kind: error.constructor.name, message: error.message });
        }
      }
      expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(new Set([JSON.stringify({ kind: 'NotFoundError', message: new NotFoundError('The subscription').message })]));
      expect(await first.subs.confirm(first.slug, token)).toEqual({ status: 'active' });
    });

    it('lets a subscriber stop while the page is taken down: nothing reaches them when it is published again', async () => {
      const { subs, slug, mailer, publish, trust, admin, organizationId } = await world();
      await subs.subscribe(slug, { kind: 'email', email: 'bea@customer.example' }, BASE);
      const confirmMail = mailer.sent.splice(0)[0]!;
      await subs.confirm(slug, tokenIn(confirmMail.text, 'confirm'));
      await publish([{ name: 'Mail Relay', purpose: 'e-mail', location: 'US' }]);
      const stop = tokenIn(mailer.sent.splice(0)[0]!.text, 'unsubscribe');

      await trust.unpublish(admin, organizationId);
      await expect(subs.confirm(slug, tokenIn(confirmMail.text, 'confirm'))).rejects.toThrow(/trust page/);
      expect(await subs.unsubscribe(slug, stop)).toEqual({ status: 'unsubscribed' });
      await expect(subs.unsubscribe('no-such-organisation', stop)).rejects.toThrow(/subscription/);
      await publish([HOST]);
      expect(mailer.sent).toEqual([]);
    });

    it('lets another organisation’s secret do nothing, and an unpublished page take no subscription', async () => {
      const first = await world();
      const second = await world();
      await first.subs.subscribe(first.slug, { kind: 'email', email: 'bea@customer.example' }, BASE);
      const token = tokenIn(first.mailer.sent[0]!.text, 'confirm');
      await expect(second.subs.confirm(second.slug, token)).rejects.toThrow(/subscription/i);
      await expect(second.subs.unsubscribe(second.slug, token)).rejects.toThrow(/subscription/i);
      expect(await first.subs.confirm(first.slug, token)).toEqual({ status: 'active' });

      await second.trust.unpublish(second.admin, second.organizationId);
      await expect(second.subs.subscribe(second.slug, { kind: 'email', email: 'bea@customer.example' }, BASE)).rejects.toThrow(/trust page/);
    });
  });
}
