import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { controlFields, engagementSettings, samplesOf, unique } from '../../../test/support/factories.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { ROOT_CAUSE, buildFinding, buildRetest, doneAction } from '../../domain/findings/testing.js';
import { createAuditRepository } from '../../store/audit-repository.js';
import { createFindingsRepository } from '../../store/findings-repository.js';
import { OPERATOR } from '../platform/actor.js';
import { createServices } from '../index.js';
import { WHOLE_PAGE } from '../testing.js';

const NEXT = { name: 'FY2026 H2', periodStart: '2026-07-01', periodEnd: '2026-12-31' };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: periods service`, () => {
    const store = useFreshStore(engine);

    /** A first half-year with AC-04 not effective (1 of 5 deviated of 14) and AC-01 effective. */
    async function firstPeriod() {
      const services = createServices(store());
      const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
      const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings());
      await services.controls.create(OPERATOR, organization.id, engagement.id, controlFields({ id: 'AC-01', criteria: ['CC6.1'], frequency: 'quarterly' }));
      await services.controls.create(OPERATOR, organization.id, engagement.id, controlFields({ id: 'AC-04', criteria: ['CC6.2'], frequency: 'event' }));
      const test = { method: 'reperformance' as const, populationSize: 14, scopeLimitation: null };
      await services.tests.put(OPERATOR, organization.id, engagement.id, 'AC-01', { ...test, samples: samplesOf('pp') });
      await services.tests.put(OPERATOR, organization.id, engagement.id, 'AC-04', { ...test, samples: samplesOf('ppfpp') });
      return { services, organizationId: organization.id, engagement };
    }

    const events = async (organizationId: string) =>
      (await createAuditRepository(store().db).list({ limit: 100, offset: 0, organizationId, type: 'engagement.created' })).items;

    it('opens the next period with the controls and test methods carried forward and no evidence', async () => {
      const { services, organizationId, engagement } = await firstPeriod();
      const before = await services.examination.current(organizationId, engagement.id);
      const next = await services.periods.reExamine(OPERATOR, organizationId, engagement.id, NEXT);

      expect(next).toMatchObject({ ...NEXT, reportType: 'type2', system: engagement.system, previousEngagementId: engagement.id, version: 1 });
      expect(next.notApplicable).toEqual(engagement.notApplicable);
      const examination = await services.controls.list(OPERATOR, organizationId, next.id, { limit: 10, offset: 0 });
      expect(examination.items.map((c) => c.id)).toEqual(['AC-01', 'AC-04']);
      const carried = await services.tests.get(OPERATOR, organizationId, next.id, 'AC-04');
      expect(carried).toMatchObject({ method: 'reperformance', populationSize: null, samples: [], scopeLimitation: null });
      const result = JSON.parse((await services.examination.current(organizationId, next.id)).json.toString('utf8'));
      expect(result.controls.map((c: { conclusion: string }) => c.conclusion)).toEqual(['not_tested', 'not_tested']);

      // The previous period is as it was.
      expect((await services.examination.current(organizationId, engagement.id)).resultHash).toBe(before.resultHash);
      const [event] = await events(organizationId);
      expect(event).toMatchObject({ subject: `engagement:${next.id}`, actor: 'operator:cli' });
      expect(event?.after).toMatchObject({ carriedFrom: engagement.id, carried: { controls: 2, tests: 2, samples: 0, findings: 0, rootCauses: 0 } });
    });

    it('carries the findings but false positives into the next period, where a returning deficiency reopens its finding', async () => {
      const { services, organizationId, engagement } = await firstPeriod();
      const findings = createFindingsRepository(store().db);
      await findings.saveRootCause(engagement.id, ROOT_CAUSE);
      const closedOn = { on: '2026-10-05', from: 'ready_for_retest' as const, to: 'closed' as const, reason: 'Retest RT-1 concludes effective' };
      await findings.create(
        engagement.id,
        buildFinding({ status: 'closed', rootCause: ROOT_CAUSE.id, correctiveActions: [doneAction('2026-08-20')], retests: [buildRetest()], history: [closedOn] }),
      );
      await findings.create(engagement.id, buildFinding({ code: 'F-2', control: 'AC-01', status: 'false_positive', falsePositiveReason: 'The sample was out of scope' }));

      const next = await services.periods.reExamine(OPERATOR, organizationId, engagement.id, { ...NEXT, periodStart: '2027-01-01', periodEnd: '2027-06-30' });
      const carried = await services.findings.list(OPERATOR, organizationId, next.id, WHOLE_PAGE);
      expect(carried.items.map((f) => [f.code, f.status, f.rootCause])).toEqual([['F-AC-04', 'closed', 'RC-1']]);
      expect(await findings.listRootCauses(next.id)).toMatchObject([{ id: 'RC-1', title: ROOT_CAUSE.title }]);
      const [event] = await events(organizationId);
      expect(event?.after).toMatchObject({ carried: { findings: 1, rootCauses: 1 } });

      // AC-04 deviates again in the new period: syncing its findings reopens F-AC-04 and marks its action ineffective.
      const test = await services.tests.get(OPERATOR, organizationId, next.id, 'AC-04');
      await services.tests.put(OPERATOR, organizationId, next.id, 'AC-04', { method: 'reperformance', populationSize: 14, scopeLimitation: null, samples: samplesOf('pfppf') }, test.version);
      const sync = await services.findings.syncFromExamination(OPERATOR, organizationId, next.id);
      expect(sync.reopened).toEqual(['F-AC-04']);
      expect(sync.created).not.toContain('F-AC-04');
      const reopened = await services.findings.get(OPERATOR, organizationId, next.id, 'F-AC-04');
      expect(reopened.status).toBe('open');
      expect(reopened.correctiveActions[0]?.verification).toMatchObject({ result: 'ineffective', on: '2027-06-30' });
      // The previous period's finding stays closed: its report does not change.
      expect((await services.findings.get(OPERATOR, organizationId, engagement.id, 'F-AC-04')).status).toBe('closed');
    });

    it('refuses a next period that does not start after this one ends, writing nothing', async () => {
      const { services, organizationId, engagement } = await firstPeriod();
      const refused = services.periods.reExamine(OPERATOR, organizationId, engagement.id, { ...NEXT, periodStart: '2026-06-30', periodEnd: '2026-06-01' });
      await expect(refused).rejects.toBeInstanceOf(ValidationError);
      const error = (await refused.catch((e: unknown) => e)) as ValidationError;
      expect(error.issues).toEqual([
        { location: '$.periodStart', message: 'the next period must start after the previous one ends (2026-06-30): on 2026-07-01 or later' },
        { location: '$.periodStart', message: 'the period starts (2026-06-30) after it ends (2026-06-01)' },
      ]);
      expect((await services.engagements.list(OPERATOR, organizationId, { limit: 10, offset: 0 })).total).toBe(1);
      expect(await events(organizationId)).toHaveLength(1);
      await expect(services.periods.reExamine(OPERATOR, organizationId, 'missing', NEXT)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('compares a period with its previous one, or with another of the organisation, the earlier first', async () => {
      const { services, organizationId, engagement } = await firstPeriod();
      await expect(services.periods.compare(OPERATOR, organizationId, engagement.id)).rejects.toThrow('A previous period of engagement');
      const next = await services.periods.reExamine(OPERATOR, organizationId, engagement.id, NEXT);
      const carried = await services.tests.get(OPERATOR, organizationId, next.id, 'AC-04');
      await services.tests.put(OPERATOR, organizationId, next.id, 'AC-04', { method: 'inspection', populationSize: 14, scopeLimitation: null, samples: samplesOf('ppppp') }, carried.version);

      const comparison = await services.periods.compare(OPERATOR, organizationId, next.id);
      expect(comparison.before).toMatchObject({ engagementId: engagement.id, name: engagement.name, periodStart: '2026-01-01', periodEnd: '2026-06-30' });
      expect(comparison.after).toMatchObject({ engagementId: next.id, name: NEXT.name, periodEnd: '2026-12-31' });
      expect(comparison.controls).toEqual([
        { id: 'AC-01', before: 'effective', after: 'not_tested', change: 'worse' },
        { id: 'AC-04', before: 'not_effective', after: 'effective', change: 'better' },
      ]);
      expect(comparison.criteria.find((c) => c.id === 'CC6.2')).toEqual({ id: 'CC6.2', before: 'not_met', after: 'met', change: 'better' });
      expect(comparison.opinion).toEqual({ before: comparison.before.opinion.overall, after: comparison.after.opinion.overall, change: expect.any(String) });

      // Named the other way round, the earlier period still comes first.
      expect(await services.periods.compare(OPERATOR, organizationId, engagement.id, next.id)).toEqual(comparison);

      const other = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Other' });
      const foreign = await services.engagements.create(OPERATOR, other.id, engagementSettings());
      await expect(services.periods.compare(OPERATOR, organizationId, next.id, foreign.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("forecasts the opinion after remediation from closed findings' retests, and leaves the period's result as found", async () => {
      const { services, organizationId, engagement } = await firstPeriod();
      const before = await services.examination.current(organizationId, engagement.id);
      const unchanged = await services.periods.afterRemediation(OPERATOR, organizationId, engagement.id);
      expect(unchanged.controls).toEqual([]);
      expect(unchanged.opinion).toEqual(unchanged.current);
      expect(unchanged.current.subjects.operatingEffectiveness).toBe('qualified');

      const findings = createFindingsRepository(store().db);
      await findings.create(engagement.id, buildFinding({ status: 'closed', correctiveActions: [doneAction('2026-08-20')], retests: [buildRetest()] }));
      const forecast = await services.periods.afterRemediation(OPERATOR, organizationId, engagement.id);
      expect(forecast.controls).toEqual([{ control: 'AC-04', finding: 'F-AC-04', retest: 'RT-1', before: 'not_effective', after: 'effective' }]);
      expect(forecast.current).toEqual(unchanged.current);
      expect(forecast.opinion.subjects.operatingEffectiveness).toBe('unmodified');
      expect(forecast.result.criteria.find((c) => c.id === 'CC6.2')?.status).toBe('met');
      expect((await services.examination.current(organizationId, engagement.id)).resultHash).toBe(before.resultHash);
    });
  });
}
