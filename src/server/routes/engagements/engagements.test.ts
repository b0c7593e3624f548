import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base, seedEngagement } from '../testing.js';

const body = {
  name: 'FY2026 SOC 2 Type 2',
  system: 'Acme Analytics Platform',
  reportType: 'type2',
  periodStart: '2026-01-01',
  periodEnd: '2026-06-30',
  categories: ['availability'],
  notApplicable: [{ criterion: 'CC6.4', reason: 'Facilities belong to a carved-out subservice organisation' }],
  sampling: { confidence: 0.95 },
};

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: engagements API`, () => {
    const t = useTestApp(engine);

    it('creates an engagement with the defaults filled in, reads it, and records the creation', async () => {
      const compliance = await t().member('compliance');
      const created = await compliance.request({ method: 'POST', url: `${base(t())}/engagements`, payload: body });
      expect(created.statusCode).toBe(201);
      const engagement = created.json();
      expect(engagement).toEqual({
        id: expect.any(String),
        organizationId: t().organizationId,
        name: body.name,
        system: body.system,
        reportType: 'type2',
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
        // Security is always in.
        categories: ['security', 'availability'],
        notApplicable: body.notApplicable,
        sampling: { confidence: 0.95, tolerableRate: 0.1 },
        pervasiveness: { minSeries: 3, minShare: 0.25 },
        misstatements: [],
        createdAt: expect.any(String),
        version: 1,
        revision: 1,
        previousEngagementId: null,
        archivedAt: null,
      });
      const read = await compliance.request({ method: 'GET', url: `${base(t())}/engagements/${engagement.id}` });
      expect(read.json()).toEqual(engagement);
      const [event] = await auditEvents(t(), 'engagement.created');
      expect(event).toMatchObject({ subject: `engagement:${engagement.id}`, actor: `user:${compliance.email}` });
    });

    it('lists engagements newest period first, by report type and by text, paged', async () => {
      await seedEngagement(t(), { name: 'FY2025', periodEnd: '2025-06-30', periodStart: '2025-01-01' });
      await seedEngagement(t(), { name: 'Readiness', system: 'Billing', reportType: 'type1', periodStart: null, periodEnd: '2026-03-31' });
      await seedEngagement(t(), { name: 'FY2026' });
      const viewer = await t().member('viewer');
      const list = async (query: string) => (await viewer.request({ method: 'GET', url: `${base(t())}/engagements${query}` })).json();
      expect((await list('')).items.map((e: { name: string }) => e.name)).toEqual(['FY2026', 'Readiness', 'FY2025']);
      expect(await list('?reportType=type1')).toMatchObject({ total: 1, items: [{ name: 'Readiness' }] });
      expect(await list('?q=billing')).toMatchObject({ total: 1, items: [{ name: 'Readiness' }] });
      expect(await list('?limit=1&offset=1')).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ name: 'Readiness' }] });
      const bad = await viewer.request({ method: 'GET', url: `${base(t())}/engagements?reportType=type3` });
      expect(bad.statusCode).toBe(400);
    });

    it('changes settings at the current version, merging a partial sampling, and records the change', async () => {
      const engagement = await seedEngagement(t());
      const admin = await t().member('admin');
      const response = await admin.request({
        method: 'PATCH',
        url: `${base(t())}/engagements/${engagement.id}`,
        payload: { version: 1, name: 'Renamed', sampling: { tolerableRate: 0.05 }, misstatements: [{ text: 'Incident not disclosed' }] },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        name: 'Renamed',
        sampling: { confidence: 0.9, tolerableRate: 0.05 },
        misstatements: [{ text: 'Incident not disclosed', pervasive: false }],
        version: 2,
        revision: 2,
      });
      const [event] = await auditEvents(t(), 'engagement.updated');
      expect(event).toMatchObject({ before: { name: engagement.name }, after: { name: 'Renamed' } });
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const engagement = await seedEngagement(t());
      const admin = await t().member('admin');
      const url = `${base(t())}/engagements/${engagement.id}`;
      expect((await admin.request({ method: 'PATCH', url, payload: { version: 1, name: 'First' } })).statusCode).toBe(200);
      const stale = await admin.request({ method: 'PATCH', url, payload: { version: 1, name: 'Second' } });
      expect(stale.statusCode).toBe(409);
      expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
      const archived = await admin.request({ method: 'DELETE', url: `${url}?version=1` });
      expect(archived.statusCode).toBe(409);
      expect((await admin.request({ method: 'GET', url })).json()).toMatchObject({ name: 'First', version: 2, archivedAt: null });
      expect(await auditEvents(t(), 'engagement.updated')).toHaveLength(1);
      expect(await auditEvents(t(), 'engagement.archived')).toHaveLength(0);
    });

    it('archives on DELETE at the current version: kept, readable, out of the default list, and recorded', async () => {
      const engagement = await seedEngagement(t());
      const compliance = await t().member('compliance');
      const url = `${base(t())}/engagements/${engagement.id}`;
      const response = await compliance.request({ method: 'DELETE', url: `${url}?version=1` });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: engagement.id, version: 2, archivedAt: expect.any(String) });
      expect((await compliance.request({ method: 'GET', url })).json()).toMatchObject({ id: engagement.id, archivedAt: expect.any(String) });
      const [event] = await auditEvents(t(), 'engagement.archived');
      expect(event).toMatchObject({ subject: `engagement:${engagement.id}`, before: { name: engagement.name, archivedAt: null }, after: { archivedAt: expect.any(String) } });
      expect((await compliance.request({ method: 'DELETE', url: url })).statusCode).toBe(400);
    });

    it('refuses bad input with problem+json naming the field, and writes nothing', async () => {
      const admin = await t().member('admin');
      const url = `${base(t())}/engagements`;
      const post = (payload: unknown) => admin.request({ method: 'POST', url, payload: payload as Record<string, unknown> });
      const cases: [unknown, number, string, RegExp?][] = [
        [{ ...body, reportType: 'type3' }, 400, '$.reportType'],
        [{ ...body, name: 42 }, 400, '$.name'],
        [{ ...body, name: 'x'.repeat(201) }, 400, '$.name'],
        [{ ...body, name: '   ' }, 400, '$.name'],
        [{ ...body, periodEnd: '2026-02-30' }, 400, '$.periodEnd'],
        [{ ...body, sampling: { confidence: 1.5 } }, 400, '$.sampling.confidence'],
        [{ ...body, categories: ['security', 'secrecy'] }, 400, '$.categories[1]'],
        [{ ...body, owner: 'x' }, 400, '$', /owner/],
        [{ ...body, notApplicable: [{ criterion: 'CC6.4', reason: 'x', extra: 1 }] }, 400, '$.notApplicable[0]', /extra/],
        [{ ...body, notApplicable: [{ criterion: 'CC9.9', reason: 'Unknown' }] }, 422, '$.notApplicable[0].criterion', /unknown criterion/],
        [{ ...body, notApplicable: [{ criterion: 'C1.1', reason: 'Not chosen' }] }, 422, '$.notApplicable[0].criterion', /not in the chosen categories/],
        [{ ...body, periodStart: null }, 422, '$.periodStart', /needs periodStart/],
        [{ ...body, periodStart: '2026-07-01' }, 422, '$.periodStart', /after it ends/],
        [{ ...body, reportType: 'type1' }, 422, '$.periodStart', /type1/],
      ];
      for (const [payload, status, location, message] of cases) {
        const response = await post(payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(status);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        const problem = response.json();
        expect(problem.status).toBe(status);
        const issue = problem.issues.find((i: { location: string }) => i.location === location);
        expect(issue, `${location} in ${JSON.stringify(problem.issues)}`).toBeDefined();
        if (message) expect(issue.message).toMatch(message);
      }
      const malformed = await admin.request({ method: 'POST', url, payload: '{"name": ', headers: { 'content-type': 'application/json' } });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
      const huge = await post({ ...body, misstatements: Array.from({ length: 90 }, () => ({ text: 'x'.repeat(1990) })).concat([{ text: 'y'.repeat(20_000) }]) });
      expect(huge.statusCode).toBe(400);
      const tooLarge = await post({ ...body, system: 'x'.repeat(1024 * 1024) });
      expect(tooLarge.statusCode).toBe(413);
      expect(tooLarge.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await admin.request({ method: 'GET', url })).json().total).toBe(0);
      expect(await auditEvents(t(), 'engagement.created')).toHaveLength(0);
    });

    it('checks a change against the whole engagement: dropping a category leaves a criterion out of scope', async () => {
      const engagement = await seedEngagement(t(), { notApplicable: [{ criterion: 'A1.3', reason: 'No recovery site' }] });
      const admin = await t().member('admin');
      const url = `${base(t())}/engagements/${engagement.id}`;
      const response = await admin.request({ method: 'PATCH', url, payload: { version: 1, categories: ['security'] } });
      expect(response.statusCode).toBe(422);
      expect(response.json().issues).toEqual([
        { location: '$.notApplicable[0].criterion', message: 'criterion "A1.3" is not in the chosen categories' },
      ]);
      expect((await admin.request({ method: 'GET', url })).json()).toMatchObject({ version: 1, categories: ['security', 'availability'] });
    });

    it('lets only admin and compliance manage engagements; everyone reads', async () => {
      const engagement = await seedEngagement(t());
      const url = `${base(t())}/engagements/${engagement.id}`;
      for (const role of ['viewer', 'auditor', 'owner'] as const) {
        const member = await t().member(role);
        expect((await member.request({ method: 'GET', url })).statusCode).toBe(200);
        expect((await member.request({ method: 'POST', url: `${base(t())}/engagements`, payload: body })).statusCode).toBe(403);
        expect((await member.request({ method: 'PATCH', url, payload: { version: 1, name: 'x' } })).statusCode).toBe(403);
        expect((await member.request({ method: 'DELETE', url: `${url}?version=1` })).statusCode).toBe(403);
      }
      expect((await (await t().member('admin')).request({ method: 'GET', url })).json().version).toBe(1);
    });

    it('answers 404 to an outsider for everything of the organisation, and 401 to an anonymous caller', async () => {
      const engagement = await seedEngagement(t());
      const outsider = await t().outsider();
      const url = `${base(t())}/engagements/${engagement.id}`;
      for (const request of [
        { method: 'GET', url: `${base(t())}/engagements` },
        { method: 'POST', url: `${base(t())}/engagements`, payload: body },
        { method: 'GET', url },
        { method: 'PATCH', url, payload: { version: 1, name: 'x' } },
        { method: 'DELETE', url: `${url}?version=1` },
      ] as const) {
        expect((await outsider.request(request)).statusCode, `${request.method} ${request.url}`).toBe(404);
        expect((await t().anonymous.request(request)).statusCode).toBe(401);
      }
      // Nor is another organisation's engagement found through the outsider's own organisation.
      const own = await outsider.request({ method: 'GET', url: '/api/v1/organizations' });
      const otherOrg = own.json().items[0].id as string;
      const through = await outsider.request({ method: 'GET', url: `/api/v1/organizations/${otherOrg}/engagements/${engagement.id}` });
      expect(through.statusCode).toBe(404);
    });
  });
}
