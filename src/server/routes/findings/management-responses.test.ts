import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base, samplesOf, seedControl, seedEngagement, seedTest } from '../testing.js';

const text = { whatHappened: 'One leaver kept access.', rootCause: 'A manual ticket.', correctiveAction: 'Automated.', remediatedOn: '2026-08-20' };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: management responses API`, () => {
    const t = useTestApp(engine);

    /** F-AC-04, a finding on a control the returned owner owns. */
    async function findingUrl() {
      const owner = await t().member('owner');
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-04', criteria: ['CC6.2'], owner: owner.email });
      await seedTest(t(), engagement.id, 'AC-04', { samples: samplesOf('ppfpp') });
      await t().services.findings.create(OPERATOR, t().organizationId, engagement.id, { source: 'deficiency', control: 'AC-04' });
      return { owner, url: `${base(t())}/engagements/${engagement.id}/findings/F-AC-04/management-response` };
    }

    it('drafts, edits and approves with four eyes, each change audited', async () => {
      const { owner, url } = await findingUrl();
      const compliance = await t().member('compliance');
      // None drafted yet: an empty answer, not an error (an unknown finding is still 404).
      const none = await owner.request({ method: 'GET', url });
      expect(none.statusCode).toBe(200);
      expect(none.json()).toBeNull();

      const drafted = await owner.request({ method: 'POST', url: `${url}/draft`, payload: {} });
      expect(drafted.statusCode).toBe(200);
      expect(drafted.json()).toMatchObject({ finding: 'F-AC-04', status: 'draft', editedBy: owner.email, version: 1, rootCause: 'The root cause is being analysed.' });
      expect(drafted.json().whatHappened).toContain('T-0003');
      // A second draft without the version would silently replace someone's text.
      expect((await owner.request({ method: 'POST', url: `${url}/draft`, payload: {} })).statusCode).toBe(422);

      const edited = await compliance.request({ method: 'PUT', url, payload: { version: 1, ...text } });
      expect(edited.json()).toMatchObject({ ...text, status: 'draft', editedBy: compliance.email, version: 2 });
      const own = await compliance.request({ method: 'POST', url: `${url}/approve`, payload: { version: 2 } });
      expect(own.statusCode).toBe(409);
      expect(own.json().detail).toContain('four eyes');
      expect((await owner.request({ method: 'POST', url: `${url}/approve`, payload: { version: 2 } })).statusCode).toBe(403);
      const admin = await t().member('admin');
      const approved = await admin.request({ method: 'POST', url: `${url}/approve`, payload: { version: 2 } });
      expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: admin.email, version: 3 });
      expect((await (await t().member('viewer')).request({ method: 'GET', url })).json()).toEqual(approved.json());

      const stale = await compliance.request({ method: 'PUT', url, payload: { version: 2, ...text } });
      expect(stale.statusCode).toBe(409);
      const bad = await compliance.request({ method: 'PUT', url, payload: { version: 3, ...text, remediatedOn: '2026-02-30' } });
      expect(bad.statusCode).toBe(400);
      expect((await compliance.request({ method: 'GET', url })).json().status).toBe('approved');

      expect(await auditEvents(t(), 'management_response.drafted')).toHaveLength(1);
      expect(await auditEvents(t(), 'management_response.edited')).toHaveLength(1);
      expect(await auditEvents(t(), 'management_response.approved')).toHaveLength(1);
    });

    it('compares people for four eyes: a response edited through someone’s API token is not theirs to approve', async () => {
      const { owner, url } = await findingUrl();
      await owner.request({ method: 'POST', url: `${url}/draft`, payload: {} });
      const admin = await t().member('admin');
      const created = await admin.request({ method: 'POST', url: `${base(t())}/tokens`, payload: { name: 'editor', role: 'compliance' } });
      const { secret } = created.json() as { secret: string };
      const edited = await t().anonymous.request({ method: 'PUT', url, headers: { authorization: `Bearer ${secret}` }, payload: { version: 1, ...text } });
      expect(edited.json()).toMatchObject({ editedBy: admin.email, version: 2 });
      const own = await admin.request({ method: 'POST', url: `${url}/approve`, payload: { version: 2 } });
      expect(own.statusCode).toBe(409);
      expect(own.json().detail).toContain('four eyes');
      const approved = await (await t().member('compliance')).request({ method: 'POST', url: `${url}/approve`, payload: { version: 2 } });
      expect(approved.statusCode).toBe(200);
    });

    it('never lets the auditor write or approve a response, nor an owner on a finding of another control', async () => {
      const { url } = await findingUrl();
      const auditor = await t().member('auditor');
      expect((await auditor.request({ method: 'POST', url: `${url}/draft`, payload: {} })).statusCode).toBe(403);
      expect((await auditor.request({ method: 'PUT', url, payload: { version: 1, ...text } })).statusCode).toBe(403);
      expect((await auditor.request({ method: 'POST', url: `${url}/approve`, payload: { version: 1 } })).statusCode).toBe(403);
      const stranger = await t().member('owner');
      expect((await stranger.request({ method: 'POST', url: `${url}/draft`, payload: {} })).statusCode).toBe(403);
      expect((await auditor.request({ method: 'GET', url: url.replace('F-AC-04', 'F-NONE') })).statusCode).toBe(404);
    });
  });
}
