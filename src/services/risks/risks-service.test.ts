import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/index.js';
import { buildRiskInput } from '../../domain/risks/testing.js';
import { createChecksRepository } from '../../store/checks-repository.js';
import { LEAVERS_CHECK } from '../monitoring/testing.js';
import { OPERATOR } from '../platform/actor.js';
import { samplesOf } from '../../../test/support/factories.js';
import { findingsWorld } from '../testing.js';
import type { RiskInput } from './risks-service.js';

const input: RiskInput = buildRiskInput({ controls: ['AC-01'] });

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: risks service`, () => {
    const store = useFreshStore(engine);

    async function world() {
      const w = await findingsWorld(store());
      return { ...w, risks: w.services.risks, scope: [w.organizationId, w.engagementId] as const };
    }

    it('computes residual risk from the linked control, and raises it when the control fails', async () => {
      const { services, risks, scope, member, events } = await world();
      const lead = await member('compliance');
      const created = await risks.create(lead, ...scope, input);
      expect(created.code).toBe('R-001');
      expect(created.assessment.inherent).toMatchObject({ score: 20, level: 'critical' });
      // AC-01 is effective: the likelihood falls two levels.
      expect(created.assessment.residual).toMatchObject({ likelihood: 2, impact: 5, score: 10, level: 'high' });
      expect(created.assessment.strongest).toBe('AC-01');

      await services.tests.put(OPERATOR, ...scope, 'AC-01', { method: 'inspection', populationSize: 42, scopeLimitation: null, samples: samplesOf('pppppff') }, 1);
      const failed = await risks.get(lead, ...scope, 'R-001');
      expect(failed.assessment.mitigations[0]).toMatchObject({ control: 'AC-01', conclusion: 'not_effective', reduction: 0 });
      expect(failed.assessment.residual).toMatchObject({ score: 20, level: 'critical' });
      expect(failed.assessment.strongest).toBeNull();

      expect(await events('risk.created')).toHaveLength(1);
      expect((await events('risk.created'))[0]).toMatchObject({ subject: `risk:${scope[1]}/R-001`, after: { code: 'R-001', likelihood: 4 } });
    });

    it('counts a control whose latest monitoring run failed as having exceptions', async () => {
      const { risks, scope, member } = await world();
      const lead = await member('compliance');
      await store().db.transaction().execute((trx) =>
        createChecksRepository(store().db).replaceAll(scope[1], [{ checkId: 'MON-AC-01', title: 'Leavers', fileName: 'mon.yaml', definition: LEAVERS_CHECK.replace('[AC-04]', '[AC-01]') }], trx),
      );
      const checks = createChecksRepository(store().db);
      const check = await checks.find(scope[1], 'MON-AC-01');
      const run = { asOf: '2026-06-30', trigger: 'on_demand' as const, population: 2, error: null, sources: [], findingCode: null };
      await checks.addRun(check!.id, 'MON-AC-01', 'run-1', { ...run, status: 'pass', failures: 0, failing: [] });
      expect((await risks.create(lead, ...scope, input)).assessment.residual.likelihood).toBe(2);
      await checks.addRun(check!.id, 'MON-AC-01', 'run-2', { ...run, status: 'fail', failures: 1, failing: [{ item: 'E1', reason: 'still active' }] });
      const view = await risks.get(lead, ...scope, 'R-001');
      expect(view.assessment.mitigations[0]).toMatchObject({ monitoringFailing: true, reduction: 1 });
      expect(view.assessment.residual.likelihood).toBe(3);
    });

    it('changes a risk at its version only, and keeps both sides in the audit log', async () => {
      const { risks, scope, member, events } = await world();
      const lead = await member('admin');
      await risks.create(lead, ...scope, input);
      const accepted = { ...input, treatment: 'accept' as const, acceptance: { approver: 'cfo@acme.example', reason: 'Cost of a second control', expiresOn: '2000-01-01' } };
      const saved = await risks.update(lead, ...scope, 'R-001', 1, accepted);
      expect(saved).toMatchObject({ version: 2, treatment: 'accept', flags: ['acceptance_expired'] });
      await expect(risks.update(lead, ...scope, 'R-001', 1, input)).rejects.toThrow(ConflictError);
      await expect(risks.update(lead, ...scope, 'R-404', 1, input)).rejects.toThrow(NotFoundError);
      expect((await risks.get(lead, ...scope, 'R-001')).version).toBe(2);
      expect((await events('risk.updated'))[0]).toMatchObject({ before: { version: 1, treatment: 'mitigate' }, after: { version: 2, treatment: 'accept' } });
    });

    it('refuses links the engagement does not hold, each at its path, and writes nothing', async () => {
      const { risks, scope, member } = await world();
      const lead = await member('compliance');
      const bad = { ...input, controls: ['AC-01', 'NOPE-1'], criteria: ['CC99.9'], findings: ['F-NONE'], treatment: 'accept' as const };
      const refusal = await risks.create(lead, ...scope, bad).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ValidationError);
      expect((refusal as ValidationError).issues.map((i) => i.location)).toEqual(['$.controls[1]', '$.criteria[0]', '$.findings[0]', '$.acceptance']);
      expect((await risks.list(lead, ...scope)).risks).toEqual([]);
    });

    it('lets everyone read the register and only the programme write it; another organisation sees nothing', async () => {
      const { risks, scope, member, services } = await world();
      await risks.create(OPERATOR, ...scope, input);
      for (const role of ['owner', 'auditor', 'viewer'] as const) {
        const reader = await member(role);
        expect((await risks.list(reader, ...scope)).risks.map((r) => r.code)).toEqual(['R-001']);
        await expect(risks.create(reader, ...scope, input)).rejects.toThrow(ForbiddenError);
        await expect(risks.update(reader, ...scope, 'R-001', 1, input)).rejects.toThrow(ForbiddenError);
      }
      const other = await services.organizations.create(OPERATOR, { slug: 'other-risks', name: 'Other' });
      await expect(risks.get(OPERATOR, other.id, scope[1], 'R-001')).rejects.toThrow(NotFoundError);
    });
  });
}
