import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { controlFields, engagementSettings } from '../../../../test/support/factories.js';
import { createServices, defaultServiceDependencies } from '../../../services/index.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { pdfText, samplePdf, secretOf } from '../../../services/trust/testing.js';
import { buildApp } from '../../app.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../authentication.js';
import { TEST_PASSWORD, useTestApp, type Caller, type TestApp } from '../../testing.js';

const NDA = 'Keep the report confidential.';
/** What the public may see: the snapshot's fields and the NDA in force, nothing else. */
const PUBLISHED_KEYS = ['controlAreas', 'categories', 'contact', 'organizationName', 'publishedAt', 'report', 'subprocessors'];

/** Everything a public response could leak if it were not the snapshot: none of it is published. */
const SECRETS = ['FY2026', 'Analytics Platform', 'AC-04', 'CC1', 'buyer@customer.example', 'Bea Buyer', 'soc2.pdf', 'Old NDA'];

async function publishedWorld(t: TestApp) {
  const { services, organizationId } = t;
  const admin = await t.member('admin');
  const slug = (await services.organizations.get(OPERATOR, organizationId)).slug;
  const engagement = await services.engagements.create(OPERATOR, organizationId, engagementSettings({ name: 'FY2026', system: 'Analytics Platform' }));
  await services.controls.create(OPERATOR, organizationId, engagement.id, controlFields({ id: 'AC-04', criteria: ['CC6.2'] }));
  const upload = await admin.request({
    method: 'PUT',
    url: `/api/v1/organizations/${organizationId}/trust/report?engagementId=${engagement.id}&fileName=soc2.pdf`,
    headers: { 'content-type': 'application/pdf' },
    payload: await samplePdf(1),
  });
  expect(upload.statusCode).toBe(201);
  for (const text of ['Old NDA', NDA]) {
    expect((await admin.request({ method: 'POST', url: `/api/v1/organizations/${organizationId}/trust/nda`, payload: { text } })).statusCode).toBe(201);
  }
  const publish = await admin.request({
    method: 'PUT',
    url: `/api/v1/organizations/${organizationId}/trust/publication`,
    payload: { engagementId: engagement.id, series: ['CC6'], subprocessors: [{ name: 'Cloud Host', purpose: 'hosting', location: 'EU' }], contact: 'trust@acme.example', offerReport: true },
  });
  expect(publish.statusCode).toBe(200);
  const ask = (caller: Caller = t.anonymous, overrides: Record<string, unknown> = {}) =>
    caller.request({ method: 'POST', url: `/api/v1/public/trust/${slug}/requests`, payload: { name: 'Bea Buyer', company: 'Customer Ltd', email: 'buyer@customer.example', ndaVersion: 2, acceptNda: true, ...overrides } });
  const requests = async () => (await admin.request({ method: 'GET', url: `/api/v1/organizations/${organizationId}/trust/requests` })).json() as { items: { id: string; status: string }[] };
  return { admin, slug, engagement, ask, requests };
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: the trust page over HTTP`, () => {
    const t = useTestApp(engine, { mailer: null });

    it('gives the public, through every public route, the published fields only; unknown and unpublished slugs the same 404', async () => {
      const { admin, slug, ask, requests } = await publishedWorld(t());
      expect((await ask()).statusCode).toBe(202);
      const [request] = (await requests()).items;
      const approval = await admin.request({ method: 'POST', url: `/api/v1/organizations/${t().organizationId}/trust/requests/${request?.id}/approve`, payload: { days: 7 } });
      const token = secretOf((approval.json() as { link: string }).link);

      const webhook = { kind: 'webhook', url: 'https://203.0.113.9/hook' };
      const subscribed = await t().anonymous.request({ method: 'POST', url: `/api/v1/public/trust/${slug}/subscriptions`, payload: webhook });
      const unsubscribe = (subscribed.json() as { token: string }).token;

      const publicRoutes = t().app.declaredRoutes.filter((r) => r.permission === 'public' && r.url.includes('/public/trust/'));
      const bodies: Record<string, Record<string, unknown>> = {
        [`POST /api/v1/public/trust/:organizationSlug/requests`]: { name: 'Ann', company: 'Other', email: 'ann@other.example', ndaVersion: 2, acceptNda: true },
        [`POST /api/v1/public/trust/:organizationSlug/report`]: { token },
        [`POST /api/v1/public/trust/:organizationSlug/subscriptions`]: webhook,
        [`POST /api/v1/public/trust/:organizationSlug/subscriptions/confirm`]: { token: unsubscribe },
        [`POST /api/v1/public/trust/:organizationSlug/subscriptions/unsubscribe`]: { token: unsubscribe },
      };
      expect(publicRoutes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /api/v1/public/trust/:organizationSlug', ...Object.keys(bodies)].sort());
      for (const route of publicRoutes) {
        const key = `${route.method} ${route.url}`;
        const response = await t().anonymous.request({ method: route.method as 'GET', url: route.url.replace(':organizationSlug', slug), ...(bodies[key] && { payload: bodies[key] }) });
        expect(response.statusCode, key).toBeLessThan(300);
        const pdf = String(response.headers['content-type']).startsWith('application/pdf');
        const body = pdf ? (await pdfText(response.rawPayload)).join('\n') : response.body;
        // The report is the published one, marked for the link's holder: their own address is on it, nothing else.
        for (const secret of SECRETS.filter((s) => !(pdf && s === 'buyer@customer.example'))) expect(body, `${key} leaks ${secret}`).not.toContain(secret);
      }
      const page = (await t().anonymous.request({ method: 'GET', url: `/api/v1/public/trust/${slug}` })).json() as { snapshot: Record<string, unknown>; nda: unknown };
      expect(Object.keys(page.snapshot).sort()).toEqual(PUBLISHED_KEYS.sort());
      expect(page.snapshot['controlAreas']).toEqual([{ series: 'CC6', status: expect.any(String) }]);
      expect(page.nda).toEqual({ version: 2, text: NDA, sha256: expect.any(String) });

      const unknown = await t().anonymous.request({ method: 'GET', url: '/api/v1/public/trust/nobody-here' });
      expect((await t().anonymous.request({ method: 'DELETE', url: '/api/v1/organizations/x/trust/publication' })).statusCode).toBe(401);
      expect((await admin.request({ method: 'DELETE', url: `/api/v1/organizations/${t().organizationId}/trust/publication` })).statusCode).toBe(204);
      const unsubscribeUrl = `POST /api/v1/public/trust/:organizationSlug/subscriptions/unsubscribe`;
      for (const route of publicRoutes.filter((r) => `${r.method} ${r.url}` !== unsubscribeUrl)) {
        const key = `${route.method} ${route.url}`;
        const response = await t().anonymous.request({ method: route.method as 'GET', url: route.url.replace(':organizationSlug', slug), ...(bodies[key] && { payload: bodies[key] }) });
        expect(response.statusCode, key).toBe(404);
        expect(response.json().detail, key).toBe(unknown.json().detail);
      }
      // A subscriber may still stop while the page is down; a wrong secret tells no more than at an unknown slug.
      const stop = (at: string, secret: string) => t().anonymous.request({ method: 'POST', url: `/api/v1/public/trust/${at}/subscriptions/unsubscribe`, payload: { token: secret } });
      expect((await stop(slug, unsubscribe)).json()).toEqual({ status: 'unsubscribed' });
      const wrong = await stop(slug, 'x'.repeat(43));
      expect(wrong.statusCode).toBe(404);
      expect(wrong.json().detail).toBe((await stop('nobody-here', 'x'.repeat(43))).json().detail);
    });

    it('keeps the requester’s address, refuses a request without the NDA ticked, and downloads the watermarked report', async () => {
      const { admin, slug, ask, requests } = await publishedWorld(t());
      expect((await ask(t().anonymous, { acceptNda: false })).statusCode).toBe(400);
      expect((await ask(t().anonymous, { ndaVersion: 1 })).statusCode).toBe(409);
      expect((await ask(t().anonymous, { email: 'not an address' })).json()).toMatchObject({ issues: [{ location: '$.email' }] });
      expect((await t().anonymous.request({ method: 'POST', url: `/api/v1/public/trust/${slug}/requests`, payload: { name: 'x'.repeat(9000) } })).statusCode).toBe(413);
      expect((await ask()).statusCode).toBe(202);
      const [request] = (await requests()).items;
      const url = `/api/v1/organizations/${t().organizationId}/trust/requests/${request?.id}`;
      const { link } = (await admin.request({ method: 'POST', url: `${url}/approve`, payload: { days: 3 } })).json() as { link: string };
      const download = await t().anonymous.request({ method: 'POST', url: `/api/v1/public/trust/${slug}/report`, payload: { token: secretOf(link) } });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toBe('attachment; filename="soc2.pdf"');
      expect((await pdfText(download.rawPayload))[0]).toMatch(/Provided to buyer@customer\.example on \d{4}-\d{2}-\d{2}/);
      const detail = (await admin.request({ method: 'GET', url })).json() as { acceptances: { address: string }[]; downloads: { address: string }[] };
      expect(detail.acceptances.map((a) => a.address)).toEqual(['127.0.0.1']);
      expect(detail.downloads.map((d) => d.address)).toEqual(['127.0.0.1']);

      expect((await admin.request({ method: 'POST', url: `${url}/revoke` })).json()).toMatchObject({ status: 'revoked' });
      const refused = await t().anonymous.request({ method: 'POST', url: `/api/v1/public/trust/${slug}/report`, payload: { token: secretOf(link) } });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().detail).toMatch(/revoked/);
    });

    it('refuses a report that is not a PDF, and one above the evidence limit', async () => {
      const engagement = await t().services.engagements.create(OPERATOR, t().organizationId, engagementSettings());
      const admin = await t().member('admin');
      const url = `/api/v1/organizations/${t().organizationId}/trust/report?engagementId=${engagement.id}&fileName=r.pdf`;
      const notPdf = await admin.request({ method: 'PUT', url, headers: { 'content-type': 'application/pdf' }, payload: Buffer.from('hello') });
      expect(notPdf.statusCode).toBe(422);
      expect(notPdf.json()).toMatchObject({ issues: [{ location: 'body' }] });
      const small = createServices(t().store, { ...defaultServiceDependencies, evidence: { blobDir: null, maxBytes: 100 }, mailer: null });
      const app = await buildApp({ services: small, loginRateLimit: 1000 });
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: admin.email, password: TEST_PASSWORD } });
      const session = { cookies: { [SESSION_COOKIE]: login.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '' }, headers: { [CSRF_HEADER]: (login.json() as { csrfToken: string }).csrfToken } };
      const tooLarge = await app.inject({ method: 'PUT', url, ...session, headers: { ...session.headers, 'content-type': 'application/pdf' }, payload: await samplePdf(1) });
      expect(tooLarge.statusCode).toBe(413);
      expect((await small.trust.overview(OPERATOR, t().organizationId)).report).toBeNull();
      await app.close();
    });

    it('takes subscriptions publicly, refusing bad ones by their JSON path, an unknown secret with 404, and past the rate limit with 429', async () => {
      const { slug, admin } = await publishedWorld(t());
      const subscribe = (payload: unknown, app: { request: Caller['request'] } = t().anonymous) => app.request({ method: 'POST', url: `/api/v1/public/trust/${slug}/subscriptions`, payload: payload as Record<string, unknown> });
      const created = await subscribe({ kind: 'webhook', url: 'https://203.0.113.9/hook' });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toEqual({ kind: 'webhook', status: 'active', secret: expect.any(String), token: expect.any(String) });
      const overview = (await admin.request({ method: 'GET', url: `/api/v1/organizations/${t().organizationId}/trust` })).json() as { subscribers: unknown };
      expect(overview.subscribers).toEqual({ email: 0, webhook: 1 });

      expect((await subscribe({ kind: 'webhook', url: 'https://127.0.0.1/hook' })).json()).toMatchObject({ issues: [{ location: '$.url' }] });
      expect((await subscribe({ kind: 'webhook', url: 'ftp://203.0.113.9/' })).json()).toMatchObject({ issues: [{ location: '$.url' }] });
      expect((await subscribe({ kind: 'email', email: 'not an address' })).json()).toMatchObject({ issues: [{ location: '$.email' }] });
      // This installation sends no mail: an e-mail subscription could never be confirmed.
      const noMail = await subscribe({ kind: 'email', email: 'bea@customer.example' });
      expect(noMail.statusCode).toBe(422);
      expect(noMail.json()).toMatchObject({ issues: [{ location: '$.kind' }] });
      expect((await subscribe({ kind: 'email', email: 'bea@customer.example', url: 'x'.repeat(9000) })).statusCode).toBe(413);
      const unknown = await t().anonymous.request({ method: 'POST', url: `/api/v1/public/trust/${slug}/subscriptions/unsubscribe`, payload: { token: 'a'.repeat(43) } });
      expect(unknown.statusCode).toBe(404);

      const limited = await buildApp({ services: t().services, loginRateLimit: 1 });
      const url = `/api/v1/public/trust/${slug}/subscriptions/confirm`;
      const statuses: number[] = [];
      for (let i = 0; i < 2; i += 1) statuses.push((await limited.inject({ method: 'POST', url, payload: { token: 'a'.repeat(43) } })).statusCode);
      expect(statuses).toEqual([404, 429]);
      await limited.close();
    });

    it('tells an anonymous visitor only that a webhook address is not accepted: the same answer for every reason, naming no setting', async () => {
      const { slug } = await publishedWorld(t());
      const subscribe = (url: string) => t().anonymous.request({ method: 'POST', url: `/api/v1/public/trust/${slug}/subscriptions`, payload: { kind: 'webhook', url } });
      const answers = [];
      for (const url of ['https://127.0.0.1/hook', 'https://[::1]/hook', 'https://10.1.2.3/hook', 'https://localhost/hook', 'http://169.254.169.254/latest', 'http://203.0.113.9/hook']) {
        const refused = await subscribe(url);
        expect(refused.statusCode, url).toBe(422);
        expect(refused.body, url).not.toContain('ASSAY_WEBHOOK');
        answers.push(refused.json());
      }
      expect(answers[0]).toMatchObject({ issues: [{ location: '$.url', message: 'is not accepted: it must be a public https address' }] });
      expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    });

    it('refuses a wrong subscription secret exactly as an unknown one', async () => {
      const { slug } = await publishedWorld(t());
      const subscribed = await t().anonymous.request({ method: 'POST', url: `/api/v1/public/trust/${slug}/subscriptions`, payload: { kind: 'webhook', url: 'https://203.0.113.9/hook' } });
      const { token, secret } = subscribed.json() as { token: string; secret: string };
      const follow = (action: string, secret: string) => t().anonymous.request({ method: 'POST', url: `/api/v1/public/trust/${slug}/subscriptions/${action}`, payload: { token: secret } });
      const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      for (const action of ['confirm', 'unsubscribe']) {
        const answers = new Set<string>();
        for (const wrong of [altered, token.toUpperCase(), secret, 'never-issued']) {
          const refused = await follow(action, wrong);
          answers.add(JSON.stringify([refused.statusCode, refused.headers['content-type'], refused.json()]));
        }
        expect([...answers].map((answer) => JSON.parse(answer) as unknown), action).toEqual([
          [404, 'application/problem+json; charset=utf-8', expect.objectContaining({ detail: 'The subscription was not found' })],
        ]);
      }
      expect((await follow('unsubscribe', token)).json()).toEqual({ status: 'unsubscribed' });
    });

    it('answers 404 for another organisation’s request, and 429 past the rate limit', async () => {
      const { ask, requests, slug } = await publishedWorld(t());
      await ask();
      const [request] = (await requests()).items;
      const outsider = await t().outsider();
      const theirs = await outsider.request({ method: 'GET', url: `/api/v1/organizations/${t().organizationId}/trust/requests/${request?.id}` });
      expect(theirs.statusCode).toBe(404);

      const limited = await buildApp({ services: t().services, loginRateLimit: 2 });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await limited.inject({ method: 'GET', url: `/api/v1/public/trust/${slug}` })).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
      await limited.close();
    });
  });
}
