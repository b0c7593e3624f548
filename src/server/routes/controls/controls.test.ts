import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { useTestApp } from '../../testing.js';
import { engagementSettings } from '../../../../test/support/factories.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { auditEvents, base, controlInput, samplesOf, seedControl, seedEngagement, seedTest } from '../testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: controls API`, () => {
    const t = useTestApp(engine);
    const controlsUrl = (engagementId: string) => `${base(t())}/engagements/${engagementId}/controls`;

    it('creates a control, reads it back without internal ids, and records the creation', async () => {
      const engagement = await seedEngagement(t());
      const compliance = await t().member('compliance');
      const payload = { id: 'AC-04', title: 'Deprovisioning', criteria: ['CC6.2', 'CC6.3', 'CC6.2'], frequency: 'event', nature: 'manual' };
      const created = await compliance.request({ method: 'POST', url: controlsUrl(engagement.id), payload });
      expect(created.statusCode).toBe(201);
      const expected = {
        id: 'AC-04',
        title: 'Deprovisioning',
        criteria: ['CC6.2', 'CC6.3'],
        frequency: 'event',
        nature: 'manual',
        key: true,
        design: 'effective',
        compensates: [],
        owner: null,
        version: 1,
        archivedAt: null,
      };
      expect(created.json()).toEqual(expected);
      const read = await compliance.request({ method: 'GET', url: `${controlsUrl(engagement.id)}/AC-04` });
      expect(read.json()).toEqual(expected);
      const [event] = await auditEvents(t(), 'control.created');
      expect(event).toMatchObject({ actor: `user:${compliance.email}`, after: { id: 'AC-04', engagementId: engagement.id } });
    });

    it('finds a control by an id that needs URL-encoding', async () => {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'IT/01 #a' });
      const viewer = await t().member('viewer');
      const read = await viewer.request({ method: 'GET', url: `${controlsUrl(engagement.id)}/${encodeURIComponent('IT/01 #a')}` });
      expect(read.statusCode).toBe(200);
      expect(read.json().id).toBe('IT/01 #a');
    });

    it('lists controls with their conclusions, filtered by criterion, owner, text and conclusion', async () => {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-01', title: 'Access reviews', criteria: ['CC6.1'], owner: 'it@acme.example' });
      await seedControl(t(), engagement.id, { id: 'AC-02', title: 'MFA', criteria: ['CC6.1', 'CC6.8'], owner: 'sec@acme.example' });
      await seedControl(t(), engagement.id, { id: 'CM-01', title: 'Change approval', criteria: ['CC8.1'], owner: null, design: 'deficient' });
      await seedTest(t(), engagement.id, 'AC-01', { samples: samplesOf('ppppp') });
      await seedTest(t(), engagement.id, 'AC-02', { populationSize: 5, samples: samplesOf('ppfpp') });
      const viewer = await t().member('viewer');
      const list = async (query = '') => (await viewer.request({ method: 'GET', url: `${controlsUrl(engagement.id)}${query}` })).json();
      const all = await list();
      expect(all).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(Object.keys(all.items[0]).sort()).toEqual(
        ['archivedAt', 'compensates', 'conclusion', 'criteria', 'design', 'frequency', 'id', 'key', 'nature', 'owner', 'title', 'version'],
      );
      // Served again from the cache, the same.
      expect(await list()).toEqual(all);
      expect(all.items.map((c: { id: string; conclusion: string }) => [c.id, c.conclusion])).toEqual([
        ['AC-01', 'effective'],
        ['AC-02', 'not_effective'],
        ['CM-01', 'design_deficiency'],
      ]);
      const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);
      expect(ids(await list('?criterion=CC6.1'))).toEqual(['AC-01', 'AC-02']);
      expect(ids(await list('?owner=sec%40acme.example'))).toEqual(['AC-02']);
      expect(ids(await list('?q=approval'))).toEqual(['CM-01']);
      expect(ids(await list('?conclusion=not_effective'))).toEqual(['AC-02']);
      expect(await list('?conclusion=not_tested')).toMatchObject({ items: [], total: 0 });
      expect(await list('?conclusion=effective&criterion=CC6.1&limit=1')).toMatchObject({ total: 1, items: [{ id: 'AC-01' }] });
      expect(await list('?limit=1&offset=2')).toMatchObject({ total: 3, items: [{ id: 'CM-01' }] });
      const bad = await viewer.request({ method: 'GET', url: `${controlsUrl(engagement.id)}?conclusion=fine` });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().issues[0].location).toBe('querystring.conclusion');
    });

    it('changes a control at its version, and records the change; a stale version gets 409 and changes nothing', async () => {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-01' });
      await seedControl(t(), engagement.id, { id: 'AC-02' });
      const admin = await t().member('admin');
      const url = `${controlsUrl(engagement.id)}/AC-02`;
      const changed = await admin.request({ method: 'PATCH', url, payload: { version: 1, key: false, compensates: ['AC-01'], owner: null } });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ id: 'AC-02', key: false, compensates: ['AC-01'], owner: null, version: 2 });
      const stale = await admin.request({ method: 'PATCH', url, payload: { version: 1, title: 'Lost update' } });
      expect(stale.statusCode).toBe(409);
      expect((await admin.request({ method: 'GET', url })).json()).toMatchObject({ title: controlInput().title, version: 2 });
      const events = await auditEvents(t(), 'control.updated');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ before: { key: true, version: 1 }, after: { key: false, version: 2 } });
    });

    it('lets an owner change only the controls it owns', async () => {
      const engagement = await seedEngagement(t());
      const owner = await t().member('owner');
      await seedControl(t(), engagement.id, { id: 'MINE', owner: owner.email!.toUpperCase() });
      await seedControl(t(), engagement.id, { id: 'THEIRS', owner: 'someone@acme.example' });
      const mine = await owner.request({ method: 'PATCH', url: `${controlsUrl(engagement.id)}/MINE`, payload: { version: 1, title: 'Better words' } });
      expect(mine.statusCode).toBe(200);
      expect(mine.json().title).toBe('Better words');
      const theirs = await owner.request({ method: 'PATCH', url: `${controlsUrl(engagement.id)}/THEIRS`, payload: { version: 1, title: 'x' } });
      expect(theirs.statusCode).toBe(403);
      expect((await owner.request({ method: 'POST', url: controlsUrl(engagement.id), payload: controlInput({ id: 'NEW' }) })).statusCode).toBe(403);
      expect((await owner.request({ method: 'DELETE', url: `${controlsUrl(engagement.id)}/MINE?version=2` })).statusCode).toBe(403);
    });

    it('refuses viewers and auditors any change, and lets them read', async () => {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-01' });
      const url = `${controlsUrl(engagement.id)}/AC-01`;
      for (const role of ['viewer', 'auditor'] as const) {
        const member = await t().member(role);
        expect((await member.request({ method: 'GET', url })).statusCode).toBe(200);
        expect((await member.request({ method: 'GET', url: controlsUrl(engagement.id) })).statusCode).toBe(200);
        expect((await member.request({ method: 'POST', url: controlsUrl(engagement.id), payload: controlInput({ id: 'X' }) })).statusCode).toBe(403);
        expect((await member.request({ method: 'PATCH', url, payload: { version: 1, title: 'x' } })).statusCode).toBe(403);
        expect((await member.request({ method: 'DELETE', url: `${url}?version=1` })).statusCode).toBe(403);
      }
    });

    it('archives on DELETE at its version, unless another control compensates it: out of the list, its test kept', async () => {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-01' });
      await seedControl(t(), engagement.id, { id: 'AC-02', compensates: ['AC-01'] });
      await seedTest(t(), engagement.id, 'AC-01');
      const admin = await t().member('admin');
      const url = `${controlsUrl(engagement.id)}/AC-01`;
      const compensated = await admin.request({ method: 'DELETE', url: `${url}?version=1` });
      expect(compensated.statusCode).toBe(409);
      expect(compensated.json().detail).toMatch(/compensated by AC-02/);
      await admin.request({ method: 'PATCH', url: `${controlsUrl(engagement.id)}/AC-02`, payload: { version: 1, compensates: [] } });
      expect((await admin.request({ method: 'DELETE', url: `${url}?version=9` })).statusCode).toBe(409);
      const archived = await admin.request({ method: 'DELETE', url: `${url}?version=1` });
      expect(archived.statusCode).toBe(200);
      expect(archived.json()).toMatchObject({ id: 'AC-01', version: 2, archivedAt: expect.any(String) });
      expect((await admin.request({ method: 'GET', url })).json()).toMatchObject({ id: 'AC-01', archivedAt: expect.any(String) });
      expect((await admin.request({ method: 'GET', url: `${url}/test` })).statusCode).toBe(200);
      expect((await admin.request({ method: 'GET', url: controlsUrl(engagement.id) })).json()).toMatchObject({ total: 1, items: [{ id: 'AC-02' }] });
      const [event] = await auditEvents(t(), 'control.archived');
      expect(event).toMatchObject({ before: { id: 'AC-01', archivedAt: null }, after: { id: 'AC-01', archivedAt: expect.any(String) } });
    });

    it('refuses bad input with problem+json naming the field, and writes nothing', async () => {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-01' });
      const admin = await t().member('admin');
      const url = controlsUrl(engagement.id);
      const cases: [string, string, unknown, number, string, RegExp?][] = [
        ['POST', url, controlInput({ criteria: ['CC6.1', 'CC99.1'] }), 422, '$.criteria[1]', /unknown criterion "CC99.1"/],
        ['POST', url, controlInput({ id: 'AC-01' }), 422, '$.id', /already exists/],
        ['POST', url, controlInput({ compensates: ['NOPE'] }), 422, '$.compensates[0]', /unknown control "NOPE"/],
        ['POST', url, controlInput({ id: 'SELF', compensates: ['SELF'] }), 422, '$.compensates[0]', /itself/],
        ['POST', url, { ...controlInput(), frequency: 'hourly' }, 400, '$.frequency'],
        ['POST', url, { ...controlInput(), key: 'yes' }, 400, '$.key'],
        ['POST', url, { ...controlInput(), criteria: [] }, 400, '$.criteria'],
        ['POST', url, { ...controlInput(), title: 'x'.repeat(2001) }, 400, '$.title'],
        ['POST', url, { ...controlInput(), id: 'x'.repeat(101) }, 400, '$.id'],
        ['POST', url, { ...controlInput(), colour: 'red' }, 400, '$', /colour/],
        ['PATCH', `${url}/AC-01`, { version: 1, id: 'AC-99' }, 400, '$', /id/],
        ['PATCH', `${url}/AC-01`, { title: 'No version' }, 400, '$.version'],
        ['PATCH', `${url}/AC-01`, { version: 1, criteria: ['CC6.1', 'XX'] }, 422, '$.criteria[1]'],
        ['PATCH', `${url}/AC-01`, { version: 1, compensates: ['AC-01'] }, 422, '$.compensates[0]'],
      ];
      for (const [method, target, payload, status, location, message] of cases) {
        const response = await admin.request({ method: method as 'POST', url: target, payload: payload as Record<string, unknown> });
        expect(response.statusCode, `${method} ${JSON.stringify(payload)}`).toBe(status);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        const issue = response.json().issues.find((i: { location: string }) => i.location === location);
        expect(issue, `${location} in ${response.body}`).toBeDefined();
        if (message) expect(issue.message).toMatch(message);
      }
      const malformed = await admin.request({ method: 'POST', url, payload: '{"id":', headers: { 'content-type': 'application/json' } });
      expect(malformed.statusCode).toBe(400);
      const list = (await admin.request({ method: 'GET', url })).json();
      expect(list.items.map((c: { id: string; version: number }) => [c.id, c.version])).toEqual([['AC-01', 1]]);
      expect(await auditEvents(t(), 'control.created')).toHaveLength(1);
      expect(await auditEvents(t(), 'control.updated')).toHaveLength(0);
    });

    it('lists from the engagement’s state read with the caller: a change at once, and nothing of another organisation’s engagement', async () => {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-01', title: 'Access reviews' });
      const admin = await t().member('admin');
      const created = await admin.request({ method: 'POST', url: `/api/v1/organizations/${t().organizationId}/tokens`, payload: { name: 'ci', role: 'compliance' } });
      const bearer = { authorization: `Bearer ${(created.json() as { secret: string }).secret}` };
      const callers = [admin.request, (options: Parameters<typeof admin.request>[0]) => t().anonymous.request({ ...options, headers: bearer })];
      for (const [i, request] of callers.entries()) {
        expect((await request({ method: 'GET', url: controlsUrl(engagement.id) })).json().items.map((c: { title: string }) => c.title)).toEqual([i === 0 ? 'Access reviews' : 'Renamed 0']);
        const changed = await request({ method: 'PATCH', url: `${controlsUrl(engagement.id)}/AC-01`, payload: { version: i + 1, title: `Renamed ${i}` } });
        expect(changed.statusCode).toBe(200);
        expect((await request({ method: 'GET', url: controlsUrl(engagement.id) })).json().items.map((c: { title: string }) => c.title)).toEqual([`Renamed ${i}`]);
      }
      const other = await t().services.organizations.create(OPERATOR, { slug: `other-${engagement.id}`, name: 'Other Co' });
      const foreign = await t().services.engagements.create(OPERATOR, other.id, engagementSettings());
      await t().services.controls.create(OPERATOR, other.id, foreign.id, controlInput({ id: 'AC-01' }));
      for (const request of callers) {
        for (const url of [controlsUrl(foreign.id), `${base(t())}/engagements/${foreign.id}/examination`]) {
          const answer = await request({ method: 'GET', url });
          expect(answer.statusCode, url).toBe(404);
          expect(answer.body).not.toContain('AC-01');
        }
      }
    });

    it('answers 404 for a control of another engagement or organisation, to an outsider for everything, and 401 anonymously', async () => {
      const engagement = await seedEngagement(t());
      const other = await seedEngagement(t(), { name: 'Other' });
      await seedControl(t(), engagement.id, { id: 'AC-01' });
      const admin = await t().member('admin');
      expect((await admin.request({ method: 'GET', url: `${controlsUrl(other.id)}/AC-01` })).statusCode).toBe(404);
      expect((await admin.request({ method: 'GET', url: controlsUrl('no-such-engagement') })).statusCode).toBe(404);
      const outsider = await t().outsider();
      const url = `${controlsUrl(engagement.id)}/AC-01`;
      for (const request of [
        { method: 'GET', url: controlsUrl(engagement.id) },
        { method: 'POST', url: controlsUrl(engagement.id), payload: controlInput({ id: 'X' }) },
        { method: 'GET', url },
        { method: 'PATCH', url, payload: { version: 1, title: 'x' } },
        { method: 'DELETE', url: `${url}?version=1` },
      ] as const) {
        expect((await outsider.request(request)).statusCode, `${request.method} ${request.url}`).toBe(404);
        expect((await t().anonymous.request(request)).statusCode).toBe(401);
      }
    });
  });
}
