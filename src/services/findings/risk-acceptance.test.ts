import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { OPERATOR } from '../platform/actor.js';
import { findingsWorld } from '../testing.js';

const acceptance = { approver: 'CFO', reason: 'Compensated by the weekly review', expires: '2099-12-31' };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: accepting a finding's risk`, () => {
    const store = useFreshStore(engine);

    it("is management's decision: the auditor may not accept a risk, the programme may", async () => {
      const { services, organizationId, engagementId, member, events } = await findingsWorld(store());
      await services.findings.create(OPERATOR, organizationId, engagementId, { source: 'deficiency', control: 'AC-04' });
      const auditor = await member('auditor');
      const refused = services.findings.transition(auditor, organizationId, engagementId, 'F-AC-04', 1, 'risk_accepted', { riskAcceptance: acceptance });
      await expect(refused).rejects.toMatchObject({ name: 'ForbiddenError' });
      await expect(refused).rejects.toThrow(/auditor role does not have the risk\.accept permission/);
      // The auditor still moves the finding through its other steps.
      const analysing = await services.findings.transition(auditor, organizationId, engagementId, 'F-AC-04', 1, 'analysing');
      expect(analysing.status).toBe('analysing');
      const accepted = await services.findings.transition(await member('compliance'), organizationId, engagementId, 'F-AC-04', 2, 'risk_accepted', {
        riskAcceptance: acceptance,
      });
      expect(accepted).toMatchObject({ status: 'risk_accepted', riskAcceptance: { approver: 'CFO' } });
      expect(await events('finding.transitioned')).toHaveLength(2);
    });
  });
}
