import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import type { VendorReportBody } from '../../../contract/index.js';
import { MAX_LIST_LENGTH, MAX_NAME_LENGTH } from '../../../domain/limits.js';
import { buildVendorInput } from '../../../domain/vendors/testing.js';
import { useTestApp } from '../../testing.js';
import { base, seedControl, seedEngagement } from '../testing.js';

const body = buildVendorInput({ lastReviewedOn: '2025-06-01', nextReviewOn: '2026-06-01' });
const report: VendorReportBody = { periodStart: '2025-01-01', periodEnd: '2025-12-31', opinion: 'unmodified', exceptions: 0, cuecs: [] };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: vendors API`, () => {
    const t = useTestApp(engine);

    async function inventory() {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id);
      return `${base(t())}/engagements/${engagement.id}/vendors`;
    }

    async function listed(url: string) {
      const admin = await t().member('admin');
      return (await admin.request({ method: 'GET', url })).json().vendors as { code: string; version: number; reports: unknown[] }[];
    }

    it('adds a vendor, changes it at its version and refuses a stale change 409', async () => {
      const url = await inventory();
      const compliance = await t().member('compliance');
      const created = await compliance.request({ method: 'POST', url, payload: body });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ code: 'V-001', version: 1 });

      const put = (version: number) => compliance.request({ method: 'PUT', url: `${url}/V-001`, payload: { ...body, owner: 'ciso@acme.example', version } });
      expect((await put(1)).json()).toMatchObject({ version: 2, owner: 'ciso@acme.example' });
      const stale = await put(1);
      expect(stale.statusCode).toBe(409);
      expect((await listed(url))[0]).toMatchObject({ version: 2 });
    });

    it('refuses an unknown field, an overlong name and a date that does not exist, naming each by its JSON path, and writes nothing', async () => {
      const url = await inventory();
      const admin = await t().member('admin');
      const unknown = await admin.request({ method: 'POST', url, payload: { ...body, rating: 'A' } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain('rating');
      const bad = await admin.request({ method: 'POST', url, payload: { ...body, name: 'x'.repeat(MAX_NAME_LENGTH + 1), nextReviewOn: '2026-02-30' } });
      expect(bad.statusCode).toBe(400);
      for (const path of ['$.name', '$.nextReviewOn']) expect(bad.body).toContain(path);
      expect(await listed(url)).toEqual([]);
    });

    it('refuses a report with negative exceptions, too many CUECs, a period end that does not exist or an unknown control, and records none', async () => {
      const url = await inventory();
      const admin = await t().member('admin');
      await admin.request({ method: 'POST', url, payload: body });
      const record = (payload: object) => admin.request({ method: 'POST', url: `${url}/V-001/reports`, payload });

      const negative = await record({ ...report, exceptions: -1 });
      expect(negative.statusCode).toBe(400);
      expect(negative.body).toContain('$.exceptions');
      const cuecs = Array.from({ length: MAX_LIST_LENGTH + 1 }, () => ({ text: 'Customers review access', control: null }));
      const many = await record({ ...report, cuecs });
      expect(many.statusCode).toBe(400);
      expect(many.body).toContain('$.cuecs');
      const day = await record({ ...report, periodEnd: '2025-02-29' });
      expect(day.statusCode).toBe(400);
      expect(day.body).toContain('$.periodEnd');
      const control = await record({ ...report, cuecs: [{ text: 'Customers review access', control: 'XX-99' }] });
      expect(control.statusCode).toBe(422);
      expect(control.body).toContain('XX-99 is not a control of the engagement');

      expect((await listed(url))[0]?.reports).toEqual([]);
    });

    it('refuses writes to an auditor 403 and answers another organisation 404, writing nothing', async () => {
      const url = await inventory();
      const auditor = await t().member('auditor');
      expect((await auditor.request({ method: 'POST', url, payload: body })).statusCode).toBe(403);
      const outsider = await t().outsider();
      expect((await outsider.request({ method: 'GET', url })).statusCode).toBe(404);
      expect((await outsider.request({ method: 'POST', url, payload: body })).statusCode).toBe(404);
      expect(await listed(url)).toEqual([]);
    });
  });
}
