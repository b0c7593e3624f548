import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { useTestApp } from '../../testing.js';
import { base, seedControl, seedEngagement } from '../testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: coverage API`, () => {
    const t = useTestApp(engine);

    /** January to June 2026 with AC-06, a quarterly review, evidenced for the first quarter only. */
    async function seeded() {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-06', criteria: ['CC6.3'], frequency: 'quarterly' });
      const record = await t().services.evidence.add(OPERATOR, t().organizationId, engagement.id, {
        content: Readable.from([Buffer.from('Q1 review')]),
        fileName: 'q1-review.pdf',
        mediaType: 'application/pdf',
        controls: ['AC-06'],
        coversFrom: '2026-03-28',
        coversTo: '2026-03-28',
        source: 'upload',
      });
      return { url: `${base(t())}/engagements/${engagement.id}`, record };
    }

    it('gives every role the engagement’s calendar and a control’s, with the evidence covering each window', async () => {
      const { url, record } = await seeded();
      const viewer = await t().member('viewer');
      const all = await viewer.request({ method: 'GET', url: `${url}/coverage` });
      expect(all.statusCode).toBe(200);
      expect(all.json()).toMatchObject({ reportType: 'type2', periodStart: '2026-01-01', periodEnd: '2026-06-30' });
      expect(all.json().controls).toEqual([
        {
          control: 'AC-06',
          title: expect.any(String),
          frequency: 'quarterly',
          periodic: true,
          tracked: true,
          occurrences: [
            { label: '2026-Q1', from: '2026-01-01', to: '2026-03-31', status: 'evidenced', evidence: [record.id] },
            { label: '2026-Q2', from: '2026-04-01', to: '2026-06-30', status: 'missing', evidence: [] },
          ],
          missing: ['2026-Q2'],
        },
      ]);
      const one = await viewer.request({ method: 'GET', url: `${url}/controls/AC-06/coverage` });
      expect(one.statusCode).toBe(200);
      expect(one.json().evidenceRecords).toEqual([{ id: record.id, fileName: 'q1-review.pdf', coversFrom: '2026-03-28', coversTo: '2026-03-28' }]);
    });

    it('answers an unknown control, and another organisation, with 404', async () => {
      const { url } = await seeded();
      const auditor = await t().member('auditor');
      expect((await auditor.request({ method: 'GET', url: `${url}/controls/NOPE-1/coverage` })).statusCode).toBe(404);
      const outsider = await t().outsider();
      expect((await outsider.request({ method: 'GET', url: `${url}/coverage` })).statusCode).toBe(404);
      expect((await t().anonymous.request({ method: 'GET', url: `${url}/coverage` })).statusCode).toBe(401);
    });
  });
}
