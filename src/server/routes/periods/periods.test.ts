import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { engagementSettings, unique } from '../../../../test/support/factories.js';
import { buildFinding, buildRetest, doneAction } from '../../../domain/findings/testing.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { createFindingsRepository } from '../../../store/findings-repository.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base, samplesOf, seedControl, seedEngagement, seedTest } from '../testing.js';

const NEXT = { name: 'FY2026 H2', periodStart: '2026-07-01', periodEnd: '2026-12-31' };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: periods API`, () => {
    const t = useTestApp(engine);
    const engagementUrl = (engagementId: string) => `${base(t())}/engagements/${engagementId}`;

    /** The first half of 2026: AC-04 not effective (one failed sample of 5 of 14 terminations). */
    async function firstPeriod() {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-04', criteria: ['CC6.2'] });
      await seedTest(t(), engagement.id, 'AC-04', { populationSize: 14, samples: samplesOf('ppfpp') });
      return engagement;
    }

    it('opens the next period for the programme’s leads, carrying the controls forward', async () => {
      const engagement = await firstPeriod();
      const compliance = await t().member('compliance');
      const opened = await compliance.request({ method: 'POST', url: `${engagementUrl(engagement.id)}/re-examination`, payload: NEXT });
      expect(opened.statusCode).toBe(201);
      const next = opened.json();
      expect(next).toMatchObject({ ...NEXT, reportType: 'type2', previousEngagementId: engagement.id, categories: engagement.categories });
      expect((await compliance.request({ method: 'GET', url: engagementUrl(next.id) })).json()).toEqual(next);

      const test = (await compliance.request({ method: 'GET', url: `${engagementUrl(next.id)}/controls/AC-04/test` })).json();
      expect(test).toMatchObject({ method: 'inspection', populationSize: null, samples: [] });
      const [event] = await auditEvents(t(), 'engagement.created');
      expect(event).toMatchObject({ subject: `engagement:${next.id}`, actor: `user:${compliance.email}`, after: { carriedFrom: engagement.id } });

      for (const role of ['auditor', 'owner', 'viewer'] as const) {
        const refused = await (await t().member(role)).request({ method: 'POST', url: `${engagementUrl(engagement.id)}/re-examination`, payload: NEXT });
        expect(refused.statusCode, role).toBe(403);
      }
    });

    it('refuses a period that overlaps the previous one or is malformed, and writes nothing', async () => {
      const engagement = await firstPeriod();
      const admin = await t().member('admin');
      const url = `${engagementUrl(engagement.id)}/re-examination`;
      const overlapping = await admin.request({ method: 'POST', url, payload: { ...NEXT, periodStart: '2026-06-01' } });
      expect(overlapping.statusCode).toBe(422);
      expect(overlapping.json().issues).toEqual([
        { location: '$.periodStart', message: 'the next period must start after the previous one ends (2026-06-30): on 2026-07-01 or later' },
      ]);
      const malformed = await admin.request({ method: 'POST', url, payload: { ...NEXT, periodEnd: '2026-02-30', extra: true } });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().issues.map((i: { location: string }) => i.location)).toEqual(expect.arrayContaining(['$.periodEnd']));
      expect((await admin.request({ method: 'GET', url: `${base(t())}/engagements` })).json().total).toBe(1);
      expect(await auditEvents(t(), 'engagement.created')).toHaveLength(1);
    });

    it('compares a period with its previous one by default, or with another named period of the organisation', async () => {
      const engagement = await firstPeriod();
      const viewer = await t().member('viewer');
      const none = await viewer.request({ method: 'GET', url: `${engagementUrl(engagement.id)}/comparison` });
      expect(none.statusCode).toBe(404);

      const next = await t().services.periods.reExamine(OPERATOR, t().organizationId, engagement.id, NEXT);
      const carried = await t().services.tests.get(OPERATOR, t().organizationId, next.id, 'AC-04');
      await t().services.tests.put(OPERATOR, t().organizationId, next.id, 'AC-04', { method: 'inspection', populationSize: 14, scopeLimitation: null, samples: samplesOf('ppppp') }, carried.version);

      const response = await viewer.request({ method: 'GET', url: `${engagementUrl(next.id)}/comparison` });
      expect(response.statusCode).toBe(200);
      const comparison = response.json();
      expect(comparison.before).toMatchObject({ engagementId: engagement.id, periodEnd: '2026-06-30', opinion: { overall: expect.any(String) } });
      expect(comparison.after).toMatchObject({ engagementId: next.id, name: NEXT.name, periodStart: '2026-07-01' });
      expect(comparison.controls).toEqual([{ id: 'AC-04', before: 'not_effective', after: 'effective', change: 'better' }]);
      expect(comparison.criteria.find((c: { id: string }) => c.id === 'CC6.2')).toEqual({ id: 'CC6.2', before: 'not_met', after: 'met', change: 'better' });
      expect(comparison.criteria.find((c: { id: string }) => c.id === 'CC6.4')).toEqual({ id: 'CC6.4', before: 'not_applicable', after: 'not_applicable', change: 'same' });

      const named = await viewer.request({ method: 'GET', url: `${engagementUrl(engagement.id)}/comparison?with=${next.id}` });
      expect(named.json()).toEqual(comparison);
      // Another organisation's engagement is not found, as any of its ids would be.
      const other = await t().services.organizations.create(OPERATOR, { slug: unique('other'), name: 'Other Co' });
      const foreign = await t().services.engagements.create(OPERATOR, other.id, engagementSettings());
      expect((await viewer.request({ method: 'GET', url: `${engagementUrl(next.id)}/comparison?with=${foreign.id}` })).statusCode).toBe(404);
    });

    it("forecasts the opinion after remediation without changing the period's own examination", async () => {
      const engagement = await firstPeriod();
      const auditor = await t().member('auditor');
      const url = `${engagementUrl(engagement.id)}/examination/after-remediation`;
      const examination = (await auditor.request({ method: 'GET', url: `${engagementUrl(engagement.id)}/examination` })).body;

      const before = (await auditor.request({ method: 'GET', url })).json();
      expect(before).toMatchObject({ controls: [], opinion: before.current });
      expect(before.current.subjects.operatingEffectiveness).toBe('qualified');

      await createFindingsRepository(t().store.db).create(
        engagement.id,
        buildFinding({ status: 'closed', correctiveActions: [doneAction('2026-08-20')], retests: [buildRetest()] }),
      );
      const after = await auditor.request({ method: 'GET', url });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toMatchObject({
        current: before.current,
        opinion: { subjects: { operatingEffectiveness: 'unmodified' } },
        controls: [{ control: 'AC-04', finding: 'F-AC-04', retest: 'RT-1', before: 'not_effective', after: 'effective' }],
      });
      expect(after.json().result.controls[0]).toMatchObject({ id: 'AC-04', conclusion: 'effective', sampleSize: 5 });
      expect((await auditor.request({ method: 'GET', url: `${engagementUrl(engagement.id)}/examination` })).body).toBe(examination);
    });

    it('documents the three operations in the OpenAPI document, none of them public', async () => {
      const doc = (await t().anonymous.request({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      };
      const engagement = '/api/v1/organizations/{organizationId}/engagements/{engagementId}';
      const operations = [
        doc.paths[`${engagement}/re-examination`]?.['post'],
        doc.paths[`${engagement}/comparison`]?.['get'],
        doc.paths[`${engagement}/examination/after-remediation`]?.['get'],
      ];
      for (const operation of operations) {
        expect(operation).toBeDefined();
        expect(operation?.security).not.toEqual([]);
      }
    });
  });
}
