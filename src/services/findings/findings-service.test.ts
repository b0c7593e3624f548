import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError, ValidationError, addDays, isoDate } from '../../domain/index.js';
import { OPERATOR } from '../platform/actor.js';
import { findingsWorld, WHOLE_PAGE } from '../testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: findings service, authoring`, () => {
    const store = useFreshStore(engine);

    it("creates the finding of a control's deficiency from the engine, once, and refuses a control without one", async () => {
      const { services, organizationId, engagementId, member, events } = await findingsWorld(store());
      const auditor = await member('auditor');
      const created = await services.findings.create(auditor, organizationId, engagementId, { source: 'deficiency', control: 'AC-04' });
      expect(created).toMatchObject({
        code: 'F-AC-04',
        source: 'deficiency',
        control: 'AC-04',
        status: 'open',
        failedSamples: [{ item: 'T-0003', note: 'Deviation found in item 3' }],
        classification: { kind: 'operating', override: null },
        version: 1,
      });
      expect(created.classification.reasons.length).toBeGreaterThan(0);
      expect(created.history).toEqual([{ on: expect.any(String), from: null, to: 'open', reason: 'Derived from the deficiency of AC-04 in the current examination.' }]);
      await expect(services.findings.create(auditor, organizationId, engagementId, { source: 'deficiency', control: 'AC-04' })).rejects.toThrow(/already exists/);
      await expect(services.findings.create(auditor, organizationId, engagementId, { source: 'deficiency', control: 'AC-01' })).rejects.toThrow(
        /AC-01 has no deficiency in the current examination \(concluded effective\)/,
      );
      const unknown = services.findings.create(auditor, organizationId, engagementId, { source: 'deficiency', control: 'ZZ-99' });
      await expect(unknown).rejects.toThrow(ValidationError);
      await expect(unknown).rejects.toMatchObject({ issues: [{ location: '$.control', message: 'unknown control ZZ-99' }] });
      // Syncing afterwards adds the others and leaves this one alone.
      const sync = await services.findings.syncFromExamination(auditor, organizationId, engagementId);
      expect(sync.created).not.toContain('F-AC-04');
      expect(sync.created).toContain('F-CM-01');
      expect(await events('finding.created')).toHaveLength(1 + sync.created.length);
    });

    it('records a finding by hand with the next free code, the control’s criteria in scope, and refuses bad references whole', async () => {
      const { services, organizationId, engagementId, member, events } = await findingsWorld(store());
      const compliance = await member('compliance');
      const gap = { source: 'readiness_gap' as const, title: 'No tabletop exercise of the incident plan', kind: 'design' as const, severity: 'deficiency' as const };
      const first = await services.findings.create(compliance, organizationId, engagementId, { ...gap, control: 'AC-04' });
      // Both of the control's criteria: the engagement's categories are security and availability.
      expect(first).toMatchObject({ code: 'F-1', source: 'readiness_gap', control: 'AC-04', criteria: ['CC6.2', 'A1.2'], status: 'open' });
      expect(first.classification).toMatchObject({ kind: 'design', severity: 'deficiency', pervasive: false, override: null });
      expect(first.history).toMatchObject([{ from: null, to: 'open', reason: 'Recorded by hand as readiness gap.' }]);
      const second = await services.findings.create(compliance, organizationId, engagementId, { ...gap, criteria: ['CC7.3'], identifiedOn: '2026-05-02' });
      expect(second).toMatchObject({ code: 'F-2', control: null, criteria: ['CC7.3'], identifiedOn: '2026-05-02' });
      const named = await services.findings.create(compliance, organizationId, engagementId, { ...gap, code: 'OBS-7', criteria: ['CC7.3'] });
      expect(named.code).toBe('OBS-7');
      await expect(services.findings.create(compliance, organizationId, engagementId, { ...gap, code: 'F-1', criteria: ['CC7.3'] })).rejects.toThrow(ConflictError);

      const bad = services.findings.create(compliance, organizationId, engagementId, {
        ...gap,
        control: 'ZZ-99',
        criteria: ['CC6.2', 'CC99.1', 'C1.1'],
        failedSamples: [
          { item: 'X-1', note: null },
          { item: 'X-1', note: 'again' },
        ],
      });
      await expect(bad).rejects.toMatchObject({
        issues: [
          { location: '$.control', message: 'unknown control ZZ-99' },
          { location: '$.criteria[1]', message: 'unknown criterion "CC99.1"' },
          { location: '$.criteria[2]', message: 'criterion "C1.1" is not in the chosen categories' },
          { location: '$.failedSamples[1].item', message: 'failed sample "X-1" is listed twice (first at $.failedSamples[0].item)' },
        ],
      });
      await expect(services.findings.create(compliance, organizationId, engagementId, gap)).rejects.toMatchObject({
        issues: [{ location: '$', message: 'a finding needs its control, its criteria, or both' }],
      });
      expect((await services.findings.list(compliance, organizationId, engagementId, WHOLE_PAGE)).items.map((f) => f.code)).toEqual(['F-1', 'F-2', 'OBS-7']);
      expect(await events('finding.created')).toHaveLength(3);

      const viewer = await member('viewer');
      await expect(services.findings.create(viewer, organizationId, engagementId, { ...gap, criteria: ['CC7.3'] })).rejects.toThrow(ForbiddenError);
    });

    it("records the auditor's override beside the forecast, signed, and withdraws it; the programme may not judge", async () => {
      const { services, organizationId, engagementId, member, events } = await findingsWorld(store());
      const auditor = await member('auditor', 'judge@firm.example');
      const finding = await services.findings.create(OPERATOR, organizationId, engagementId, { source: 'deficiency', control: 'AC-04' });
      const forecast = finding.classification;
      const judgment = { severity: 'deficiency' as const, pervasive: null, reason: 'The weekly reconciliation caught it within the month' };

      // The admin holds every action; compliance and owners are the programme, which does not grade itself.
      for (const role of ['compliance', 'owner', 'viewer'] as const) {
        await expect(services.findings.override(await member(role), organizationId, engagementId, 'F-AC-04', 1, judgment)).rejects.toThrow(ForbiddenError);
      }
      const judged = await services.findings.override(auditor, organizationId, engagementId, 'F-AC-04', 1, judgment);
      expect(judged.classification).toEqual({ ...forecast, override: { ...judgment, by: 'judge@firm.example', on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
      expect(judged.version).toBe(2);
      await expect(services.findings.override(auditor, organizationId, engagementId, 'F-AC-04', 1, judgment)).rejects.toThrow(/version/);
      await expect(services.findings.override(auditor, organizationId, engagementId, 'F-AC-04', 2, { severity: null, pervasive: null, reason: 'x' })).rejects.toMatchObject({
        issues: [{ location: '$', message: 'An override must set a severity, pervasiveness or both.' }],
      });

      const withdrawn = await services.findings.withdrawOverride(auditor, organizationId, engagementId, 'F-AC-04', 2);
      expect(withdrawn.classification).toEqual(forecast);
      await expect(services.findings.withdrawOverride(auditor, organizationId, engagementId, 'F-AC-04', 3)).rejects.toThrow(/no override to withdraw/);
      const audited = await events('finding.overridden');
      expect(audited).toHaveLength(2);
      // Newest first: the withdrawal, then the judgment.
      expect(audited[1]?.after).toMatchObject({ override: { severity: 'deficiency', by: 'judge@firm.example' }, replaced: null, forecast: { severity: forecast.severity } });
      expect(audited[0]?.after).toMatchObject({ override: null, replaced: { severity: 'deficiency' } });
    });

    it('refuses corrective actions that mean nothing: an outsider as owner, an early due date unconfirmed, a future completion, done without evidence', async () => {
      const { services, organizationId, engagementId, member, events } = await findingsWorld(store());
      const compliance = await member('compliance');
      await member('owner', 'ops@acme.example');
      await services.findings.create(compliance, organizationId, engagementId, { source: 'deficiency', control: 'AC-04' });
      const save = (version: number, actions: object[], reason?: string) =>
        services.findings.updateCorrectiveActions(
          compliance,
          organizationId,
          engagementId,
          'F-AC-04',
          version,
          actions.map((a) => ({ id: 'CA-1', title: 'Automate deprovisioning', owner: 'ops@acme.example', due: '2026-08-31', status: 'planned' as const, completedOn: null, evidence: [], verification: null, ...a })),
          reason === undefined ? {} : { dueBeforeIdentifiedReason: reason },
        );
      const tomorrow = addDays(isoDate(new Date()), 1);
      // The finding was identified at the end of the period, 2026-06-30.
      await expect(save(1, [{ owner: 'not-an-email', due: '1999-01-01', status: 'done', completedOn: tomorrow, evidence: [] }])).rejects.toMatchObject({
        issues: [
          { location: '$.actions[0].owner', message: 'not-an-email is not a member of the organisation' },
          { location: '$.actions[0].due', message: expect.stringContaining('before the finding was identified (2026-06-30)') },
          { location: '$.actions[0].completedOn', message: expect.stringContaining('cannot be in the future') },
          { location: '$.actions[0].evidence', message: expect.stringContaining('needs its evidence of completion') },
        ],
      });
      await expect(save(1, [{ owner: null }])).rejects.toThrow(ValidationError);
      expect(await events('finding.actions_updated')).toHaveLength(0);

      // The member's email in any case; the early date kept with its reason, which the audit keeps too.
      const planned = await save(1, [{ owner: ' OPS@acme.example', due: '2026-06-01' }], 'Fix started in June, before the examination found it');
      expect(planned.correctiveActions).toMatchObject([{ id: 'CA-1', owner: ' OPS@acme.example', due: '2026-06-01' }]);
      expect((await events('finding.actions_updated'))[0]?.after).toMatchObject({ dueBeforeIdentifiedReason: 'Fix started in June, before the examination found it' });

      // An action accepted earlier is not judged again when another is added: the owner may leave, the date stands.
      const done = { id: 'CA-2', status: 'done', completedOn: isoDate(new Date()), evidence: ['CHG-1042'] };
      const both = await save(2, [{ owner: ' OPS@acme.example', due: '2026-06-01' }, done]);
      expect(both.correctiveActions.map((a) => [a.id, a.status])).toEqual([
        ['CA-1', 'planned'],
        ['CA-2', 'done'],
      ]);
    });

    it('says who took each step of the lifecycle, from the audit log, to everyone who reads the finding', async () => {
      const { services, organizationId, engagementId, member } = await findingsWorld(store());
      const compliance = await member('compliance', 'lead@acme.example');
      const auditor = await member('auditor', 'judge@firm.example');
      await services.findings.create(compliance, organizationId, engagementId, { source: 'deficiency', control: 'AC-04' });
      await services.findings.transition(auditor, organizationId, engagementId, 'F-AC-04', 1, 'analysing', { reason: 'Looking into it' });
      await services.findings.transition(compliance, organizationId, engagementId, 'F-AC-04', 2, 'open');
      const steps = await services.findings.steps(await member('viewer'), organizationId, engagementId, 'F-AC-04');
      expect(steps.map((s) => [s.from, s.to, s.reason === 'Looking into it' ? s.reason : null, s.by])).toEqual([
        [null, 'open', null, { kind: 'user', userId: expect.any(String), email: 'lead@acme.example' }],
        ['open', 'analysing', 'Looking into it', { kind: 'user', userId: expect.any(String), email: 'judge@firm.example' }],
        ['analysing', 'open', null, { kind: 'user', userId: expect.any(String), email: 'lead@acme.example' }],
      ]);
      await expect(services.findings.steps(compliance, organizationId, engagementId, 'F-NONE')).rejects.toThrow(/F-NONE was not found/);
    });

    it('writes a root cause on its own with the next free code, refuses a code in use, and lets findings be traced to it', async () => {
      const { services, organizationId, engagementId, member, events } = await findingsWorld(store());
      const compliance = await member('compliance');
      const cause = { title: 'Offboarding depends on a manual ticket', category: 'process' as const, whys: ['Access removed late'] };
      expect(await services.findings.createRootCause(compliance, organizationId, engagementId, cause)).toMatchObject({ id: 'RC-1', version: 1, findings: [] });
      expect(await services.findings.createRootCause(compliance, organizationId, engagementId, { ...cause, id: 'RC-HR' })).toMatchObject({ id: 'RC-HR' });
      expect((await services.findings.createRootCause(compliance, organizationId, engagementId, cause)).id).toBe('RC-2');
      await expect(services.findings.createRootCause(compliance, organizationId, engagementId, { ...cause, id: 'RC-1', title: 'Other text' })).rejects.toThrow(ConflictError);
      await expect(services.findings.createRootCause(await member('owner'), organizationId, engagementId, cause)).rejects.toThrow(ForbiddenError);
      expect((await events('root_cause.created')).map((e) => (e.after as { id: string }).id)).toEqual(['RC-2', 'RC-HR', 'RC-1']);

      await services.findings.create(compliance, organizationId, engagementId, { source: 'deficiency', control: 'AC-04' });
      await services.findings.setRootCause(compliance, organizationId, engagementId, 'F-AC-04', 1, { id: 'RC-1', ...cause });
      const causes = await services.findings.rootCauses(compliance, organizationId, engagementId, WHOLE_PAGE);
      expect(causes.items.map((c) => [c.id, c.title, c.findings])).toEqual([
        ['RC-1', cause.title, ['F-AC-04']],
        ['RC-2', cause.title, []],
        ['RC-HR', cause.title, []],
      ]);
    });

    it('lists root causes with their findings, and ranks the systemic ones', async () => {
      const { services, organizationId, engagementId, member } = await findingsWorld(store());
      const compliance = await member('compliance');
      await services.findings.syncFromExamination(compliance, organizationId, engagementId);
      const manual = await services.findings.create(compliance, organizationId, engagementId, { source: 'self_identified', title: 'Leavers list late', criteria: ['CC6.3'], kind: 'operating', severity: 'deficiency' });
      const cause = (id: string) => ({ id, title: `Cause ${id}`, category: 'process' as const, whys: ['Why one', 'Why two'] });
      await services.findings.setRootCause(compliance, organizationId, engagementId, 'F-AC-04', 1, cause('RC-1'));
      await services.findings.setRootCause(compliance, organizationId, engagementId, manual.code, 1, cause('RC-1'));
      await services.findings.setRootCause(compliance, organizationId, engagementId, 'F-CM-01', 1, cause('RC-2'));

      const causes = await services.findings.rootCauses(compliance, organizationId, engagementId, WHOLE_PAGE);
      expect(causes.items.map((c) => [c.id, c.findings])).toEqual([
        ['RC-1', ['F-1', 'F-AC-04']],
        ['RC-2', ['F-CM-01']],
      ]);
      const systemic = await services.findings.systemicCauses(compliance, organizationId, engagementId, WHOLE_PAGE);
      expect(systemic.items.map((s) => [s.rootCause.id, s.systemic, s.criteria])).toEqual([
        ['RC-1', true, ['A1.2', 'CC6.2', 'CC6.3']],
        ['RC-2', false, ['CC8.1']],
      ]);
    });
  });
}
