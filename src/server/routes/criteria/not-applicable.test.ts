import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { useTestApp } from '../../testing.js';
import { base, seedControl, seedEngagement, seedTest } from '../testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: criteria not applicable API`, () => {
    const t = useTestApp(engine);

    it('proposes with a reason, lists it pending with both outcomes, and lets only the auditor decide', async () => {
      const engagement = await seedEngagement(t(), { categories: ['security'], notApplicable: [] });
      await seedControl(t(), engagement.id, { id: 'CM-01', criteria: ['CC8.1'], design: 'deficient' });
      await seedTest(t(), engagement.id, 'CM-01');
      const url = `${base(t())}/engagements/${engagement.id}/not-applicable-proposals`;
      const compliance = await t().member('compliance');
      const auditor = await t().member('auditor');

      const refused = await compliance.request({ method: 'POST', url, payload: { criterion: 'P1.1', reason: 'x' } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().issues).toEqual([{ location: '$.criterion', message: 'criterion "P1.1" is not in the chosen categories' }]);
      expect((await auditor.request({ method: 'POST', url, payload: { criterion: 'CC8.1', reason: 'x' } })).statusCode).toBe(403);

      const proposed = await compliance.request({ method: 'POST', url, payload: { criterion: 'CC8.1', reason: 'Changes are made by the parent company' } });
      expect(proposed.statusCode).toBe(201);
      const proposal = proposed.json();
      expect(proposal).toMatchObject({ criterion: 'CC8.1', status: 'pending', version: 1 });
      const listed = (await auditor.request({ method: 'GET', url })).json();
      expect(listed).toMatchObject({ proposals: [{ id: proposal.id, status: 'pending' }], forecasts: [{ criterion: 'CC8.1', status: 'not_met' }], hasAuditor: true });

      const decision = `${url}/${proposal.id}/decision`;
      const byManagement = await compliance.request({ method: 'POST', url: decision, payload: { version: 1, decision: 'accept' } });
      expect(byManagement.statusCode).toBe(403);
      const byAdmin = await (await t().member('admin')).request({ method: 'POST', url: decision, payload: { version: 1, decision: 'accept' } });
      expect(byAdmin.statusCode).toBe(403);
      expect(byAdmin.json().detail).toMatch(/has an auditor/);
      const accepted = await auditor.request({ method: 'POST', url: decision, payload: { version: 1, decision: 'accept', note: 'Seen the group policy' } });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({ status: 'accepted', decisionNote: 'Seen the group policy', version: 2 });
      const examination = (await auditor.request({ method: 'GET', url: `${base(t())}/engagements/${engagement.id}/examination` })).json();
      expect(examination.criteria.find((c: { id: string }) => c.id === 'CC8.1').status).toBe('not_applicable');
      expect((await auditor.request({ method: 'POST', url: decision, payload: { version: 2, decision: 'reject', note: 'x' } })).statusCode).toBe(409);
    });
  });
}
