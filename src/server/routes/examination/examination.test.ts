import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { CRITERIA, examine } from '../../../domain/index.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { createControlsRepository } from '../../../store/controls-repository.js';
import { createSnapshotsRepository } from '../../../store/snapshots-repository.js';
import { useTestApp, type Caller, type TestApp } from '../../testing.js';
import { base, controlInput, samplesOf, seedControl, seedEngagement, seedTest } from '../testing.js';
import { changesSchema, examinationResultSchema, fixRankingSchema } from '../../../contract/index.js';

/**
 * A security-only Type 2 engagement where every criterion is met: ALL addresses every criterion but CC6.2,
 * AC-04 addresses CC6.2, both tested with 25 passing samples. One failed sample in AC-04 leaves CC6.2 (one
 * criterion of one series: not pervasive) not met in operation, so the opinion becomes qualified.
 */
async function cleanEngagement(t: TestApp) {
  const engagement = await seedEngagement(t, { categories: ['security'], notApplicable: [] });
  const others = CRITERIA.filter((c) => c.category === 'security' && c.id !== 'CC6.2').map((c) => c.id);
  await seedControl(t, engagement.id, { id: 'ALL', title: 'Everything else', criteria: others, frequency: 'daily' });
  await seedControl(t, engagement.id, { id: 'AC-04', criteria: ['CC6.2'] });
  await seedTest(t, engagement.id, 'ALL', { populationSize: 250, samples: samplesOf('p'.repeat(25), 'D') });
  await seedTest(t, engagement.id, 'AC-04', { populationSize: 100, samples: samplesOf('p'.repeat(25)) });
  return engagement;
}

