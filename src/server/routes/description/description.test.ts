import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { buildFinding } from '../../../domain/findings/testing.js';
import { buildDescription } from '../../../domain/description/testing.js';
import { createFindingsRepository } from '../../../store/findings-repository.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base, seedControl, seedEngagement, seedTest } from '../testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: system description API`, () => {
    const t = useTestApp(engine);

    /** An engagement with AC-04 tested without exception, and two findings: F-1 and a monitoring one on AC-04. */
    async function seeded() {
      const engagement = await seedEngagement(t(), { notApplicable: [{ criterion: 'CC6.4', reason: 'Facilities are carved out' }] });
      await seedControl(t(), engagement.id, { id: 'AC-04', criteria: ['CC6.2'], key: true });
      await seedTest(t(), engagement.id, 'AC-04');
      const findings = createFindingsRepository(t().store.db);
      await findings.create(engagement.id, buildFinding({ code: 'F-1', title: 'Ingestion outage', source: 'self_identified', control: null }));
      await findings.create(engagement.id, buildFinding({ code: 'F-MON-AC-04', source: 'monitoring', control: 'AC-04', status: 'closed' }));
      return { url: `${base(t())}/engagements/${engagement.id}`, engagementId: engagement.id };
    }

    const forecast = async (url: string) => {
      const viewer = await t().member('viewer');
      const response = await viewer.request({ method: 'GET', url: `${url}/examination` });
      expect(response.statusCode).toBe(200);
      return response.json().opinion.subjects.description as string;
    };

    it('warns of every empty section before a description is recorded, judging none', async () => {
      const { url } = await seeded();
      const viewer = await t().member('viewer');
      const response = await viewer.request({ method: 'GET', url: `${url}/description` });
      expect(response.statusCode).toBe(200);
      const view = response.json();
      expect(view).toMatchObject({ recorded: false, version: 0, opinion: 'unmodified', notApplicable: [{ criterion: 'CC6.4', reason: 'Facilities are carved out' }] });
      expect(view.warnings.map((w: { section: string }) => w.section)).toEqual(['services', 'commitments', 'components', 'components', 'components', 'components', 'components']);
    });

    it('records a description at its version, audited, and refuses a stale one', async () => {
      const { url } = await seeded();
      const compliance = await t().member('compliance');
      const first = await compliance.request({ method: 'PUT', url: `${url}/description`, payload: { version: 0, description: buildDescription() } });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ recorded: true, version: 1, warnings: [], opinion: 'unmodified' });
      const stale = await compliance.request({ method: 'PUT', url: `${url}/description`, payload: { version: 0, description: buildDescription({ services: 'Other' }) } });
      expect(stale.statusCode).toBe(409);
      const second = await compliance.request({ method: 'PUT', url: `${url}/description`, payload: { version: 1, description: buildDescription({ services: '' }) } });
      expect(second.json()).toMatchObject({ version: 2, warnings: [{ kind: 'empty_section', section: 'services' }] });
      const events = await auditEvents(t(), 'description.updated');
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({ before: { version: 1, description: { services: buildDescription().services } }, after: { version: 2 } });
    });

    it('refuses what cannot be recorded with every problem at its JSON path, and writes nothing', async () => {
      const { url } = await seeded();
      const admin = await t().member('admin');
      const description = buildDescription({
        userEntityControls: [{ text: 'Customers review their users', criteria: ['PI1.1'] }],
        incidents: [{ finding: 'F-404', date: null, text: 'Unknown' }],
      });
      const response = await admin.request({ method: 'PUT', url: `${url}/description`, payload: { version: 0, description } });
      expect(response.statusCode).toBe(422);
      expect(response.json().issues.map((e: { location: string }) => e.location)).toEqual(['$.description.userEntityControls[0].criteria[0]', '$.description.incidents[0].finding']);
      const tooLong = await admin.request({ method: 'PUT', url: `${url}/description`, payload: { version: 0, description: buildDescription({ services: 'x'.repeat(20_001) }) } });
      expect(tooLong.statusCode).toBe(400);
      expect((await admin.request({ method: 'GET', url: `${url}/description` })).json().recorded).toBe(false);
    });

    it('lets only the programme edit: the auditor reads management’s description but does not write it', async () => {
      const { url } = await seeded();
      for (const role of ['auditor', 'owner', 'viewer'] as const) {
        const caller = await t().member(role);
        expect((await caller.request({ method: 'GET', url: `${url}/description` })).statusCode).toBe(200);
        expect((await caller.request({ method: 'PUT', url: `${url}/description`, payload: { version: 0, description: buildDescription() } })).statusCode).toBe(403);
        expect((await caller.request({ method: 'PUT', url: `${url}/findings/F-1/significant-incident`, payload: { version: 1, significantIncident: true } })).statusCode).toBe(403);
      }
      const outsider = await t().outsider();
      expect((await outsider.request({ method: 'GET', url: `${url}/description` })).statusCode).toBe(404);
    });

    it('qualifies the description opinion for a marked incident until the description discloses it', async () => {
      const { url } = await seeded();
      const compliance = await t().member('compliance');
      await compliance.request({ method: 'PUT', url: `${url}/description`, payload: { version: 0, description: buildDescription() } });
      expect(await forecast(url)).toBe('unmodified');

      const marked = await compliance.request({ method: 'PUT', url: `${url}/findings/F-1/significant-incident`, payload: { version: 1, significantIncident: true } });
      expect(marked.statusCode).toBe(200);
      expect(marked.json()).toEqual({ finding: 'F-1', significantIncident: true, version: 2 });
      expect((await auditEvents(t(), 'finding.incident_marked'))[0]).toMatchObject({ before: { significantIncident: false }, after: { significantIncident: true, version: 2 } });
      const warned = (await compliance.request({ method: 'GET', url: `${url}/description` })).json();
      expect(warned.warnings).toEqual([expect.objectContaining({ kind: 'undisclosed_incident', item: 'F-1' })]);
      expect(warned.opinion).toBe('qualified');
      expect(await forecast(url)).toBe('qualified');

      const disclosed = await compliance.request({
        method: 'PUT',
        url: `${url}/description`,
        payload: { version: 1, description: buildDescription({ incidents: [{ finding: 'F-1', date: '2026-03-02', text: 'The ingestion pipeline was down for six hours' }] }) },
      });
      expect(disclosed.json()).toMatchObject({ warnings: [], opinion: 'unmodified' });
      expect(await forecast(url)).toBe('unmodified');
      // The finding's own reading keeps the mark, and a stale mark is refused.
      expect((await compliance.request({ method: 'PUT', url: `${url}/findings/F-1/significant-incident`, payload: { version: 1, significantIncident: false } })).statusCode).toBe(409);
      expect((await compliance.request({ method: 'PUT', url: `${url}/findings/F-404/significant-incident`, payload: { version: 1, significantIncident: true } })).statusCode).toBe(404);
    });

    it('reads a marked incident set to false positive, and back, at once in the forecast', async () => {
      const { url } = await seeded();
      const compliance = await t().member('compliance');
      await compliance.request({ method: 'PUT', url: `${url}/description`, payload: { version: 0, description: buildDescription() } });
      await compliance.request({ method: 'PUT', url: `${url}/findings/F-1/significant-incident`, payload: { version: 1, significantIncident: true } });
      expect(await forecast(url)).toBe('qualified');

      const dismissed = await compliance.request({
        method: 'POST',
        url: `${url}/findings/F-1/transitions`,
        payload: { version: 2, to: 'false_positive', falsePositiveReason: 'A planned maintenance window, not an outage' },
      });
      expect(dismissed.statusCode).toBe(200);
      expect(await forecast(url)).toBe('unmodified');

      const reopened = await compliance.request({ method: 'POST', url: `${url}/findings/F-1/transitions`, payload: { version: 3, to: 'open', reason: 'The outage was real' } });
      expect(reopened.statusCode).toBe(200);
      expect(await forecast(url)).toBe('qualified');
    });

    it('counts a monitoring regression of a key control as a significant incident, read at once by the forecast', async () => {
      const { url, engagementId } = await seeded();
      const compliance = await t().member('compliance');
      await compliance.request({ method: 'PUT', url: `${url}/description`, payload: { version: 0, description: buildDescription() } });
      expect(await forecast(url)).toBe('unmodified');
      const findings = createFindingsRepository(t().store.db);
      const closed = await findings.findByCode(engagementId, 'F-MON-AC-04');
      await findings.update(engagementId, closed?.version ?? 0, {
        ...buildFinding({ code: 'F-MON-AC-04', source: 'monitoring', control: 'AC-04' }),
        history: [{ on: '2026-05-01', from: 'closed', to: 'open', reason: 'The check fails again' }],
      });
      const view = (await compliance.request({ method: 'GET', url: `${url}/description` })).json();
      expect(view.incidents).toEqual([expect.objectContaining({ finding: 'F-MON-AC-04' })]);
      expect(await forecast(url)).toBe('qualified');
    });
  });
}
