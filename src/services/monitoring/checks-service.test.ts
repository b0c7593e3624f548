import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { steppingClock } from '../../../test/support/factories.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/index.js';
import { OPERATOR } from '../platform/actor.js';
import { WHOLE_PAGE } from '../testing.js';
import { hrRoster, monitoringWorld, oktaUsers } from './testing.js';

const AS_OF = '2026-06-30';
const TODAY = '2026-07-10T09:00:00.000Z';
/** E1 left on 10 March; E2 on 20 April. */
const roster = hrRoster([
  ['E1', '2026-03-10'],
  ['E2', '2026-04-20'],
]);
const bothRemoved = oktaUsers([
  ['E1', 'DEPROVISIONED', '2026-03-10T17:00:00.000Z'],
  ['E2', 'DEPROVISIONED', '2026-04-20T17:00:00.000Z'],
]);
const e2StillActive = oktaUsers([
  ['E1', 'DEPROVISIONED', '2026-03-10T17:00:00.000Z'],
  ['E2', 'ACTIVE', '2026-01-04T09:00:00.000Z'],
]);

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: checks service`, () => {
    const store = useFreshStore(engine);

    async function world() {
      // Today is 10 July: the fix is completed on 1 July, and the passing run is as of 2 July.
      const w = await monitoringWorld(store(), { clock: steppingClock(TODAY) });
      const run = (asOf = AS_OF) => w.services.checks.run(OPERATOR, w.organizationId, w.engagementId, 'MON-AC-04', { asOf });
      const finding = () => w.services.findings.get(OPERATOR, w.organizationId, w.engagementId, 'F-MON-AC-04');
      return { ...w, run, finding };
    }

    it('refuses an export in the wrong format naming its row and field, and stores nothing', async () => {
      const w = await world();
      try {
        const bad = `${roster}E3,e3@acme.example,First,Last,2021-01-04,the tenth,Terminated,Engineering,\n`;
        const refused = await w.attach(OPERATOR, 'hr', 'hr.csv', bad).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(ValidationError);
        expect((refused as ValidationError).issues[0]?.location).toBe('hr.csv: row 3, field termination_date');
        // A JSON export where a CSV is read: refused too.
        await expect(w.attach(OPERATOR, 'hr', 'hr.csv', bothRemoved)).rejects.toThrow(ValidationError);
        expect(await w.stored()).toBe(0);
        const [check] = await w.services.checks.list(OPERATOR, w.organizationId, w.engagementId);
        expect(check?.sources.map((s) => s.attached)).toEqual([null, null]);
        expect(await w.events('check.source_attached')).toEqual([]);
      } finally {
        await w.close();
      }
    });

    it('runs on the attached exports, keeps every run, and opens, retests and reopens the finding', async () => {
      const w = await world();
      try {
        // Not every source has an export: refused on demand, nothing kept.
        await w.attach(OPERATOR, 'hr', 'hr.csv', roster);
        await expect(w.run()).rejects.toThrow(/no export is attached to source "idp"/);

        await w.attach(OPERATOR, 'idp', 'okta.json', e2StillActive);
        const failing = await w.run();
        expect(failing).toMatchObject({ status: 'fail', population: 2, failures: 1, findingCode: 'F-MON-AC-04', trigger: 'on_demand', asOf: AS_OF });
        expect(failing.failing.map((f) => f.item)).toEqual(['E2']);
        expect(failing.sources.map((s) => s.fileName)).toEqual(['hr.csv', 'okta.json']);
        // Each export is evidence of the check's control, with source `export`.
        const kept = await w.services.evidence.list(OPERATOR, w.organizationId, w.engagementId, { ...WHOLE_PAGE, state: 'all' });
        expect(kept.items.map((e) => [e.fileName, e.source, e.controls])).toEqual(expect.arrayContaining([['okta.json', 'export', ['AC-04']], ['hr.csv', 'export', ['AC-04']]]));
        const opened = await w.finding();
        expect(opened).toMatchObject({ source: 'monitoring', status: 'open', control: 'AC-04', criteria: ['CC6.2', 'A1.2'] });
        expect(opened.failedSamples.map((s) => s.item)).toEqual(['E2']);

        // The same failure again adds nothing to the finding.
        await w.run();
        expect((await w.finding()).version).toBe(opened.version);

        // Fixed: actions done, ready for retest; the next passing run is the retest, and the finding closes.
        const { findings } = w.services;
        const code = 'F-MON-AC-04';
        const lead = await w.member('compliance');
        let f = await findings.transition(OPERATOR, w.organizationId, w.engagementId, code, opened.version, 'analysing');
        f = await findings.setRootCause(OPERATOR, w.organizationId, w.engagementId, code, f.version, { id: 'RC-1', title: 'No feed from HR to the IdP', category: 'process', whys: ['Leavers were removed by hand'] });
        f = await findings.updateCorrectiveActions(OPERATOR, w.organizationId, w.engagementId, code, f.version, [
          { id: 'CA-1', title: 'Deprovision leavers from the HR feed', owner: lead.kind === 'user' ? lead.email : null, due: '2026-07-01', status: 'done', completedOn: '2026-07-01', evidence: ['CHG-1'], verification: null },
        ]);
        f = await findings.transition(OPERATOR, w.organizationId, w.engagementId, code, f.version, 'remediating');
        f = await findings.transition(OPERATOR, w.organizationId, w.engagementId, code, f.version, 'ready_for_retest');
        expect(f.status).toBe('ready_for_retest');
        await w.attach(OPERATOR, 'idp', 'okta.json', bothRemoved);
        const passing = await w.run('2026-07-02');
        expect(passing).toMatchObject({ status: 'pass', failures: 0, findingCode: 'F-MON-AC-04' });
        const retested = await w.finding();
        expect(retested.retests).toMatchObject([{ id: 'RT-1', control: 'AC-04', periodStart: '2026-07-02', populationSize: 2, conclusion: 'effective' }]);
        const closed = await findings.transition(OPERATOR, w.organizationId, w.engagementId, 'F-MON-AC-04', retested.version, 'closed');
        expect(closed.status).toBe('closed');

        // A new export fails again: the finding reopens as a regression, its action marked ineffective.
        await w.attach(OPERATOR, 'idp', 'okta.json', e2StillActive);
        await w.run('2026-07-10');
        const reopened = await w.finding();
        expect(reopened.status).toBe('open');
        expect(reopened.history.at(-1)).toMatchObject({ from: 'closed', to: 'open' });
        expect(reopened.history.at(-1)?.reason).toMatch(/Check MON-AC-04 fails again as of 2026-07-10 \(1 item: E2\)/);
        expect(reopened.correctiveActions[0]?.verification?.result).toBe('ineffective');
        expect(await w.events('finding.reopened')).toHaveLength(1);

        // Every run kept, the latest first, each with its own counts.
        const history = await w.services.checks.runs(OPERATOR, w.organizationId, w.engagementId, 'MON-AC-04', WHOLE_PAGE);
        expect(history.items.map((r) => r.status)).toEqual(['fail', 'pass', 'fail', 'fail']);
        expect(await w.events('check.ran')).toHaveLength(4);
        const [view] = await w.services.checks.list(OPERATOR, w.organizationId, w.engagementId);
        expect(view?.latestRun?.id).toBe(history.items[0]?.id);
      } finally {
        await w.close();
      }
    });

    it('lets only the roles of the table run, schedule and attach, and tells another organisation nothing', async () => {
      const w = await world();
      try {
        const viewer = await w.member('viewer');
        const auditor = await w.member('auditor');
        await expect(w.attach(auditor, 'hr', 'hr.csv', roster)).rejects.toThrow(ForbiddenError);
        await expect(w.services.checks.run(viewer, w.organizationId, w.engagementId, 'MON-AC-04')).rejects.toThrow(ForbiddenError);
        await expect(w.services.checks.schedule(auditor, w.organizationId, w.engagementId, 'MON-AC-04', '0 6 * * *')).rejects.toThrow(ForbiddenError);
        expect(await w.services.checks.list(viewer, w.organizationId, w.engagementId)).toHaveLength(1);
        const other = await monitoringWorld(store());
        try {
          await expect(other.services.checks.get(OPERATOR, other.organizationId, w.engagementId, 'MON-AC-04')).rejects.toThrow(NotFoundError);
        } finally {
          await other.close();
        }
        expect(await w.stored()).toBe(0);
      } finally {
        await w.close();
      }
    });

    it('refuses a schedule that is not a cron pattern, naming it', async () => {
      const w = await world();
      try {
        await expect(w.services.checks.schedule(OPERATOR, w.organizationId, w.engagementId, 'MON-AC-04', 'every day')).rejects.toThrow(/\$\.schedule|not a cron pattern/);
        const job = await w.services.checks.schedule(OPERATOR, w.organizationId, w.engagementId, 'MON-AC-04', '0 6 * * *');
        expect(job?.schedule).toBe('0 6 * * *');
        expect(await w.services.checks.schedule(OPERATOR, w.organizationId, w.engagementId, 'MON-AC-04', null)).toBeNull();
      } finally {
        await w.close();
      }
    });
  });
}