/** What the engine says of the engagement now, as JSON would carry it. */
async function fresh(t: TestApp, engagementId: string) {
  return JSON.parse(JSON.stringify(examine(await createControlsRepository(t.store.db).loadExamination(engagementId))));
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: examination API`, () => {
    const t = useTestApp(engine);
    const url = (engagementId: string) => `${base(t())}/engagements/${engagementId}/examination`;

    it('serves exactly what the engine computes from the database, in the declared shape, with an ETag', async () => {
      const engagement = await cleanEngagement(t());
      const viewer = await t().member('viewer');
      const response = await viewer.request({ method: 'GET', url: url(engagement.id) });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
      const result = response.json();
      expect(result).toEqual(await fresh(t(), engagement.id));
      // Nothing more and nothing less than the declared contract.
      expect(examinationResultSchema.parse(result)).toEqual(result);
      expect(result.opinion.overall).toBe('unmodified');
      expect(result.controls.map((c: { id: string; conclusion: string }) => [c.id, c.conclusion])).toEqual([
        ['AC-04', 'effective'],
        ['ALL', 'effective'],
      ]);
    });

    it('turns an effective control not effective and the opinion qualified when a sample is recorded as failed', async () => {
      const engagement = await cleanEngagement(t());
      const auditor = await t().member('auditor');
      const before = (await auditor.request({ method: 'GET', url: url(engagement.id) })).json();
      expect(before.opinion.overall).toBe('unmodified');
      const recorded = await auditor.request({
        method: 'PATCH',
        url: `${base(t())}/engagements/${engagement.id}/controls/AC-04/test/samples/T-0007`,
        payload: { result: 'fail', note: 'Access removed 9 days after termination', reason: 'Re-inspected the ticket' },
      });
      expect(recorded.statusCode).toBe(200);
      const after = (await auditor.request({ method: 'GET', url: url(engagement.id) })).json();
      expect(after).toEqual(await fresh(t(), engagement.id));
      expect(after.controls.find((c: { id: string }) => c.id === 'AC-04')).toMatchObject({
        conclusion: 'not_effective',
        deviations: 1,
        failedSamples: ['T-0007'],
      });
      expect(after.criteria.find((c: { id: string }) => c.id === 'CC6.2')).toMatchObject({ status: 'not_met', failure: 'operating' });
      expect(after.opinion).toMatchObject({ overall: 'qualified', subjects: { operatingEffectiveness: 'qualified' } });
    });

    it('says which fix makes the opinion unmodified: AC-04 retested clean restores CC6.2', async () => {
      const engagement = await cleanEngagement(t());
      const auditor = await t().member('auditor');
      const whatIf = async () => (await auditor.request({ method: 'GET', url: `${url(engagement.id)}/what-if` })).json();
      expect(await whatIf()).toEqual({ opinion: 'unmodified', fixes: [] });
      const recorded = await auditor.request({
        method: 'PATCH',
        url: `${base(t())}/engagements/${engagement.id}/controls/AC-04/test/samples/T-0007`,
        payload: { result: 'fail', note: 'Access removed 9 days after termination', reason: 'Re-inspected the ticket' },
      });
      expect(recorded.statusCode).toBe(200);
      const ranking = await whatIf();
      expect(fixRankingSchema.parse(ranking)).toEqual(ranking);
      expect(ranking).toEqual({
        opinion: 'qualified',
        fixes: [
          {
            control: 'AC-04',
            conclusion: 'not_effective',
            severity: 'material_weakness',
            opinion: 'unmodified',
            restores: ['CC6.2'],
            criteria: [{ id: 'CC6.2', before: 'not_met', after: 'met' }],
          },
        ],
      });
    });

    it('answers 304 to a client that has the current result, and 200 again once it changes', async () => {
      const engagement = await cleanEngagement(t());
      const viewer = await t().member('viewer');
      const first = await viewer.request({ method: 'GET', url: url(engagement.id) });
      const etag = first.headers.etag as string;
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const again = await viewer.request({ method: 'GET', url: url(engagement.id), headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      const listed = await viewer.request({ method: 'GET', url: url(engagement.id), headers: { 'if-none-match': `"other", W/${etag}` } });
      expect(listed.statusCode).toBe(304);
      await t().services.tests.updateSample(OPERATOR, t().organizationId, engagement.id, 'AC-04', 'T-0001', { result: 'fail', note: 'Late' }, undefined, 'Re-inspected');
      const changed = await viewer.request({ method: 'GET', url: url(engagement.id), headers: { 'if-none-match': etag } });
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
    });

    it('serves a fresh result after every kind of change, and the cached one in between', async () => {
      const engagement = await cleanEngagement(t());
      const admin = await t().member('admin');
      const e = `${base(t())}/engagements/${engagement.id}`;
      const changes: [string, (caller: Caller) => Promise<unknown>][] = [
        ['engagement settings', (c) => c.request({ method: 'PATCH', url: e, payload: { version: 1, system: 'Renamed system' } })],
        ['engagement misstatement', (c) => c.request({ method: 'PATCH', url: e, payload: { version: 2, misstatements: [{ text: 'Omits the data lake' }] } })],
        ['control created', (c) => c.request({ method: 'POST', url: `${e}/controls`, payload: controlInput({ id: 'NEW-1', criteria: ['CC1.1'] }) })],
        ['test recorded', (c) => c.request({ method: 'PUT', url: `${e}/controls/NEW-1/test`, payload: { method: 'inquiry', populationSize: 3 } })],
        ['sample added', (c) => c.request({ method: 'POST', url: `${e}/controls/NEW-1/test/samples`, payload: { item: 'S-1', result: 'pass' } })],
        ['sample recorded', (c) => c.request({ method: 'PATCH', url: `${e}/controls/NEW-1/test/samples/S-1`, payload: { result: 'fail', note: 'Late', reason: 'Re-inspected' } })],
        ['test replaced', (c) => c.request({ method: 'PUT', url: `${e}/controls/NEW-1/test`, payload: { version: 3, method: 'inquiry', populationSize: 3, samples: [{ item: 'S-1', result: 'fail', note: 'Late' }, { item: 'S-2', result: 'pass' }] } })],
        // A test with results is never deleted: a new version retires it, and the new one, without results, may go.
        ['test superseded', (c) => c.request({ method: 'PUT', url: `${e}/controls/NEW-1/test`, payload: { version: 4, method: 'inquiry', populationSize: 3, untested: ['S-3'], change: 'new-version', reason: 'Redesigned' } })],
        ['test removed', (c) => c.request({ method: 'DELETE', url: `${e}/controls/NEW-1/test?version=5` })],
        ['control changed', (c) => c.request({ method: 'PATCH', url: `${e}/controls/NEW-1`, payload: { version: 1, design: 'deficient' } })],
        ['control removed', (c) => c.request({ method: 'DELETE', url: `${e}/controls/NEW-1?version=2` })],
        ['organisation renamed', (c) => c.request({ method: 'PATCH', url: base(t()), payload: { version: 1, name: 'Acme Holdings' } })],
      ];
      let previous = await admin.request({ method: 'GET', url: url(engagement.id) });
      for (const [name, change] of changes) {
        const cached = await admin.request({ method: 'GET', url: url(engagement.id) });
        expect(cached.headers.etag, `cached before ${name}`).toBe(previous.headers.etag);
        const response = (await change(admin)) as { statusCode: number; body: string };
        expect(response.statusCode, `${name}: ${response.body}`).toBeLessThan(300);
        const after = await admin.request({ method: 'GET', url: url(engagement.id) });
        expect(after.json(), name).toEqual(await fresh(t(), engagement.id));
        expect(after.headers.etag, name).not.toBe(previous.headers.etag);
        previous = after;
      }
      expect(previous.json()).toMatchObject({ organization: 'Acme Holdings', system: 'Renamed system' });
    });

    it('keeps one snapshot of each new result and serves their history for the trend line', async () => {
      const engagement = await cleanEngagement(t());
      const viewer = await t().member('viewer');
      const history = async () => (await viewer.request({ method: 'GET', url: `${url(engagement.id)}/history` })).json();
      // The history evaluates the current state first.
      const first = await history();
      expect(first).toMatchObject({ total: 1, limit: 50, offset: 0 });
      expect(first.items[0]).toEqual({
        takenAt: expect.any(String),
        revision: expect.any(Number),
        opinion: 'unmodified',
        criteria: { met: 33, met_with_exceptions: 0, unable_to_conclude: 0, not_met: 0, not_applicable: 0 },
        deficiencies: { deficiency: 0, significant_deficiency: 0, material_weakness: 0 },
      });
      await viewer.request({ method: 'GET', url: url(engagement.id) });
      await viewer.request({ method: 'GET', url: url(engagement.id) });
      expect((await history()).total).toBe(1);
      // A change the result does not show (the engagement's name) adds no point.
      await t().services.engagements.update(OPERATOR, t().organizationId, engagement.id, 1, { name: 'FY2026 (renamed)' });
      expect((await history()).total).toBe(1);
      await t().services.tests.updateSample(OPERATOR, t().organizationId, engagement.id, 'AC-04', 'T-0001', { result: 'fail', note: 'Late' }, undefined, 'Re-inspected');
      const second = await history();
      expect(second.total).toBe(2);
      expect(second.items.map((p: { opinion: string }) => p.opinion)).toEqual(['qualified', 'unmodified']);
      expect(second.items[0]).toMatchObject({
        criteria: { met: 32, not_met: 1 },
        deficiencies: { material_weakness: 1, significant_deficiency: 0, deficiency: 0 },
      });
      expect(second.items[0].revision).toBeGreaterThan(second.items[1].revision);
      const snapshot = await createSnapshotsRepository(t().store.db).latest(engagement.id);
      expect(snapshot?.result).toEqual(await fresh(t(), engagement.id));
    });

    it('names the criteria, controls and opinion that changed since the oldest result when none is a week old', async () => {
      const engagement = await cleanEngagement(t());
      const viewer = await t().member('viewer');
      const changes = async (query = '') => viewer.request({ method: 'GET', url: `${url(engagement.id)}/changes${query}` });
      // The request evaluates the current state first: one result, nothing older.
      const first = await changes();
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({
        latest: {
          takenAt: expect.any(String),
          revision: expect.any(Number),
          opinion: 'unmodified',
          criteria: { met: 33, met_with_exceptions: 0, unable_to_conclude: 0, not_met: 0, not_applicable: 0 },
          deficiencies: { deficiency: 0, significant_deficiency: 0, material_weakness: 0 },
        },
        baseline: null,
        fullPeriod: false,
        comparison: null,
      });
      await t().services.tests.updateSample(OPERATOR, t().organizationId, engagement.id, 'AC-04', 'T-0001', { result: 'fail', note: 'Late' }, undefined, 'Re-inspected');
      const second = await changes('?sinceDays=1');
      expect(second.statusCode).toBe(200);
      const body = second.json();
      // Nothing more and nothing less than the declared contract.
      expect(changesSchema.parse(body)).toEqual(body);
      expect(body).toMatchObject({
        latest: { opinion: 'qualified', criteria: { met: 32, not_met: 1 } },
        baseline: { opinion: 'unmodified', takenAt: first.json().latest.takenAt },
        fullPeriod: false,
        comparison: {
          criteria: [{ id: 'CC6.2', before: 'met', after: 'not_met', change: 'worse' }],
          controls: [{ id: 'AC-04', before: 'effective', after: 'not_effective', change: 'worse' }],
          opinion: { before: 'unmodified', after: 'qualified', change: 'worse' },
        },
      });
      expect(body.comparison.criteria).toHaveLength(1);
      expect(body.comparison.controls).toHaveLength(1);
    });

    it('refuses a number of days out of 1 to 366, naming the parameter', async () => {
      const engagement = await seedEngagement(t());
      const viewer = await t().member('viewer');
      for (const query of ['?sinceDays=0', '?sinceDays=367', '?sinceDays=1.5', '?sinceDays=week']) {
        const response = await viewer.request({ method: 'GET', url: `${url(engagement.id)}/changes${query}` });
        expect(response.statusCode, query).toBe(400);
        expect(response.json().issues, query).toEqual([{ location: 'querystring.sinceDays', message: expect.any(String) }]);
      }
      const unknown = await viewer.request({ method: 'GET', url: `${url(engagement.id)}/changes?days=7` });
      expect(unknown.statusCode).toBe(400);
      expect((await viewer.request({ method: 'GET', url: `${url(engagement.id)}/changes?sinceDays=366` })).statusCode).toBe(200);
    });

    it('lets every role read, answers 404 to an outsider and for an unknown engagement, and 401 anonymously', async () => {
      const engagement = await seedEngagement(t());
      for (const role of ['admin', 'compliance', 'owner', 'auditor', 'viewer'] as const) {
        const member = await t().member(role);
        expect((await member.request({ method: 'GET', url: url(engagement.id) })).statusCode, role).toBe(200);
        expect((await member.request({ method: 'GET', url: `${url(engagement.id)}/history` })).statusCode, role).toBe(200);
        expect((await member.request({ method: 'GET', url: `${url(engagement.id)}/changes` })).statusCode, role).toBe(200);
      }
      const outsider = await t().outsider();
      for (const target of [url(engagement.id), `${url(engagement.id)}/history`, `${url(engagement.id)}/changes`]) {
        expect((await outsider.request({ method: 'GET', url: target })).statusCode).toBe(404);
        expect((await t().anonymous.request({ method: 'GET', url: target })).statusCode).toBe(401);
      }
      const admin = await t().member('admin');
      expect((await admin.request({ method: 'GET', url: url('no-such-engagement') })).statusCode).toBe(404);
    });

    it('declares the result in full in the OpenAPI document', async () => {
      const document = (await t().anonymous.request({ method: 'GET', url: '/api/openapi.json' })).json();
      const schemas = document.components.schemas;
      expect(Object.keys(schemas.ExaminationResult.properties)).toEqual([
        'organization',
        'system',
        'reportType',
        'periodStart',
        'periodEnd',
        'categories',
        'opinion',
        'controls',
        'criteria',
        'deficiencies',
      ]);
      expect(schemas.ControlResult.required).toContain('upperDeviationLimit');
      const operation = document.paths['/api/v1/organizations/{organizationId}/engagements/{engagementId}/examination'].get;
      expect(operation.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ExaminationResult');
      const changes = document.paths['/api/v1/organizations/{organizationId}/engagements/{engagementId}/examination/changes'].get;
      expect(changes.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ExaminationChanges');
      expect(changes.parameters.find((p: { name: string }) => p.name === 'sinceDays')).toMatchObject({ in: 'query', required: false });
      expect(Object.keys(schemas.ExaminationChanges.properties)).toEqual(['latest', 'baseline', 'fullPeriod', 'comparison']);
      // The comparison part is the periods' comparison without the two periods; that one keeps its own name.
      expect(Object.keys(schemas.PeriodComparison.properties)).toContain('before');
    });
  });
}
