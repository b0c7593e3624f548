import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { hrRoster, LEAVERS_CHECK, oktaUsers } from '../../../services/monitoring/testing.js';
import { createChecksRepository } from '../../../store/checks-repository.js';
import { useTestApp, type TestApp } from '../../testing.js';
import { auditEvents, base, seedControl, seedEngagement } from '../testing.js';

/** A multipart form of one file, as a browser sends it. */
function form(fileName: string, text: string) {
  const boundary = '----assay-test-boundary';
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function seedCheck(t: TestApp) {
  const engagement = await seedEngagement(t);
  await seedControl(t, engagement.id);
  await t.store.db.transaction().execute((trx) =>
    createChecksRepository(t.store.db).replaceAll(engagement.id, [{ checkId: 'MON-AC-04', title: 'Leavers', fileName: 'mon-ac-04.yaml', definition: LEAVERS_CHECK }], trx),
  );
  return `${base(t)}/engagements/${engagement.id}/checks/MON-AC-04`;
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: checks API`, () => {
    const app = useTestApp(engine);

    it('refuses an export in the wrong format with 422 naming the row and field, and keeps nothing', async () => {
      const t = app();
      const url = await seedCheck(t);
      const lead = await t.member('compliance');
      const bad = `${hrRoster([['E1', '2026-03-10']])}E2,e2@acme.example,A,B,2021-01-04,31/31/2026,Terminated,Eng,\n`;
      const refused = await lead.request({ method: 'POST', url: `${url}/sources/hr/export`, ...form('hr.csv', bad) });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().issues).toEqual([expect.objectContaining({ location: 'hr.csv: row 2, field termination_date' })]);
      const missingColumn = await lead.request({ method: 'POST', url: `${url}/sources/hr/export`, ...form('hr.csv', 'employee_id,work_email\nE1,e1@acme.example\n') });
      expect(missingColumn.statusCode).toBe(422);
      expect((await lead.request({ method: 'GET', url })).json().sources.map((s: { attached: unknown }) => s.attached)).toEqual([null, null]);
      expect(await auditEvents(t, 'evidence.added')).toEqual([]);
      expect(await auditEvents(t, 'check.source_attached')).toEqual([]);
    });

    it('takes the exports, runs the check and lists the run with its failing items', async () => {
      const t = app();
      const url = await seedCheck(t);
      const lead = await t.member('compliance');
      const hr = await lead.request({ method: 'POST', url: `${url}/sources/hr/export`, ...form('hr.csv', hrRoster([['E1', '2026-03-10']])) });
      expect(hr.statusCode).toBe(201);
      expect(hr.json()).toMatchObject({ sourceName: 'hr', fileName: 'hr.csv' });
      const idp = await lead.request({ method: 'POST', url: `${url}/sources/idp/export`, ...form('okta.json', oktaUsers([['E1', 'ACTIVE', '2021-01-04T09:00:00.000Z']])) });
      expect(idp.statusCode).toBe(201);
      const run = await lead.request({ method: 'POST', url: `${url}/runs`, payload: { asOf: '2026-06-30' } });
      expect(run.statusCode).toBe(201);
      expect(run.json()).toMatchObject({ status: 'fail', population: 1, failures: 1, findingCode: 'F-MON-AC-04', failing: [{ item: 'E1' }] });
      const runs = await lead.request({ method: 'GET', url: `${url}/runs?limit=10` });
      expect(runs.json()).toMatchObject({ total: 1, limit: 10, offset: 0 });
      const list = await lead.request({ method: 'GET', url: url.replace(/\/MON-AC-04$/, '') });
      expect(list.json().items).toMatchObject([{ id: 'MON-AC-04', latestRun: { status: 'fail' } }]);
      // A date that is not one is refused at its field.
      const badDate = await lead.request({ method: 'POST', url: `${url}/runs`, payload: { asOf: '2026-02-30' } });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().issues).toEqual([expect.objectContaining({ location: '$.asOf' })]);
    });
  });
}
