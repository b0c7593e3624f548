import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { buildRiskInput } from '../../../domain/risks/testing.js';
import { useTestApp } from '../../testing.js';
import { base, seedControl, seedEngagement, seedTest } from '../testing.js';

const body = buildRiskInput({ nextReviewOn: '2027-01-31' });

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: risks API`, () => {
    const t = useTestApp(engine);

    async function register() {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id);
      await seedTest(t(), engagement.id, 'AC-04');
      return `${base(t())}/engagements/${engagement.id}/risks`;
    }

    it('adds a risk, lists it assessed, and changes it at its version', async () => {
      const url = await register();
      const compliance = await t().member('compliance');
      const created = await compliance.request({ method: 'POST', url, payload: body });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        code: 'R-001',
        version: 1,
        assessment: { inherent: { score: 20, level: 'critical' }, residual: { likelihood: 2, score: 10, level: 'high' }, strongest: 'AC-04' },
        flags: [],
      });

      const viewer = await t().member('viewer');
      const list = await viewer.request({ method: 'GET', url });
      expect(list.statusCode).toBe(200);
      expect(list.json().risks.map((r: { code: string }) => r.code)).toEqual(['R-001']);

      const put = (version: number) => compliance.request({ method: 'PUT', url: `${url}/R-001`, payload: { ...body, likelihood: 2, version } });
      expect((await put(1)).json()).toMatchObject({ version: 2, likelihood: 2, assessment: { residual: { likelihood: 1 } } });
      expect((await put(1)).statusCode).toBe(409);
    });

    it('refuses a residual typed in, a rating out of range, an overlong text and a bad date, naming each field', async () => {
      const url = await register();
      const admin = await t().member('admin');
      const typed = await admin.request({ method: 'POST', url, payload: { ...body, residual: 1 } });
      expect(typed.statusCode).toBe(400);
      const bad = await admin.request({
        method: 'POST',
        url,
        payload: { ...body, likelihood: 6, title: 'x'.repeat(201), nextReviewOn: '2027-02-30' },
      });
      expect(bad.statusCode).toBe(400);
      const text = bad.body;
      for (const field of ['likelihood', 'title', 'nextReviewOn']) expect(text).toContain(field);
      expect((await admin.request({ method: 'GET', url })).json().risks).toEqual([]);
    });

    it('names an unknown risk 404 and refuses writes to readers', async () => {
      const url = await register();
      const auditor = await t().member('auditor');
      expect((await auditor.request({ method: 'GET', url: `${url}/R-404` })).statusCode).toBe(404);
      expect((await auditor.request({ method: 'POST', url, payload: body })).statusCode).toBe(403);
    });
  });
}
