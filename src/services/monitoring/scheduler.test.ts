import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { OPERATOR } from '../platform/actor.js';
import { WHOLE_PAGE } from '../testing.js';
import { hrRoster, monitoringWorld, oktaUsers } from './testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: scheduled checks`, () => {
    const store = useFreshStore(engine);

    it('runs a check that fell due while every server was down exactly once when servers start, however many', async () => {
      let now = Date.parse('2026-07-01T05:00:00.000Z');
      const w = await monitoringWorld(store(), { clock: () => new Date(now) });
      try {
        const { organizationId, engagementId, services } = w;
        await w.attach(OPERATOR, 'hr', 'hr.csv', hrRoster([['E1', '2026-03-10']]));
        await w.attach(OPERATOR, 'idp', 'okta.json', oktaUsers([['E1', 'DEPROVISIONED', '2026-03-10T17:00:00.000Z']]));
        const job = await services.checks.schedule(OPERATOR, organizationId, engagementId, 'MON-AC-04', '0 6 * * *');
        expect(job?.nextDueAt).toBe('2026-07-01T06:00:00.000Z');

        // Nothing is due before 06:00.
        expect((await services.checkScheduler('early').runDue()).ran).toEqual([]);

        // The servers were down from before 06:00 on 1 July to 09:00 on 3 July: three runs were missed.
        now = Date.parse('2026-07-03T09:00:00.000Z');
        const servers = ['server-a', 'server-b', 'server-c'].map((name) => services.checkScheduler(name));
        const stops = await Promise.all(servers.map((s) => s.start()));
        await Promise.all(stops.map((stop) => stop()));

        const runs = await services.checks.runs(OPERATOR, organizationId, engagementId, 'MON-AC-04', WHOLE_PAGE);
        expect(runs.items.map((r) => [r.trigger, r.status, r.asOf])).toEqual([['schedule', 'pass', '2026-07-03']]);
        const [check] = await services.checks.list(OPERATOR, organizationId, engagementId);
        expect(check?.schedule?.nextDueAt).toBe('2026-07-04T06:00:00.000Z');

        // Started again the same morning: nothing more is due.
        const again = await services.checkScheduler('server-a').start();
        await again();
        expect((await services.checks.runs(OPERATOR, organizationId, engagementId, 'MON-AC-04', WHOLE_PAGE)).total).toBe(1);
      } finally {
        await w.close();
      }
    });

    it('keeps a scheduled run that cannot read its sources as an error, so the missed check shows', async () => {
      let now = Date.parse('2026-07-01T05:00:00.000Z');
      const w = await monitoringWorld(store(), { clock: () => new Date(now) });
      try {
        const { organizationId, engagementId, services } = w;
        await services.checks.schedule(OPERATOR, organizationId, engagementId, 'MON-AC-04', '0 6 * * *');
        now = Date.parse('2026-07-01T06:00:00.000Z');
        expect((await services.checkScheduler('server-a').runDue()).ran).toEqual(['MON-AC-04']);
        const [run] = (await services.checks.runs(OPERATOR, organizationId, engagementId, 'MON-AC-04', WHOLE_PAGE)).items;
        expect(run).toMatchObject({ trigger: 'schedule', status: 'error', findingCode: null });
        expect(run?.error).toMatch(/no export is attached to source "hr"/);
      } finally {
        await w.close();
      }
    });
  });
}
