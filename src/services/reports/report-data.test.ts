import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { buildRiskInput } from '../../domain/risks/testing.js';
import { createChecksRepository } from '../../store/checks-repository.js';
import { createRisksRepository } from '../../store/risks-repository.js';
import { LEAVERS_CHECK } from '../monitoring/testing.js';
import { OPERATOR } from '../platform/actor.js';
import { createPlatform } from '../platform/index.js';
import { findingsWorld } from '../testing.js';
import { createReportDataLoader } from './report-data.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: report data`, () => {
    const store = useFreshStore(engine);

    it('gives the risk register assessed as the risk service assesses it, monitoring failures counted', async () => {
      const { services, organizationId, engagementId } = await findingsWorld(store());
      const scope = [organizationId, engagementId] as const;
      const clock = () => new Date();
      const { db } = store();
      const loader = createReportDataLoader({ ...createPlatform(store(), { clock, newId: randomUUID }).repositories, risks: createRisksRepository(db), clock });
      expect((await loader.load(...scope)).risks).toEqual([]);

      await services.risks.create(OPERATOR, ...scope, buildRiskInput({ controls: ['AC-01'] }));
      await services.risks.create(OPERATOR, ...scope, buildRiskInput({ controls: ['AC-04'], treatment: 'accept', acceptance: { approver: 'CFO', reason: 'Cost', expiresOn: '2020-01-01' } }));
      const checks = createChecksRepository(db);
      await db.transaction().execute((trx) =>
        checks.replaceAll(engagementId, [{ checkId: 'MON-AC-01', title: 'Leavers', fileName: 'mon.yaml', definition: LEAVERS_CHECK.replace('[AC-04]', '[AC-01]') }], trx),
      );
      const check = await checks.find(engagementId, 'MON-AC-01');
      const run = { asOf: '2026-06-30', trigger: 'on_demand' as const, population: 2, error: null, sources: [], findingCode: null };
      await checks.addRun(check!.id, 'MON-AC-01', 'run-1', { ...run, status: 'fail', failures: 1, failing: [{ item: 'E1', reason: 'still active' }] });

      const data = await loader.load(...scope);
      expect(data.risks).toEqual((await services.risks.list(OPERATOR, ...scope)).risks);
      expect(data.risks?.map((r) => [r.code, r.assessment.residual.likelihood, r.flags])).toEqual([
        ['R-001', 3, []],
        ['R-002', 4, ['acceptance_expired']],
      ]);
    });
  });
}
