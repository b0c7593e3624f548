import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { buildFinding } from '../../../domain/findings/testing.js';
import { MAX_PAGE_SIZE } from '../../../domain/limits.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { createFindingsRepository } from '../../../store/findings-repository.js';
import type { Caller } from '../../testing.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base, samplesOf, seedControl, seedEngagement, seedTest } from '../testing.js';

/** A retest over September of 5 passing terminations out of 14: enough for an event-driven control. */
const passingRetest = { date: '2026-10-05', periodStart: '2026-09-01', periodEnd: '2026-09-30', method: 'inspection', populationSize: 14, samples: samplesOf('ppppp', 'TERM') };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: findings API`, () => {
    const t = useTestApp(engine);
    const findingsUrl = (engagementId: string) => `${base(t())}/engagements/${engagementId}/findings`;

    /** An engagement with AC-01 effective, AC-04 not effective (one failed sample of 5) and CM-01 deficient in design. */
    async function deficientEngagement(owner = 'it-ops@acme.example') {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-01', criteria: ['CC6.1'] });
      await seedControl(t(), engagement.id, { id: 'AC-04', criteria: ['CC6.2'], owner });
      await seedControl(t(), engagement.id, { id: 'CM-01', criteria: ['CC8.1'], design: 'deficient', owner: null });
      await seedTest(t(), engagement.id, 'AC-01', { samples: samplesOf('ppppp') });
      await seedTest(t(), engagement.id, 'AC-04', { samples: samplesOf('ppfpp') });
      return engagement;
    }

    const step = async (caller: Caller, url: string, version: number, to: string, extra: object = {}) =>
      caller.request({ method: 'POST', url: `${url}/F-AC-04/transitions`, payload: { version, to, ...extra } });

    it('creates one finding per deficiency, with its failed samples, and syncing again adds nothing', async () => {
      const engagement = await deficientEngagement();
      const auditor = await t().member('auditor');
      const url = findingsUrl(engagement.id);
      const first = await auditor.request({ method: 'POST', url: `${url}/sync` });
      expect(first.statusCode).toBe(200);
      const { created, reopened } = first.json() as { created: string[]; reopened: string[] };
      expect(reopened).toEqual([]);
      // The two deficient controls, and one gap finding per criterion in scope that no control addresses.
      expect(created).toEqual(expect.arrayContaining(['F-AC-04', 'F-CM-01']));
      expect(created).not.toContain('F-AC-01');
      expect(created.filter((c) => !c.startsWith('F-GAP-'))).toEqual(['F-AC-04', 'F-CM-01']);
      const again = await auditor.request({ method: 'POST', url: `${url}/sync` });
      expect(again.json()).toMatchObject({ created: [], reopened: [] });

      const list = (await auditor.request({ method: 'GET', url })).json();
      expect(list.total).toBe(created.length);
      expect(list.items.map((f: { code: string }) => f.code)).toEqual([...created].sort());
      expect(list.items.every((f: { version: number }) => f.version === 1)).toBe(true);
      const finding = (await auditor.request({ method: 'GET', url: `${url}/F-AC-04` })).json();
      expect(finding).toMatchObject({ source: 'deficiency', control: 'AC-04', criteria: ['CC6.2'], status: 'open', failedSamples: [{ item: 'T-0003', note: 'Deviation found in item 3' }] });
      expect(finding.classification.reasons.length).toBeGreaterThan(0);
      expect((await auditor.request({ method: 'GET', url: `${url}?control=CM-01` })).json().items.map((f: { code: string }) => f.code)).toEqual(['F-CM-01']);
      expect((await auditor.request({ method: 'GET', url: `${url}?status=closed` })).json()).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
      expect((await auditor.request({ method: 'GET', url: `${url}/F-NOPE` })).statusCode).toBe(404);

      const events = await auditEvents(t(), 'finding.created');
      expect(events).toHaveLength(created.length);
      expect(events[0]).toMatchObject({ actor: `user:${auditor.email}` });
    });

    it('closes only after a passing retest, and reopens the finding when its deficiency returns after closure', async () => {
      const owner = await t().member('owner');
      const engagement = await deficientEngagement(owner.email as string);
      const compliance = await t().member('compliance');
      const url = findingsUrl(engagement.id);
      await compliance.request({ method: 'POST', url: `${url}/sync` });

      expect((await step(compliance, url, 1, 'analysing')).json()).toMatchObject({ status: 'analysing', version: 2 });
      // The table has no step from analysing to closed: refused with the domain's reason.
      const skip = await step(compliance, url, 2, 'closed');
      expect(skip.statusCode).toBe(409);
      expect(skip.json().detail).toContain('cannot go from analysing to closed');

      const rootCause = await compliance.request({
        method: 'PUT',
        url: `${url}/F-AC-04/root-cause`,
        payload: { version: 2, id: 'RC-1', title: 'Offboarding depends on a manual ticket', category: 'process', whys: ['Access removed late', 'HR raises tickets by hand'] },
      });
      expect(rootCause.json()).toMatchObject({ rootCause: 'RC-1', version: 3 });
      // The owner plans and completes the corrective action of the finding on its own control.
      const actions = await owner.request({
        method: 'PUT',
        url: `${url}/F-AC-04/corrective-actions`,
        payload: { version: 3, actions: [{ id: 'CA-1', title: 'Automate deprovisioning', owner: owner.email, due: '2026-08-31', status: 'done', completedOn: '2026-08-20', evidence: ['CHG-1042'] }] },
      });
      expect(actions.statusCode).toBe(200);
      expect(actions.json().correctiveActions).toMatchObject([{ id: 'CA-1', status: 'done', verification: null }]);
      expect((await step(compliance, url, 4, 'remediating')).statusCode).toBe(200);
      expect((await step(compliance, url, 5, 'ready_for_retest')).statusCode).toBe(200);

      const early = await step(compliance, url, 6, 'closed');
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toContain('No retest yet');

      const retested = await compliance.request({ method: 'POST', url: `${url}/F-AC-04/retests`, payload: { version: 6, ...passingRetest } });
      expect(retested.statusCode).toBe(200);
      expect(retested.json().retests).toMatchObject([{ id: 'RT-1', control: 'AC-04', conclusion: 'effective' }]);
      const closed = await step(compliance, url, 7, 'closed');
      expect(closed.statusCode).toBe(200);
      expect(closed.json()).toMatchObject({ status: 'closed', version: 8 });
      // Remediation never erases a deviation.
      expect(closed.json().failedSamples).toEqual([{ item: 'T-0003', note: 'Deviation found in item 3' }]);

      // Syncing the same period changes nothing: the deficiency it shows is the one the finding came from.
      expect((await compliance.request({ method: 'POST', url: `${url}/sync` })).json()).toMatchObject({ created: [], reopened: [] });

      // A later period in which the control fails again: the finding is open again, its action ineffective.
      const stored = await t().services.engagements.get(OPERATOR, t().organizationId, engagement.id);
      await t().services.engagements.update(OPERATOR, t().organizationId, engagement.id, stored.version, {
        periodEnd: `${new Date().getUTCFullYear() + 1}-12-31`,
      });
      await t().services.tests.addSample(OPERATOR, t().organizationId, engagement.id, 'AC-04', { item: 'T-0099', result: 'fail', note: 'Late again' });
      const resync = await compliance.request({ method: 'POST', url: `${url}/sync` });
      expect(resync.json()).toMatchObject({ created: [], reopened: ['F-AC-04'] });
      const reopened = (await compliance.request({ method: 'GET', url: `${url}/F-AC-04` })).json();
      expect(reopened.status).toBe('open');
      expect(reopened.correctiveActions[0].verification).toMatchObject({ result: 'ineffective' });
      expect(reopened.failedSamples).toEqual([{ item: 'T-0003', note: 'Deviation found in item 3' }]);

      // Who took each step, for everyone who reads the finding; the reopening was the sync's, by compliance.
      const steps = (await t().member('viewer').then((viewer) => viewer.request({ method: 'GET', url: `${url}/F-AC-04/steps` }))).json();
      expect(steps.map((s: { to: string; by: { email?: string } | null }) => [s.to, s.by?.email])).toEqual([
        ['analysing', compliance.email],
        ['remediating', compliance.email],
        ['ready_for_retest', compliance.email],
        ['closed', compliance.email],
        ['open', compliance.email],
      ]);
      const transitions = await auditEvents(t(), 'finding.transitioned');
      expect(transitions[0]).toMatchObject({ actor: `user:${compliance.email}`, before: { status: 'ready_for_retest' }, after: { status: 'closed' } });
      expect(await auditEvents(t(), 'finding.reopened')).toHaveLength(1);
      expect(await auditEvents(t(), 'finding.retested')).toHaveLength(1);
      expect(await auditEvents(t(), 'finding.root_cause_set')).toHaveLength(1);
      expect(await auditEvents(t(), 'finding.actions_updated')).toHaveLength(1);
    });

    it('reads an accepted risk past its expiry as open, and refuses an acceptance that has already expired', async () => {
      const engagement = await deficientEngagement();
      const admin = await t().member('admin');
      const url = findingsUrl(engagement.id);
      await admin.request({ method: 'POST', url: `${url}/sync` });
      const expired = await step(admin, url, 1, 'risk_accepted', { riskAcceptance: { approver: 'CFO', reason: 'Low impact', expires: '2020-01-01' } });
      expect(expired.statusCode).toBe(409);
      expect(expired.json().detail).toContain('expires on 2020-01-01');
      const accepted = await step(admin, url, 1, 'risk_accepted', { riskAcceptance: { approver: 'CFO', reason: 'Low impact', expires: '2999-12-31' } });
      expect(accepted.json()).toMatchObject({ status: 'risk_accepted', riskAcceptance: { approver: 'CFO', expires: '2999-12-31' } });

      // An acceptance stored before it lapsed (written straight to the store, as time would have it).
      const repository = createFindingsRepository(t().store.db);
      await repository.create(
        engagement.id,
        buildFinding({ code: 'F-OLD', control: 'AC-01', status: 'risk_accepted', riskAcceptance: { approver: 'CFO', reason: 'Until the migration', expires: '2021-03-31', acceptedOn: '2021-01-01' } }),
      );
      const read = (await admin.request({ method: 'GET', url: `${url}/F-OLD` })).json();
      expect(read).toMatchObject({ status: 'open', riskAcceptance: null });
      expect(read.history.at(-1).reason).toContain('expired on 2021-03-31');
      const open = (await admin.request({ method: 'GET', url: `${url}?status=open&control=AC-01` })).json();
      expect(open).toMatchObject({ total: 1, items: [{ code: 'F-OLD', status: 'open' }] });
      expect((await admin.request({ method: 'GET', url: `${url}?status=risk_accepted` })).json().items.map((f: { code: string }) => f.code)).toEqual(['F-AC-04']);
      // The next step starts from open.
      expect((await admin.request({ method: 'POST', url: `${url}/F-OLD/transitions`, payload: { version: 1, to: 'analysing' } })).json()).toMatchObject({ status: 'analysing' });
    });

    it('refuses writes to a viewer, corrective actions of others to an owner, everything to an outsider, and stale versions', async () => {
      const engagement = await deficientEngagement('someone-else@acme.example');
      const url = findingsUrl(engagement.id);
      const viewer = await t().member('viewer');
      const owner = await t().member('owner');
      const outsider = await t().outsider();
      expect((await viewer.request({ method: 'POST', url: `${url}/sync` })).statusCode).toBe(403);
      await t().services.findings.syncFromExamination(OPERATOR, t().organizationId, engagement.id);
      expect((await viewer.request({ method: 'GET', url })).statusCode).toBe(200);
      expect((await step(viewer, url, 1, 'analysing')).statusCode).toBe(403);
      expect((await step(owner, url, 1, 'analysing')).statusCode).toBe(403);
      const actions = { version: 1, actions: [{ id: 'CA-1', title: 'Fix', owner: null, due: null, status: 'planned' }] };
      expect((await viewer.request({ method: 'PUT', url: `${url}/F-AC-04/corrective-actions`, payload: actions })).statusCode).toBe(403);
      expect((await owner.request({ method: 'PUT', url: `${url}/F-AC-04/corrective-actions`, payload: actions })).statusCode).toBe(403);
      expect((await outsider.request({ method: 'GET', url })).statusCode).toBe(404);
      expect((await outsider.request({ method: 'POST', url: `${url}/sync` })).statusCode).toBe(404);

      const compliance = await t().member('compliance');
      const bad = await compliance.request({
        method: 'PUT',
        url: `${url}/F-AC-04/corrective-actions`,
        payload: { version: 1, actions: [{ id: 'CA-1', title: 'Fix', owner: null, due: null, status: 'done' }] },
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().issues[0].location).toBe('$.actions[0].completedOn');
      const outsiderOwner = await compliance.request({
        method: 'PUT',
        url: `${url}/F-AC-04/corrective-actions`,
        payload: { version: 1, actions: [{ id: 'CA-1', title: 'Fix', owner: 'not-an-email', due: '1999-01-01', status: 'planned' }] },
      });
      expect(outsiderOwner.statusCode).toBe(422);
      expect(outsiderOwner.json().issues).toEqual([
        { location: '$.actions[0].owner', message: 'not-an-email is not a member of the organisation' },
        { location: '$.actions[0].due', message: expect.stringContaining('before the finding was identified') },
      ]);
      const confirmed = await compliance.request({
        method: 'PUT',
        url: `${url}/F-AC-04/corrective-actions`,
        payload: { version: 1, actions: [{ id: 'CA-1', title: 'Fix', owner: compliance.email, due: '1999-01-01', status: 'planned' }], dueBeforeIdentifiedReason: 'Carried over from the last examination' },
      });
      expect(confirmed.statusCode).toBe(200);
      expect((await step(compliance, url, 2, 'analysing')).statusCode).toBe(200);
      const stale = await step(compliance, url, 2, 'open');
      expect(stale.statusCode).toBe(409);
      expect(stale.json().detail).toContain('version');
    });

    it('creates a finding from a deficiency or by hand, refusing bad input whole with where it is wrong', async () => {
      const engagement = await deficientEngagement();
      const auditor = await t().member('auditor');
      const url = findingsUrl(engagement.id);
      const derived = await auditor.request({ method: 'POST', url, payload: { source: 'deficiency', control: 'AC-04' } });
      expect(derived.statusCode).toBe(201);
      expect(derived.json()).toMatchObject({ code: 'F-AC-04', source: 'deficiency', status: 'open', failedSamples: [{ item: 'T-0003' }], history: [{ to: 'open' }] });
      expect((await auditor.request({ method: 'POST', url, payload: { source: 'deficiency', control: 'AC-04' } })).statusCode).toBe(409);
      const none = await auditor.request({ method: 'POST', url, payload: { source: 'deficiency', control: 'AC-01' } });
      expect(none.statusCode).toBe(409);
      expect(none.json().detail).toContain('AC-01 has no deficiency');

      const observation = { source: 'auditor_observation', title: 'Access reviews are not evidenced', kind: 'operating', severity: 'deficiency' };
      const manual = await auditor.request({ method: 'POST', url, payload: { ...observation, control: 'AC-01', failedSamples: [{ item: 'R-1' }] } });
      expect(manual.statusCode).toBe(201);
      expect(manual.json()).toMatchObject({ code: 'F-1', control: 'AC-01', criteria: ['CC6.1'], failedSamples: [{ item: 'R-1', note: null }], classification: { severity: 'deficiency' } });

      const unknown = await auditor.request({ method: 'POST', url, payload: { ...observation, control: 'ZZ-1', criteria: ['CC6.1', 'XX1.1'] } });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().issues).toEqual([
        { location: '$.control', message: 'unknown control ZZ-1' },
        { location: '$.criteria[1]', message: 'unknown criterion "XX1.1"' },
      ]);
      const shape = await auditor.request({ method: 'POST', url, payload: { ...observation, severity: 'grave', criteria: ['CC6.1'] } });
      expect(shape.statusCode).toBe(400);
      expect(JSON.stringify(shape.json())).toContain('severity');
      expect((await auditor.request({ method: 'POST', url, payload: { source: 'rumour', title: 'x' } })).statusCode).toBe(400);
      expect((await auditor.request({ method: 'GET', url })).json().items.map((f: { code: string }) => f.code)).toEqual(['F-1', 'F-AC-04']);
      expect(await auditEvents(t(), 'finding.created')).toHaveLength(2);
      expect((await (await t().member('owner')).request({ method: 'POST', url, payload: observation })).statusCode).toBe(403);
    });

    it("keeps the auditor's override beside the forecast, and only the auditor may record or withdraw it", async () => {
      const engagement = await deficientEngagement();
      const url = findingsUrl(engagement.id);
      await t().services.findings.create(OPERATOR, t().organizationId, engagement.id, { source: 'deficiency', control: 'AC-04' });
      const auditor = await t().member('auditor');
      const judgment = { version: 1, severity: 'significant_deficiency', pervasive: null, reason: 'Compensated in part by the monthly review' };
      expect((await (await t().member('compliance')).request({ method: 'PUT', url: `${url}/F-AC-04/override`, payload: judgment })).statusCode).toBe(403);
      const judged = await auditor.request({ method: 'PUT', url: `${url}/F-AC-04/override`, payload: judgment });
      expect(judged.statusCode).toBe(200);
      const forecast = judged.json().classification;
      expect(forecast.override).toMatchObject({ severity: 'significant_deficiency', pervasive: null, reason: judgment.reason, by: auditor.email });
      expect(forecast.severity).not.toBe('significant_deficiency');
      const noReason = await auditor.request({ method: 'PUT', url: `${url}/F-AC-04/override`, payload: { ...judgment, version: 2, reason: ' ' } });
      expect(noReason.statusCode).toBe(400);
      expect((await auditor.request({ method: 'DELETE', url: `${url}/F-AC-04/override?version=1` })).statusCode).toBe(409);
      const withdrawn = await auditor.request({ method: 'DELETE', url: `${url}/F-AC-04/override?version=2` });
      expect(withdrawn.json()).toMatchObject({ version: 3, classification: { severity: forecast.severity, override: null } });
      expect(await auditEvents(t(), 'finding.overridden')).toHaveLength(2);
    });

    it('writes a root cause on its own: 201 with the next code, 409 for a code in use, 400 naming a missing why, 403 to a viewer', async () => {
      const engagement = await seedEngagement(t());
      const root = `${base(t())}/engagements/${engagement.id}/root-causes`;
      const compliance = await t().member('compliance');
      const cause = { title: 'Offboarding depends on a manual ticket', category: 'process', whys: ['Access removed late'] };
      const created = await compliance.request({ method: 'POST', url: root, payload: cause });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toEqual({ id: 'RC-1', ...cause, version: 1, findings: [] });
      expect((await compliance.request({ method: 'POST', url: root, payload: { ...cause, id: 'RC-1' } })).statusCode).toBe(409);
      const noWhy = await compliance.request({ method: 'POST', url: root, payload: { ...cause, whys: [] } });
      expect(noWhy.statusCode).toBe(400);
      expect(noWhy.json().issues[0].location).toBe('$.whys');
      expect((await (await t().member('viewer')).request({ method: 'POST', url: root, payload: cause })).statusCode).toBe(403);
      expect((await compliance.request({ method: 'GET', url: root })).json().items.map((c: { id: string }) => c.id)).toEqual(['RC-1']);
    });

    it('lists the root causes with their findings and ranks the systemic ones', async () => {
      const engagement = await deficientEngagement();
      const url = findingsUrl(engagement.id);
      const root = `${base(t())}/engagements/${engagement.id}/root-causes`;
      const viewer = await t().member('viewer');
      expect((await viewer.request({ method: 'GET', url: root })).json()).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
      await t().services.findings.syncFromExamination(OPERATOR, t().organizationId, engagement.id);
      const cause = { id: 'RC-1', title: 'Manual offboarding', category: 'process' as const, whys: ['Late removal', 'Manual ticket'] };
      for (const code of ['F-AC-04', 'F-CM-01']) {
        await t().services.findings.setRootCause(OPERATOR, t().organizationId, engagement.id, code, 1, cause);
      }
      expect((await viewer.request({ method: 'GET', url: root })).json()).toMatchObject({ items: [{ ...cause, version: 1, findings: ['F-AC-04', 'F-CM-01'] }], total: 1 });
      const systemic = (await viewer.request({ method: 'GET', url: `${root}/systemic` })).json();
      expect(systemic).toMatchObject({ items: [{ rootCause: cause, findings: ['F-AC-04', 'F-CM-01'], criteria: ['CC6.2', 'CC8.1'], controls: ['AC-04', 'CM-01'], systemic: true }], total: 1 });
      expect((await (await t().outsider()).request({ method: 'GET', url: `${root}/systemic` })).statusCode).toBe(404);
      expect((await viewer.request({ method: 'GET', url: `${url}/F-AC-04` })).json().rootCause).toBe('RC-1');
    });

    it('rewrites a shared root cause only at the version read, and keeps the old text in the audit event', async () => {
      const engagement = await deficientEngagement();
      const url = findingsUrl(engagement.id);
      const compliance = await t().member('compliance');
      await compliance.request({ method: 'POST', url: `${url}/sync` });
      const cause = (title: string) => ({ id: 'RC-1', title, category: 'process', whys: ['Late removal'] });
      const put = (code: string, payload: Record<string, unknown>) => compliance.request({ method: 'PUT', url: `${url}/${code}/root-cause`, payload });
      const listed = async () => (await compliance.request({ method: 'GET', url: `${base(t())}/engagements/${engagement.id}/root-causes` })).json().items;

      expect((await put('F-AC-04', { version: 1, ...cause('Manual offboarding') })).statusCode).toBe(200);
      // Tracing a second finding to the cause as it stands needs no version of it.
      expect((await put('F-CM-01', { version: 1, ...cause('Manual offboarding') })).statusCode).toBe(200);
      const unversioned = await put('F-CM-01', { version: 2, ...cause('Rewritten blind') });
      expect(unversioned.statusCode).toBe(409);
      expect(unversioned.json().detail).toContain('send rootCauseVersion');
      expect(await listed()).toMatchObject([{ title: 'Manual offboarding', version: 1 }]);

      expect((await put('F-CM-01', { version: 2, rootCauseVersion: 1, ...cause('No automated offboarding') })).statusCode).toBe(200);
      const stale = await put('F-AC-04', { version: 2, rootCauseVersion: 1, ...cause('A stale rewrite') });
      expect(stale.statusCode).toBe(409);
      expect(await listed()).toMatchObject([{ title: 'No automated offboarding', version: 2, findings: ['F-AC-04', 'F-CM-01'] }]);

      // Newest first.
      const events = await auditEvents(t(), 'finding.root_cause_set');
      expect(events).toHaveLength(3);
      expect(events[0]).toMatchObject({
        before: { tracedTo: 'RC-1', rootCause: { title: 'Manual offboarding', version: 1 } },
        after: { tracedTo: 'RC-1', rootCause: { title: 'No automated offboarding', version: 2 } },
      });
      expect(events.at(-1)).toMatchObject({ before: { tracedTo: null, rootCause: null }, after: { rootCause: { title: 'Manual offboarding' } } });
    });

    it('pages the findings, the root causes and the systemic ones, with the total, up to the largest page', async () => {
      const engagement = await deficientEngagement();
      const url = findingsUrl(engagement.id);
      const root = `${base(t())}/engagements/${engagement.id}/root-causes`;
      await t().services.findings.syncFromExamination(OPERATOR, t().organizationId, engagement.id);
      for (const [code, cause] of [['F-AC-04', 'RC-1'], ['F-CM-01', 'RC-2']] as const) {
        await t().services.findings.setRootCause(OPERATOR, t().organizationId, engagement.id, code, 1, { id: cause, title: cause, category: 'process', whys: ['Why'] });
      }
      const viewer = await t().member('viewer');
      const get = async (path: string) => (await viewer.request({ method: 'GET', url: path })).json();
      // Every criterion nothing addresses is a finding too: page through whatever the sync made.
      const whole = await get(`${url}?limit=${MAX_PAGE_SIZE}`);
      expect(whole.total).toBe(whole.items.length);
      expect(await get(`${url}?limit=1&offset=1`)).toMatchObject({ items: [{ code: whole.items[1].code }], total: whole.total, limit: 1, offset: 1 });
      expect(await get(`${url}?limit=2&offset=${whole.total - 1}`)).toMatchObject({ items: [{ code: whole.items.at(-1).code }], total: whole.total });
      expect(await get(`${root}?limit=1`)).toMatchObject({ items: [{ id: 'RC-1', findings: ['F-AC-04'] }], total: 2, limit: 1 });
      expect(await get(`${root}?limit=1&offset=1`)).toMatchObject({ items: [{ id: 'RC-2', findings: ['F-CM-01'] }], total: 2 });
      const ranked = await get(`${root}/systemic?limit=1&offset=1`);
      expect(ranked).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(ranked.items).toHaveLength(1);
      for (const path of [url, root, `${root}/systemic`, `${base(t())}/engagements/${engagement.id}/remediation`]) {
        const tooLarge = await viewer.request({ method: 'GET', url: `${path}?limit=${MAX_PAGE_SIZE + 1}` });
        expect(tooLarge.statusCode, path).toBe(400);
        expect(tooLarge.json().issues[0].location, path).toMatch(/limit/);
      }
    });

    it('documents the authoring routes in the OpenAPI document', async () => {
      const doc = (await t().anonymous.request({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
      const findings = '/api/v1/organizations/{organizationId}/engagements/{engagementId}/findings';
      expect(Object.keys(doc.paths[findings] ?? {}).sort()).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths[`${findings}/{findingCode}/override`] ?? {}).sort()).toEqual(['delete', 'put']);
      expect(Object.keys(doc.paths[`${findings}/{findingCode}/management-response`] ?? {}).sort()).toEqual(['get', 'put']);
      expect(doc.paths[`${findings}/{findingCode}/management-response/approve`]).toHaveProperty('post');
      expect(doc.paths['/api/v1/organizations/{organizationId}/engagements/{engagementId}/root-causes/systemic']).toHaveProperty('get');
    });
  });
}
