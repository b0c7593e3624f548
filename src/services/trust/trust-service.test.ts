import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { unique } from '../../../test/support/factories.js';
import { createServices } from '../index.js';
import { OPERATOR } from '../platform/actor.js';
import { PUBLIC_ONLY } from '../remediation/webhook-addresses.js';
import { findingsWorld, WHOLE_PAGE } from '../testing.js';
import type { Mailer } from './mail.js';
import { keepingMailer, pdfText, samplePdf, secretOf } from './testing.js';

const DAY = 86_400_000;
const BASE = 'https://assay.example';
const NDA = 'The recipient keeps the report confidential.';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: the trust page`, () => {
    const store = useFreshStore(engine);

    async function world(options: { mail?: boolean; mailer?: Mailer } = {}) {
      const w = await findingsWorld(store());
      let now = Date.parse('2026-12-01T10:00:00.000Z');
      const mailer = keepingMailer();
      const log: string[] = [];
      const services = createServices(store(), {
        clock: () => new Date(now),
        newId: randomUUID,
        mailer: options.mail === false ? null : (options.mailer ?? mailer),
        webhooks: { policy: PUBLIC_ONLY, logFailure: (line) => log.push(line) },
      });
      const { trust } = services;
      const { organizationId, engagementId } = w;
      const organization = await services.organizations.get(OPERATOR, organizationId);
      const admin = await w.member('admin');
      const published = async () => {
        await trust.uploadReport(admin, organizationId, engagementId, 'soc2-type2.pdf', await samplePdf(2));
        await trust.versionNda(admin, organizationId, NDA);
        return trust.publish(admin, organizationId, { engagementId, series: ['CC6'], subprocessors: [{ name: 'Cloud Host', purpose: 'hosting', location: 'EU' }], contact: 'trust@acme.example', offerReport: true }, BASE);
      };
      const ask = (email = 'buyer@customer.example', ndaVersion = 1) =>
        trust.ask(organization.slug, { name: 'Bea Buyer', company: 'Customer Ltd', email, ndaVersion }, '198.51.100.7');
      const pending = async () => (await trust.requests(admin, organizationId, WHOLE_PAGE)).items.find((r) => r.status === 'pending')!;
      return { ...w, services, trust, admin, organization, slug: organization.slug, mailer, log, published, ask, pending, travel: (ms: number) => (now += ms) };
    }

    it('publishes only the control areas, subprocessors and contact chosen, with the report period', async () => {
      const { trust, slug, published, events } = await world();
      await published();
      const page = await trust.published(slug);
      expect(page.snapshot).toMatchObject({
        organizationName: 'Acme',
        categories: expect.any(Array),
        report: { type: 'type2', periodEnd: expect.any(String) },
        controlAreas: [{ series: 'CC6', status: expect.any(String) }],
        subprocessors: [{ name: 'Cloud Host', purpose: 'hosting', location: 'EU' }],
        contact: 'trust@acme.example',
      });
      expect(page.nda).toMatchObject({ version: 1, text: NDA, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await events('trust.published')).toHaveLength(1);
    });

    it('refuses a control area out of scope by its place, and a report offered before one is uploaded', async () => {
      const { trust, admin, organizationId, engagementId } = await world();
      const input = { engagementId, series: ['CC6', 'P4'], subprocessors: [], contact: 'trust@acme.example', offerReport: false };
      await expect(trust.publish(admin, organizationId, input, BASE)).rejects.toMatchObject({ issues: [{ location: '$.series[1]' }] });
      await expect(trust.publish(admin, organizationId, { ...input, series: ['CC6'], offerReport: true }, BASE)).rejects.toMatchObject({ issues: [{ location: '$.offerReport' }] });
    });

    it('shows an unknown slug and an unpublished page the same way', async () => {
      const { trust, admin, organizationId, slug, published } = await world();
      const unknown = await trust.published(unique('nobody')).catch((e: Error) => e.message);
      await expect(trust.published(slug)).rejects.toThrow(unknown);
      await published();
      await trust.unpublish(admin, organizationId);
      await expect(trust.published(slug)).rejects.toThrow(unknown);
    });

    it('keeps the acceptance, mails a link on approval, and hands out the report watermarked on every page, each download logged', async () => {
      const { trust, admin, organizationId, slug, mailer, published, ask, pending, events } = await world();
      await published();
      await ask();
      const request = await pending();
      const approval = await trust.approve(admin, organizationId, request.id, 7, BASE);
      expect(approval).toMatchObject({ mailed: true, link: null, request: { status: 'approved', expiresAt: '2026-12-08T10:00:00.000Z' } });
      expect(mailer.sent).toHaveLength(1);
      expect(mailer.sent[0]?.to).toBe('buyer@customer.example');
      const link = /https:\/\/assay\.example\/trust\/\S+\/download#\S+/.exec(mailer.sent[0]?.text ?? '')?.[0] ?? '';
      expect(link).toContain(`/trust/${slug}/download#`);

      const { fileName, content } = await trust.download(slug, secretOf(link), '203.0.113.9', null);
      expect(fileName).toBe('soc2-type2.pdf');
      const pages = await pdfText(content);
      expect(pages).toHaveLength(2);
      for (const page of pages) expect(page).toContain('Provided to buyer@customer.example on 2026-12-01');

      const detail = await trust.request(admin, organizationId, request.id);
      expect(detail.acceptances).toEqual([{ ndaVersion: 1, ndaSha256: expect.stringMatching(/^[0-9a-f]{64}$/), acceptedAt: expect.any(String), address: '198.51.100.7' }]);
      expect(detail.downloads).toEqual([{ downloadedAt: expect.any(String), address: '203.0.113.9', reportId: expect.any(String) }]);
      expect(await events('trust_request.approved')).toHaveLength(1);
    });

    it('gives the admin the link to pass on when no mail is set up', async () => {
      const { trust, admin, organizationId, published, ask, pending } = await world({ mail: false });
      await published();
      await ask();
      const approval = await trust.approve(admin, organizationId, (await pending()).id, 1, BASE);
      expect(approval).toMatchObject({ mailed: false, link: expect.stringMatching(/^https:\/\/assay\.example\/trust\/.+\/download#[A-Za-z0-9_-]{43}$/) });
    });

    it('gives the admin the link when the mail server refuses it, and logs why', async () => {
      const refusing: Mailer = {
        send: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:25')),
      };
      const { trust, admin, organizationId, slug, log, published, ask, pending } = await world({ mailer: refusing });
      await published();
      await ask();
      const id = (await pending()).id;
      const approval = await trust.approve(admin, organizationId, id, 1, BASE);
      expect(approval).toMatchObject({ mailed: false, request: { status: 'approved' }, link: expect.stringMatching(/\/download#[A-Za-z0-9_-]{43}$/) });
      expect(log).toEqual([expect.stringContaining('ECONNREFUSED')]);
      const file = await trust.download(slug, secretOf(approval.link!), '203.0.113.9', null);
      expect(file.fileName).toBe('soc2-type2.pdf');
    });

    it('stops a link at once when revoked, and when it expires', async () => {
      const { trust, admin, organizationId, slug, published, ask, pending, travel } = await world({ mail: false });
      await published();
      await ask('first@customer.example');
      const first = await pending();
      const firstLink = (await trust.approve(admin, organizationId, first.id, 7, BASE)).link!;
      await ask('second@customer.example');
      const secondLink = (await trust.approve(admin, organizationId, (await pending()).id, 1, BASE)).link!;

      await trust.revoke(admin, organizationId, first.id);
      await expect(trust.download(slug, secretOf(firstLink), '203.0.113.9', null)).rejects.toThrow(/revoked/);
      await expect(trust.download(slug, secretOf(secondLink), '203.0.113.9', null)).resolves.toBeDefined();
      travel(DAY);
      await expect(trust.download(slug, secretOf(secondLink), '203.0.113.9', null)).rejects.toThrow(/expired/);
      await expect(trust.download(slug, 'made-up', '203.0.113.9', null)).rejects.toThrow(/not valid/);
      expect((await trust.request(admin, organizationId, first.id)).downloads).toEqual([]);
    });

    it('asks again when the NDA has a new version, and keeps both acceptances', async () => {
      const { trust, admin, organizationId, slug, published, ask, pending } = await world({ mail: false });
      await published();
      await ask();
      const request = await pending();
      const link = (await trust.approve(admin, organizationId, request.id, 7, BASE)).link!;
      await trust.versionNda(admin, organizationId, `${NDA} For two years.`);
      await expect(ask('late@customer.example', 1)).rejects.toThrow(/version 2 is in force/);
      await expect(trust.download(slug, secretOf(link), '203.0.113.9', null)).rejects.toThrow(/version 2 is in force/);
      await expect(trust.download(slug, secretOf(link), '203.0.113.9', 1)).rejects.toThrow(/version 2 is in force/);
      await trust.download(slug, secretOf(link), '203.0.113.9', 2);
      const detail = await trust.request(admin, organizationId, request.id);
      expect(detail.acceptances.map((a) => a.ndaVersion)).toEqual([1, 2]);
      expect(detail.acceptances[0]?.ndaSha256).not.toBe(detail.acceptances[1]?.ndaSha256);
      expect(detail.downloads).toHaveLength(1);
    });

    it('decides a request once, keeps other organisations’ requests unknown, and is the admin’s alone', async () => {
      const { services, trust, admin, organizationId, published, ask, pending, member } = await world({ mail: false });
      await published();
      await ask();
      const request = await pending();
      await trust.reject(admin, organizationId, request.id);
      await expect(trust.approve(admin, organizationId, request.id, 7, BASE)).rejects.toThrow(/rejected request cannot be approved/);
      const other = await services.organizations.create(OPERATOR, { slug: unique('other'), name: 'Other' });
      await expect(trust.request(OPERATOR, other.id, request.id)).rejects.toThrow(/request/i);
      await expect(trust.overview(await member('compliance'), organizationId)).rejects.toThrow(/not allowed|permission|admin/i);
    });
  });
}

