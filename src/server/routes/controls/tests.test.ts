import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base, samplesOf, seedControl, seedEngagement, seedTest } from '../testing.js';

const test = {
  method: 'inspection',
  populationSize: 42,
  samples: [
    { item: 'T-0001', result: 'pass' },
    { item: 'T-0002', result: 'fail', note: 'Access removed 9 days after termination' },
  ],
};

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: tests and samples API`, () => {
    const t = useTestApp(engine);

    async function seeded() {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-04' });
      const url = `${base(t())}/engagements/${engagement.id}/controls/AC-04/test`;
      return { engagement, url };
    }

    it('records a test, reads it, and replaces it only with its current version', async () => {
      const { url } = await seeded();
      const compliance = await t().member('compliance');
      const auditor = await t().member('auditor');
      const created = await compliance.request({ method: 'PUT', url, payload: test });
      expect(created.statusCode).toBe(201);
      const recorded = {
        control: 'AC-04',
        method: 'inspection',
        populationSize: 42,
        scopeLimitation: null,
        samples: [
          { item: 'T-0001', result: 'pass', note: null },
          { item: 'T-0002', result: 'fail', note: 'Access removed 9 days after termination' },
        ],
        untested: [],
        recordedBy: { 'T-0001': 'compliance', 'T-0002': 'compliance' },
        version: 1,
      };
      expect(created.json()).toEqual(recorded);
      expect((await auditor.request({ method: 'GET', url })).json()).toEqual(recorded);

      const withoutVersion = await auditor.request({ method: 'PUT', url, payload: { ...test, method: 'reperformance' } });
      expect(withoutVersion.statusCode).toBe(409);
      const replaced = await auditor.request({ method: 'PUT', url, payload: { ...test, version: 1, method: 'reperformance' } });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toMatchObject({ method: 'reperformance', samples: recorded.samples, version: 2 });
      const stale = await auditor.request({ method: 'PUT', url, payload: { ...test, version: 1 } });
      expect(stale.statusCode).toBe(409);
      expect((await auditor.request({ method: 'GET', url })).json()).toMatchObject({ method: 'reperformance', samples: recorded.samples, version: 2 });

      const events = await auditEvents(t(), 'test.recorded');
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({ actor: `user:${auditor.email}`, before: { method: 'inspection' }, after: { method: 'reperformance' } });
    });

    it('keeps recorded results: refuses with 409 what would lose them, adds untested samples, and starts new versions', async () => {
      const { engagement, url } = await seeded();
      await seedTest(t(), engagement.id, 'AC-04', { populationSize: 20, samples: samplesOf('ppfpf') });
      const compliance = await t().member('compliance');
      const fivePasses = { ...test, populationSize: 20, samples: samplesOf('ppppp', 'N'), version: 1 };
      for (const change of [undefined, 'replace']) {
        const refused = await compliance.request({ method: 'PUT', url, payload: { ...fivePasses, ...(change && { change }) } });
        expect(refused.statusCode, change).toBe(409);
        expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(refused.json().detail).toMatch(/5 recorded results \(T-0001 pass, T-0002 pass, T-0003 fail, T-0004 pass, T-0005 fail\)|holds 5 recorded results \(2 failed\)/);
      }
      const current = (await compliance.request({ method: 'GET', url })).json();
      expect(current).toMatchObject({ version: 1, untested: [] });
      expect(current.samples.map((s: { result: string }) => s.result)).toEqual(['pass', 'pass', 'fail', 'pass', 'fail']);

      const added = await compliance.request({ method: 'PUT', url, payload: { ...test, populationSize: 20, samples: current.samples, untested: ['N-1'], version: 1 } });
      expect(added.statusCode).toBe(200);
      expect(added.json()).toMatchObject({ samples: current.samples, untested: ['N-1'], version: 2 });

      const noReason = await compliance.request({ method: 'PUT', url, payload: { ...fivePasses, version: 2, change: 'new-version' } });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.json().issues).toEqual([{ location: '$.reason', message: expect.stringMatching(/say why/) }]);
      const reason = 'Retest after the May redesign';
      const retest = { ...test, populationSize: 20, samples: [], untested: ['N-1', 'N-2'], version: 2, change: 'new-version', reason };
      const version3 = await compliance.request({ method: 'PUT', url, payload: retest });
      expect(version3.statusCode).toBe(200);
      expect(version3.json()).toMatchObject({ samples: [], untested: ['N-1', 'N-2'], version: 3 });
      const [event] = await auditEvents(t(), 'test.superseded');
      expect(event).toMatchObject({ actor: `user:${compliance.email}`, before: { samples: current.samples }, after: { reason } });
    });

    it('adds samples and records their results, bumping the test version', async () => {
      const { engagement } = await seeded();
      await seedTest(t(), engagement.id, 'AC-04', { populationSize: 7, samples: samplesOf('ppppp') });
      const { url } = { url: `${base(t())}/engagements/${engagement.id}/controls/AC-04/test` };
      const auditor = await t().member('auditor');
      const added = await auditor.request({ method: 'POST', url: `${url}/samples`, payload: { item: 'T-0100', result: 'pass' } });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toEqual({ control: 'AC-04', item: 'T-0100', result: 'pass', note: null, recordedBy: 'auditor', testVersion: 2 });
      const recorded = await auditor.request({
        method: 'PATCH',
        url: `${url}/samples/T-0100`,
        payload: { version: 2, result: 'fail', note: 'No approval on file', reason: 'The approval on file was for another change' },
      });
      expect(recorded.statusCode).toBe(200);
      expect(recorded.json()).toEqual({ control: 'AC-04', item: 'T-0100', result: 'fail', note: 'No approval on file', recordedBy: 'auditor', testVersion: 3 });
      const noteOnly = await auditor.request({ method: 'PATCH', url: `${url}/samples/T-0001`, payload: { note: 'Checked twice' } });
      expect(noteOnly.json()).toMatchObject({ result: 'pass', note: 'Checked twice', testVersion: 4 });
      const read = (await auditor.request({ method: 'GET', url })).json();
      expect(read.version).toBe(4);
      expect(read.samples.map((s: { item: string }) => s.item)).toEqual(['T-0001', 'T-0002', 'T-0003', 'T-0004', 'T-0005', 'T-0100']);

      expect(await auditEvents(t(), 'sample.added')).toEqual([expect.objectContaining({ after: expect.objectContaining({ item: 'T-0100' }) })]);
      const [latest] = await auditEvents(t(), 'sample.recorded');
      expect(latest).toMatchObject({ before: { item: 'T-0001', note: null }, after: { item: 'T-0001', note: 'Checked twice' } });
    });

    it("refuses a fail without its note and a changed result without a reason; the control's history says who changed which result when", async () => {
      const { engagement, url } = await seeded();
      await seedTest(t(), engagement.id, 'AC-04', { populationSize: 10, samples: samplesOf('ppppp') });
      const auditor = await t().member('auditor');
      const noNote = await auditor.request({ method: 'POST', url: `${url}/samples`, payload: { item: 'N-1', result: 'fail' } });
      expect(noNote.statusCode).toBe(422);
      expect(noNote.json().issues).toEqual([{ location: '$.note', message: 'a failed sample needs a note saying what deviated' }]);
      const noReason = await auditor.request({ method: 'PATCH', url: `${url}/samples/T-0003`, payload: { result: 'fail', note: 'Nine days late' } });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(noReason.json().issues).toEqual([{ location: '$.reason', message: expect.stringMatching(/recorded as pass: say why it changes to fail/) }]);

      const reason = 'The termination ticket was closed before the account was removed';
      const changed = await auditor.request({ method: 'PATCH', url: `${url}/samples/T-0003`, payload: { result: 'fail', note: 'Nine days late', reason } });
      expect(changed.statusCode).toBe(200);
      const history = (await auditor.request({ method: 'GET', url: url.replace(/\/test$/, '/audit-events') })).json();
      expect(history.items[0]).toMatchObject({
        type: 'sample.recorded',
        actor: `user:${auditor.email}`,
        occurredAt: expect.any(String),
        before: { item: 'T-0003', result: 'pass', note: null },
        after: { item: 'T-0003', result: 'fail', note: 'Nine days late', reason },
      });
    });

    it('records a sample whose item is as long as an item may be, in any script, and refuses a longer one with 400', async () => {
      const { engagement, url } = await seeded();
      await seedTest(t(), engagement.id, 'AC-04', { populationSize: 10, samples: samplesOf('ppppp') });
      const auditor = await t().member('auditor');
      // 200 characters: plain, and each three bytes of UTF-8 (nine characters percent-encoded in the path).
      for (const item of ['I'.repeat(200), '€'.repeat(200)]) {
        expect((await auditor.request({ method: 'POST', url: `${url}/samples`, payload: { item, result: 'pass' } })).statusCode).toBe(201);
        const payload = { result: 'fail', note: 'Late', reason: 'Re-inspected' };
        const recorded = await auditor.request({ method: 'PATCH', url: `${url}/samples/${encodeURIComponent(item)}`, payload });
        expect(recorded.statusCode).toBe(200);
        expect(recorded.json()).toMatchObject({ item, result: 'fail' });
      }
      const longer = await auditor.request({ method: 'PATCH', url: `${url}/samples/${'I'.repeat(201)}`, payload: { result: 'fail' } });
      expect(longer.statusCode).toBe(400);
      expect(longer.json().issues[0].location).toMatch(/item/);
    });

    it('refuses a duplicate item, more samples than the population, an unknown item and a stale version', async () => {
      const { engagement, url } = await seeded();
      await seedTest(t(), engagement.id, 'AC-04', { populationSize: 6, samples: samplesOf('ppppp') });
      const admin = await t().member('admin');
      const duplicate = await admin.request({ method: 'POST', url: `${url}/samples`, payload: { item: 'T-0001', result: 'fail', note: 'Late' } });
      expect(duplicate.statusCode).toBe(422);
      expect(duplicate.json().issues).toEqual([{ location: '$.item', message: 'sample item "T-0001" is already in the test' }]);
      expect((await admin.request({ method: 'POST', url: `${url}/samples`, payload: { item: 'T-0006', result: 'pass' } })).statusCode).toBe(201);
      const beyond = await admin.request({ method: 'POST', url: `${url}/samples`, payload: { item: 'T-0007', result: 'pass' } });
      expect(beyond.statusCode).toBe(422);
      expect(beyond.json().issues[0]).toMatchObject({ location: '$.item', message: expect.stringMatching(/population has 6 items/) });
      const stale = await admin.request({ method: 'POST', url: `${url}/samples`, payload: { version: 1, item: 'T-0008', result: 'pass' } });
      expect(stale.statusCode).toBe(409);
      const staleUpdate = await admin.request({ method: 'PATCH', url: `${url}/samples/T-0001`, payload: { version: 1, note: 'Stale' } });
      expect(staleUpdate.statusCode).toBe(409);
      expect((await admin.request({ method: 'PATCH', url: `${url}/samples/NOPE`, payload: { result: 'fail' } })).statusCode).toBe(404);
      const empty = await admin.request({ method: 'PATCH', url: `${url}/samples/T-0001`, payload: {} });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().issues[0].location).toBe('$.result');
      const read = (await admin.request({ method: 'GET', url })).json();
      expect(read.version).toBe(2);
      expect(read.samples).toHaveLength(6);
      expect(read.samples[0]).toEqual({ item: 'T-0001', result: 'pass', note: null });
      expect(await auditEvents(t(), 'sample.added')).toHaveLength(1);
      expect(await auditEvents(t(), 'sample.recorded')).toHaveLength(0);
    });

    it('refuses samples to a control without a test, with 404', async () => {
      const { url } = await seeded();
      const admin = await t().member('admin');
      expect((await admin.request({ method: 'GET', url })).statusCode).toBe(404);
      expect((await admin.request({ method: 'POST', url: `${url}/samples`, payload: { item: 'A', result: 'pass' } })).statusCode).toBe(404);
      expect((await admin.request({ method: 'PUT', url, payload: { ...test, version: 1 } })).statusCode).toBe(409);
    });

    it('refuses a bad test with problem+json naming the field, and writes nothing', async () => {
      const { url } = await seeded();
      const admin = await t().member('admin');
      const cases: [unknown, number, string, RegExp?][] = [
        [{ ...test, populationSize: 1 }, 422, '$.populationSize', /2 samples tested from a population of only 1/],
        [{ ...test, samples: [test.samples[0], test.samples[0]] }, 422, '$.samples[1].item', /appears twice/],
        [{ method: 'inspection' }, 422, '$.populationSize', /scope limitation/],
        [{ ...test, method: 'guessing' }, 400, '$.method'],
        [{ ...test, populationSize: -1 }, 400, '$.populationSize'],
        [{ ...test, populationSize: '42' }, 400, '$.populationSize'],
        [{ ...test, samples: [{ item: 'A', result: 'maybe' }] }, 400, '$.samples[0].result'],
        [{ ...test, samples: [{ item: 'A', result: 'pass', evidence: 'x' }] }, 400, '$.samples[0]', /evidence/],
        [{ ...test, samples: [{ item: 'x'.repeat(201), result: 'pass' }] }, 400, '$.samples[0].item'],
        [{ ...test, populationSize: 20_000, samples: Array.from({ length: 10_001 }, (_, i) => ({ item: `${i}`, result: 'pass' })) }, 400, '$.samples'],
        [{ ...test, tester: 'me' }, 400, '$', /tester/],
      ];
      for (const [payload, status, location, message] of cases) {
        const response = await admin.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });
        expect(response.statusCode, JSON.stringify(payload).slice(0, 200)).toBe(status);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        const issue = response.json().issues.find((i: { location: string }) => i.location === location);
        expect(issue, `${location} in ${response.body.slice(0, 500)}`).toBeDefined();
        if (message) expect(issue.message).toMatch(message);
      }
      const malformed = await admin.request({ method: 'PUT', url, payload: '{"method": [', headers: { 'content-type': 'application/json' } });
      expect(malformed.statusCode).toBe(400);
      expect((await admin.request({ method: 'GET', url })).statusCode).toBe(404);
      expect(await auditEvents(t(), 'test.recorded')).toHaveLength(0);
    });

    it('never deletes a test holding recorded results (409 saying why); deletes one without at its version and records it', async () => {
      const { engagement, url } = await seeded();
      await seedTest(t(), engagement.id, 'AC-04');
      const compliance = await t().member('compliance');
      expect((await compliance.request({ method: 'DELETE', url: `${url}?version=2` })).statusCode).toBe(409);
      const refused = await compliance.request({ method: 'DELETE', url: `${url}?version=1` });
      expect(refused.statusCode).toBe(409);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.json().detail).toMatch(/holds \d+ recorded results.*cannot be deleted.*new test version/);
      expect((await compliance.request({ method: 'GET', url })).json()).toMatchObject({ version: 1 });

      const retest = { ...test, samples: [], untested: ['N-1'], version: 1, change: 'new-version', reason: 'Retested after the fix' };
      expect((await compliance.request({ method: 'PUT', url, payload: retest })).statusCode).toBe(200);
      expect((await compliance.request({ method: 'DELETE', url: `${url}?version=2` })).statusCode).toBe(204);
      expect((await compliance.request({ method: 'GET', url })).statusCode).toBe(404);
      const [event] = await auditEvents(t(), 'test.removed');
      expect(event).toMatchObject({ actor: `user:${compliance.email}`, before: { control: 'AC-04', samples: [], untested: ['N-1'], version: 2 } });
    });

    it('lets admin, compliance and the auditor record tests; viewers and owners only read', async () => {
      const { engagement, url } = await seeded();
      await seedTest(t(), engagement.id, 'AC-04');
      for (const role of ['viewer', 'owner'] as const) {
        const member = await t().member(role);
        expect((await member.request({ method: 'GET', url })).statusCode).toBe(200);
        expect((await member.request({ method: 'PUT', url, payload: { ...test, version: 1 } })).statusCode).toBe(403);
        expect((await member.request({ method: 'POST', url: `${url}/samples`, payload: { item: 'X', result: 'pass' } })).statusCode).toBe(403);
        expect((await member.request({ method: 'PATCH', url: `${url}/samples/T-0001`, payload: { result: 'fail' } })).statusCode).toBe(403);
        expect((await member.request({ method: 'DELETE', url: `${url}?version=1` })).statusCode).toBe(403);
      }
      let version = 1;
      const { samples } = (await (await t().member('viewer')).request({ method: 'GET', url })).json();
      for (const role of ['admin', 'compliance', 'auditor'] as const) {
        const member = await t().member(role);
        const response = await member.request({ method: 'PUT', url, payload: { ...test, samples, version } });
        expect(response.statusCode, role).toBe(200);
        version = response.json().version;
      }
    });

    it('keeps the population to the organisation: the auditor tests it as it stands', async () => {
      const { engagement, url } = await seeded();
      await seedTest(t(), engagement.id, 'AC-04', { populationSize: 42, samples: samplesOf('ppppp') });
      const auditor = await t().member('auditor');
      const current = (await auditor.request({ method: 'GET', url })).json();
      for (const payload of [
        { ...test, version: 1, populationSize: 41 },
        { ...test, version: 1, scopeLimitation: 'The HR system could not produce the list' },
        { ...test, version: 1, populationSize: null, scopeLimitation: 'The HR system could not produce the list' },
      ]) {
        const refused = await auditor.request({ method: 'PUT', url, payload });
        expect(refused.statusCode, JSON.stringify(payload)).toBe(403);
        expect(refused.json().detail).toMatch(/population of control AC-04 .* evidence the organisation provides: the auditor role/);
      }
      const population = await auditor.request({ method: 'PUT', url: `${url}/population`, payload: { version: 1, populationSize: 41 } });
      expect(population.statusCode).toBe(403);
      expect((await auditor.request({ method: 'DELETE', url: `${url}?version=1` })).statusCode).toBe(403);
      expect((await auditor.request({ method: 'GET', url })).json()).toEqual(current);
      expect(await auditEvents(t(), 'test.recorded')).toHaveLength(1);

      // Test work on the population as it stands: method, samples and results.
      const replaced = await auditor.request({ method: 'PUT', url, payload: { ...test, samples: current.samples, version: 1, method: 'reperformance' } });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toMatchObject({ method: 'reperformance', populationSize: 42, version: 2 });
      const recorded = await auditor.request({ method: 'PATCH', url: `${url}/samples/T-0002`, payload: { result: 'pass', note: 'Re-checked' } });
      expect(recorded.statusCode).toBe(200);
      expect(recorded.json()).toMatchObject({ item: 'T-0002', result: 'pass', testVersion: 3 });
    });

    it('refuses the auditor a new test, which would state its population', async () => {
      const { url } = await seeded();
      const auditor = await t().member('auditor');
      const refused = await auditor.request({ method: 'PUT', url, payload: test });
      expect(refused.statusCode).toBe(403);
      expect((await auditor.request({ method: 'GET', url })).statusCode).toBe(404);
      expect(await auditEvents(t(), 'test.recorded')).toHaveLength(0);
    });

    it("lets the control's owner and compliance state the population, keeping method and samples", async () => {
      const { engagement, url } = await seeded();
      await seedControl(t(), engagement.id, { id: 'AC-05', owner: 'someone-else@acme.example' });
      await seedTest(t(), engagement.id, 'AC-04', { populationSize: 42, samples: samplesOf('ppfpp') });
      await seedTest(t(), engagement.id, 'AC-05', { populationSize: 42, samples: samplesOf('ppppp') });
      const owner = await t().member('owner');
      await t().services.controls.update(OPERATOR, t().organizationId, engagement.id, 'AC-04', 1, { owner: owner.email });

      const changed = await owner.request({ method: 'PUT', url: `${url}/population`, payload: { version: 1, populationSize: 40 } });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({ method: 'inspection', populationSize: 40, scopeLimitation: null, version: 2 });
      expect(changed.json().samples.map((s: { result: string }) => s.result)).toEqual(['pass', 'pass', 'fail', 'pass', 'pass']);
      const [event] = await auditEvents(t(), 'population.recorded');
      expect(event).toMatchObject({
        actor: `user:${owner.email}`,
        before: { control: 'AC-04', populationSize: 42, scopeLimitation: null, version: 1 },
        after: { control: 'AC-04', populationSize: 40, scopeLimitation: null, version: 2 },
      });

      // Not another owner's control; not test work, which stays the auditor's and the programme's.
      const notOwn = await owner.request({ method: 'PUT', url: url.replace('AC-04', 'AC-05') + '/population', payload: { version: 1, populationSize: 40 } });
      expect(notOwn.statusCode).toBe(403);
      expect((await owner.request({ method: 'PUT', url, payload: { ...test, version: 2, populationSize: 41 } })).statusCode).toBe(403);

      const stale = await owner.request({ method: 'PUT', url: `${url}/population`, payload: { version: 1, populationSize: 39 } });
      expect(stale.statusCode).toBe(409);
      const tooSmall = await owner.request({ method: 'PUT', url: `${url}/population`, payload: { version: 2, populationSize: 4 } });
      expect(tooSmall.statusCode).toBe(422);
      expect(tooSmall.json().issues).toEqual([{ location: '$.populationSize', message: '5 samples tested from a population of only 4' }]);

      const compliance = await t().member('compliance');
      const limited = await compliance.request({
        method: 'PUT',
        url: `${url}/population`,
        payload: { version: 2, populationSize: null, scopeLimitation: 'The HR system could not produce the terminations' },
      });
      expect(limited.statusCode).toBe(200);
      expect(limited.json()).toMatchObject({ populationSize: null, scopeLimitation: 'The HR system could not produce the terminations', version: 3 });
      const { samples } = limited.json();
      const replaced = await compliance.request({ method: 'PUT', url, payload: { ...test, samples, version: 3, populationSize: 50 } });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toMatchObject({ populationSize: 50, scopeLimitation: null, version: 4 });
    });

    it('answers 404 for the population of a control without a test', async () => {
      const { url } = await seeded();
      const compliance = await t().member('compliance');
      const missing = await compliance.request({ method: 'PUT', url: `${url}/population`, payload: { version: 1, populationSize: 10 } });
      expect(missing.statusCode).toBe(404);
    });

    it('answers 404 to an outsider for everything, and 401 anonymously', async () => {
      const { engagement, url } = await seeded();
      await seedTest(t(), engagement.id, 'AC-04');
      const outsider = await t().outsider();
      for (const request of [
        { method: 'GET', url },
        { method: 'PUT', url, payload: { ...test, version: 1 } },
        { method: 'DELETE', url: `${url}?version=1` },
        { method: 'POST', url: `${url}/samples`, payload: { item: 'X', result: 'pass' } },
        { method: 'PATCH', url: `${url}/samples/T-0001`, payload: { result: 'fail' } },
        { method: 'PUT', url: `${url}/population`, payload: { version: 1, populationSize: 3 } },
      ] as const) {
        expect((await outsider.request(request)).statusCode, `${request.method} ${request.url}`).toBe(404);
        expect((await t().anonymous.request(request)).statusCode).toBe(401);
      }
    });
  });
}
