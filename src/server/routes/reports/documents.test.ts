import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { buildEngagement } from '../../../../test/support/factories.js';
import { formatRefusal } from '../../../domain/index.js';
import { MAX_REPORT_JOBS_PER_MINUTE } from '../../../domain/limits.js';
import { REPORT_JOB_LIMITS } from '../../../services/reports/report-jobs-service.js';
import { createReportJobsRepository } from '../../../store/report-jobs-repository.js';
import type { ReportJob } from '../../../contract/index.js';
import { useTestApp, type TestApp } from '../../testing.js';
import { base } from '../testing.js';

async function engagementOf(t: TestApp) {
  const engagement = await buildEngagement(t.store.db, { organizationId: t.organizationId, name: 'FY2026', system: 'Platform', categories: ['security'], notApplicable: [] });
  return { id: engagement.id, url: `${base(t)}/engagements/${engagement.id}/reports/documents` };
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: report documents API`, () => {
    const t = useTestApp(engine);

    it('answers 202 with the job, follows it to done, and sends the document as an attachment of its type', async () => {
      const { url } = await engagementOf(t());
      const viewer = await t().member('viewer');
      const started = await viewer.request({ method: 'POST', url, payload: { type: 'soc2-draft', format: 'pdf' } });
      expect(started.statusCode).toBe(202);
      const job = started.json() as ReportJob;
      expect(job).toMatchObject({ status: 'running', progress: 0, type: 'soc2-draft', format: 'pdf', fileName: null });
      expect(started.headers.location).toBe(`${url}/${job.id}`);

      await t().services.reportJobs.settled();
      const followed = (await viewer.request({ method: 'GET', url: `${url}/${job.id}` })).json() as ReportJob;
      expect(followed).toMatchObject({ status: 'done', progress: 1, error: null, fileName: expect.stringMatching(/-soc2-\d{4}-\d{2}-\d{2}-soc2-draft\.pdf$/) });

      const file = await viewer.request({ method: 'GET', url: `${url}/${job.id}/file` });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="${followed.fileName}"`);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['cache-control']).toBe('private, no-cache');
      expect(file.rawPayload.byteLength).toBe(followed.size);

      const listed = (await viewer.request({ method: 'GET', url })).json() as { items: ReportJob[] };
      expect(listed.items.map((j) => j.id)).toEqual([job.id]);
    });

    it('refuses a combination no document takes naming the field, a type it does not know, and a date that is not real', async () => {
      const { url } = await engagementOf(t());
      const admin = await t().member('admin');
      const workpapers = await admin.request({ method: 'POST', url, payload: { type: 'workpapers', format: 'pdf' } });
      expect(workpapers.statusCode).toBe(422);
      expect(workpapers.json()).toMatchObject({ issues: [{ location: '$.format', message: formatRefusal('workpapers', 'pdf') }] });
      const unknown = await admin.request({ method: 'POST', url, payload: { type: 'invoice', format: 'pdf' } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({ issues: [{ location: '$.type' }] });
      const date = await admin.request({ method: 'POST', url, payload: { type: 'bridge-letter', format: 'md', to: '2026-02-30' } });
      expect(date.statusCode).toBe(400);
      expect(date.json()).toMatchObject({ issues: [{ location: '$.to' }] });
      expect(((await admin.request({ method: 'GET', url })).json() as { items: unknown[] }).items).toEqual([]);
    });

    it('answers 429 with Retry-After while the organisation has the most reports running, and a running job has no file yet', async () => {
      const { id: engagementId, url } = await engagementOf(t());
      const jobs = createReportJobsRepository(t().store.db);
      const ids: string[] = [];
      for (let i = 0; i < REPORT_JOB_LIMITS.runningPerOrganization; i += 1) {
        ids.push((await jobs.create(randomUUID(), { organizationId: t().organizationId, engagementId, type: 'readiness', format: 'pdf', bridgeTo: null, requestedBy: 'someone' })).id);
      }
      const admin = await t().member('admin');
      const refused = await admin.request({ method: 'POST', url, payload: { type: 'readiness', format: 'pdf' } });
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe(String(REPORT_JOB_LIMITS.retryAfterSeconds));
      expect((await admin.request({ method: 'GET', url: `${url}/${ids[0]}/file` })).statusCode).toBe(409);
    });

    it('refuses a client past the documents a minute allows with 429, before looking at the request', async () => {
      const { url } = await engagementOf(t());
      const viewer = await t().member('viewer');
      const statuses: number[] = [];
      // Refused requests count too: each is one the server had to read.
      for (let i = 0; i <= MAX_REPORT_JOBS_PER_MINUTE; i += 1) statuses.push((await viewer.request({ method: 'POST', url, payload: { type: 'workpapers', format: 'pdf' } })).statusCode);
      expect(statuses).toEqual([...Array<number>(MAX_REPORT_JOBS_PER_MINUTE).fill(422), 429]);
    });

    it('documents the operations in the OpenAPI document: the start as 202, none of them public', async () => {
      const doc = (await t().anonymous.request({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
      };
      const path = '/api/v1/organizations/{organizationId}/engagements/{engagementId}/reports/documents';
      expect(Object.keys(doc.paths[path]?.post?.responses ?? {})).toContain('202');
      for (const operation of [doc.paths[path]?.post, doc.paths[path]?.get, doc.paths[`${path}/{jobId}`]?.get, doc.paths[`${path}/{jobId}/file`]?.get]) {
        expect(operation).toBeDefined();
        expect(operation?.security).not.toEqual([]);
      }
    });

    it("finds no job through another engagement, nor another organisation's, and refuses an anonymous caller", async () => {
      const first = await engagementOf(t());
      const second = await engagementOf(t());
      const admin = await t().member('admin');
      const job = (await admin.request({ method: 'POST', url: first.url, payload: { type: 'readiness', format: 'md' } })).json() as ReportJob;
      await t().services.reportJobs.settled();
      expect((await admin.request({ method: 'GET', url: `${second.url}/${job.id}` })).statusCode).toBe(404);
      expect((await admin.request({ method: 'GET', url: `${second.url}/${job.id}/file` })).statusCode).toBe(404);
      const outsider = await t().outsider();
      expect((await outsider.request({ method: 'GET', url: `${first.url}/${job.id}/file` })).statusCode).toBe(404);
      expect((await t().anonymous.request({ method: 'GET', url: `${first.url}/${job.id}` })).statusCode).toBe(401);
    });
  });
}
