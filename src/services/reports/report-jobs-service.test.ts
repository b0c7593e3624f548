import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { engagementSettings } from '../../../test/support/factories.js';
import { largeReportData } from '../../../bench/support/report-data.js';
import { bridgeEndRefusal, NotFoundError, TooManyAttemptsError, ValidationError } from '../../domain/index.js';
import { createWorkerRenderer, renderInWorker, RenderTimeLimitError } from '../../reports/render-in-worker.js';
import { formatRefusal, renderReport } from '../../reports/render-report.js';
import type { ReportData } from '../../reports/documents/index.js';
import { createReportJobsRepository } from '../../store/report-jobs-repository.js';
import { describeActor, OPERATOR } from '../platform/actor.js';
import { REPORT_JOB_LIMITS, STOPPED_JOB, UNEXPECTED } from './report-jobs-service.js';
import { jobsWorld } from './testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: report jobs`, () => {
    const store = useFreshStore(engine);

    it('answers with a running job, then keeps the document the one entry renders, its progress at 1', async () => {
      const w = await jobsWorld(store());
      w.hold();
      const started = await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'soc2-draft', format: 'pdf' });
      expect(started).toMatchObject({ status: 'running', progress: 0, fileName: null, type: 'soc2-draft', format: 'pdf', requestedBy: 'operator:cli' });
      expect((await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, started.id)).status).toBe('running');
      w.release();
      await w.jobs.settled();

      const done = await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, started.id);
      expect(done).toMatchObject({ status: 'done', progress: 1, error: null, fileName: 'acme-soc2-2026-06-30-soc2-draft.pdf' });
      const file = await w.jobs.file(OPERATOR, w.organizationId, w.engagementId, started.id);
      const [data] = w.loaded;
      expect(file.contentType).toBe('application/pdf');
      expect(file.content).toEqual(await renderReport('soc2-draft', 'pdf', data as ReportData, { bridgeTo: null, watermark: null }));
      expect(done.size).toBe(file.content.byteLength);
      expect(await w.events('report.generated')).toEqual([
        expect.objectContaining({ subject: `engagement:${w.engagementId}`, after: { job: started.id, type: 'soc2-draft', format: 'pdf', bridgeTo: null } }),
      ]);
    });

    it("drops the documents of the engagement's jobs beyond the latest kept once another finishes; the audit log keeps them all", async () => {
      const w = await jobsWorld(store(), { limits: { recent: 1 } });
      const first = await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'readiness', format: 'md' });
      await w.jobs.settled();
      const second = await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'readiness', format: 'md' });
      await w.jobs.settled();
      await expect(w.jobs.file(OPERATOR, w.organizationId, w.engagementId, first.id)).rejects.toThrow('generate it again');
      expect((await w.jobs.file(OPERATOR, w.organizationId, w.engagementId, second.id)).content.byteLength).toBeGreaterThan(0);
      expect(await w.events('report.generated')).toHaveLength(2);
    });

    it('reads the engagement from the database: its examination, findings, locale and a forecast point per kept result', async () => {
      const w = await jobsWorld(store());
      await w.services.findings.syncFromExamination(OPERATOR, w.organizationId, w.engagementId);
      await w.services.examination.get(OPERATOR, w.organizationId, w.engagementId);
      const job = await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'bridge-letter', format: 'md', to: '2026-09-30' });
      await w.jobs.settled();
      const [data] = w.loaded;
      expect(data?.examination.controls.map((c) => c.id)).toEqual(['AC-01', 'AC-04', 'CM-01']);
      expect(data?.result.controls.map((c) => c.conclusion)).toEqual(['effective', 'not_effective', 'design_deficiency']);
      expect(data?.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['F-AC-04', 'F-CM-01']));
      expect(data?.locale).toBe('en-GB');
      // Every change here was recorded after the period ended: listed oldest first, in words.
      expect(data?.changes.map((c) => c.summary)).toEqual(expect.arrayContaining(['Control AC-01: created', 'Finding F-AC-04: created']));
      // The letter's own request (recorded before its data is read) is no change to the system.
      expect(await w.events('report.generated')).toHaveLength(1);
      expect(data?.changes.map((c) => c.summary)).not.toContain('The engagement: generated');
      expect(data?.changes.map((c) => c.at)).toEqual([...(data?.changes.map((c) => c.at) ?? [])].sort());
      expect(data?.history).toHaveLength(1);
      expect(data?.history[0]).toMatchObject({ opinion: data?.result.opinion.overall, openFindings: data?.findings.length });
      expect((await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, job.id)).bridgeTo).toBe('2026-09-30');
    });

    it('keeps the event loop turning while a large document renders: a timer every 10 ms fires on through the render', async () => {
      let ticks = 0;
      let rendering = false;
      const timer = setInterval(() => {
        if (rendering) ticks += 1;
      }, 10);
      const render: typeof renderReport = async (...args) => {
        rendering = true;
        try {
          return await renderInWorker(...args);
        } finally {
          rendering = false;
        }
      };
      const w = await jobsWorld(store(), { render, data: largeReportData(300, 25) });
      const job = await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'soc2-draft', format: 'pdf' });
      await w.jobs.settled();
      clearInterval(timer);
      expect(await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, job.id)).toMatchObject({ status: 'done', progress: 1 });
      // Rendered on the event loop, this document lets the timer fire not once (pdfmake lays out in one go).
      expect(ticks).toBeGreaterThanOrEqual(10);
    });

    it('fails the job, not the server, when the thread rendering it stops; the next job renders', async () => {
      const stopping = createWorkerRenderer({ start: () => new Worker('process.exit(3)', { eval: true }) });
      const w = await jobsWorld(store(), { render: stopping });
      const job = await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'readiness', format: 'pdf' });
      await w.jobs.settled();
      expect(await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, job.id)).toMatchObject({ status: 'failed', error: UNEXPECTED, fileName: null });
      expect(w.errors).toEqual([new Error('The thread rendering the readiness as pdf stopped (exit code 3) before it finished')]);

      const next = await jobsWorld(store());
      const rendered = await next.jobs.start(OPERATOR, next.organizationId, next.engagementId, { type: 'readiness', format: 'md' });
      await next.jobs.settled();
      expect(await next.jobs.get(OPERATOR, next.organizationId, next.engagementId, rendered.id)).toMatchObject({ status: 'done' });
    });

    it('fails the job saying it took too long when its render runs past the time limit, and the next job renders on a fresh thread', async () => {
      let threads = 0;
      const render = createWorkerRenderer({
        // Room for the answering thread to start on a busy machine, and short enough for a test.
        timeLimitMs: 1000,
        // The first thread never answers, busy for ever; the next answers at once.
        start: () =>
          new Worker(`const { parentPort } = require('node:worker_threads'); parentPort.on('message', () => ${threads++ === 0 ? '{ for (;;); }' : 'parentPort.postMessage({ bytes: new Uint8Array([7]) })'});`, { eval: true }),
      });
      const w = await jobsWorld(store(), { render });
      const job = await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'readiness', format: 'pdf' });
      await w.jobs.settled();
      const said = 'Rendering the readiness as pdf took longer than the 1 second a document may take, so it was stopped';
      expect(await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, job.id)).toMatchObject({ status: 'failed', error: said, fileName: null });
      expect(w.errors).toEqual([new RenderTimeLimitError('readiness as pdf', 1000)]);

      const next = await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'readiness', format: 'md' });
      await w.jobs.settled();
      expect(await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, next.id)).toMatchObject({ status: 'done', size: 1 });
      expect(threads).toBe(2);
    });

    it('writes the progress the renderer reports while it runs, at most four times a second', async () => {
      let now = Date.parse('2026-09-15T10:00:00Z');
      let resume: () => void = () => undefined;
      const paused = new Promise<void>((resolve) => (resume = resolve));
      let reached: () => void = () => undefined;
      const halfway = new Promise<void>((resolve) => (reached = resolve));
      const calls: number[] = [];
      // Ten reports of progress 100 ms apart, pausing at the half, then the document.
      const render: typeof renderReport = async (_type, _format, _data, options) => {
        for (let step = 1; step <= 10; step += 1) {
          now += 100;
          calls.push(step / 10);
          options.onProgress?.(step / 10);
          if (step === 5) {
            reached();
            await paused;
          }
        }
        return Buffer.from('the document');
      };
      const w = await jobsWorld(store(), { render, clock: () => new Date(now) });
      const writes = vi.spyOn(w.repository, 'progress');
      const job = await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'soc2-draft', format: 'pdf' });
      await halfway;
      // Each write takes the share reached when it runs: by the pause, the half.
      await expect.poll(async () => (await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, job.id)).progress).toBe(0.5);
      expect((await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, job.id)).status).toBe('running');
      resume();
      await w.jobs.settled();
      expect(calls).toHaveLength(10);
      // A second of reports every 100 ms: written at the first, then 300 ms apart (at least 250 ms).
      expect(writes).toHaveBeenCalledTimes(4);
      const done = await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, job.id);
      expect(done).toMatchObject({ status: 'done', progress: 1, size: 'the document'.length });
    });

    it('refuses the workpapers but as a workbook, and a date on any document but the bridge letter, naming the field; nothing is written', async () => {
      const w = await jobsWorld(store());
      const refused = w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'workpapers', format: 'pdf' });
      await expect(refused).rejects.toThrow(ValidationError);
      await expect(refused).rejects.toThrow(`$.format: ${formatRefusal('workpapers', 'pdf')}`);
      await expect(w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'readiness', format: 'html', to: '2026-09-30' })).rejects.toThrow('$.to: ');
      expect(await w.jobs.list(OPERATOR, w.organizationId, w.engagementId)).toEqual([]);
      expect(await w.events('report.generated')).toEqual([]);
    });

    it("refuses at once a bridge letter ending on or before the period end or after today, naming $.to; nothing is written", async () => {
      const w = await jobsWorld(store(), { clock: () => new Date('2027-01-15T10:00:00Z') });
      const { periodEnd } = engagementSettings();
      for (const to of [periodEnd, '2027-01-16']) {
        const refused = w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'bridge-letter', format: 'md', to });
        await expect(refused).rejects.toThrow(ValidationError);
        await expect(refused).rejects.toThrow(`$.to: ${bridgeEndRefusal(to, periodEnd, '2027-01-15') ?? 'a refusal'}`);
      }
      expect(await w.jobs.list(OPERATOR, w.organizationId, w.engagementId)).toEqual([]);
      expect(await w.events('report.generated')).toEqual([]);
    });

    it('runs at most the limit at once for an organisation, refusing one more with a time to retry', async () => {
      const w = await jobsWorld(store());
      w.hold();
      for (let i = 0; i < REPORT_JOB_LIMITS.runningPerOrganization; i += 1) {
        await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'readiness', format: 'md' });
      }
      const refused = w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'readiness', format: 'md' });
      await expect(refused).rejects.toBeInstanceOf(TooManyAttemptsError);
      await expect(refused).rejects.toMatchObject({ retryAfterSeconds: REPORT_JOB_LIMITS.retryAfterSeconds });
      w.release();
      await w.jobs.settled();
      await expect(w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'readiness', format: 'md' })).resolves.toMatchObject({ status: 'running' });
      await w.jobs.settled();
      expect(await w.events('report.generated')).toHaveLength(REPORT_JOB_LIMITS.runningPerOrganization + 1);
    });

    it('reports failed a job a stopped process left running, and does not count it against the limit', async () => {
      const w = await jobsWorld(store());
      const long = new Date(Date.now() - REPORT_JOB_LIMITS.staleAfterMs - 1000);
      const left = createReportJobsRepository(store().db, { clock: () => long, newId: randomUUID });
      const ids = [];
      for (let i = 0; i < REPORT_JOB_LIMITS.runningPerOrganization; i += 1) {
        ids.push((await left.create(randomUUID(), { organizationId: w.organizationId, engagementId: w.engagementId, type: 'readiness', format: 'pdf', bridgeTo: null, requestedBy: 'operator' })).id);
      }
      expect(await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, ids[0] as string)).toMatchObject({ status: 'failed', error: STOPPED_JOB });
      await expect(w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'readiness', format: 'md' })).resolves.toMatchObject({ status: 'running' });
      await w.jobs.settled();
    });

    it("lets every member generate and download, and finds nothing of another organisation's jobs", async () => {
      const w = await jobsWorld(store());
      const viewer = await w.member('viewer');
      const auditor = await w.member('auditor');
      const job = await w.jobs.start(viewer, w.organizationId, w.engagementId, { type: 'customer-letter', format: 'html' });
      await w.jobs.settled();
      await expect(w.jobs.file(auditor, w.organizationId, w.engagementId, job.id)).resolves.toMatchObject({ contentType: 'text/html; charset=utf-8' });

      const other = await jobsWorld(store());
      const outsider = await other.member('admin');
      // Another tenant's admin, through its own organisation or through ours, learns nothing of the job.
      await expect(w.jobs.get(outsider, w.organizationId, w.engagementId, job.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(other.jobs.get(outsider, other.organizationId, other.engagementId, job.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(other.jobs.file(outsider, other.organizationId, other.engagementId, job.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await other.jobs.list(outsider, other.organizationId, other.engagementId)).toEqual([]);
    });

    it("gives a caller that renders at once the data a job reads, recording the request with no job; refuses another organisation's engagement and what start refuses, recording nothing", async () => {
      const w = await jobsWorld(store(), { clock: () => new Date('2026-09-15T10:00:00Z') });
      const viewer = await w.member('viewer');
      const data = await w.jobs.dataFor(viewer, w.organizationId, w.engagementId, { type: 'readiness', format: 'md' });
      expect(data.examination.controls.map((c) => c.id)).toEqual(['AC-01', 'AC-04', 'CM-01']);
      expect(data.generatedAt).toBe('2026-09-15T10:00:00.000Z');
      expect(await w.events('report.generated')).toEqual([
        expect.objectContaining({ actor: describeActor(viewer), subject: `engagement:${w.engagementId}`, after: { job: null, type: 'readiness', format: 'md', bridgeTo: null } }),
      ]);
      expect(await w.jobs.list(viewer, w.organizationId, w.engagementId)).toEqual([]);

      const other = await jobsWorld(store());
      const outsider = await other.member('admin');
      // Another tenant's admin, through ours or through its own organisation, reads nothing of the engagement.
      await expect(w.jobs.dataFor(outsider, w.organizationId, w.engagementId, { type: 'readiness', format: 'md' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(other.jobs.dataFor(outsider, other.organizationId, w.engagementId, { type: 'readiness', format: 'md' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(w.jobs.dataFor(viewer, w.organizationId, w.engagementId, { type: 'workpapers', format: 'pdf' })).rejects.toThrow(`$.format: ${formatRefusal('workpapers', 'pdf')}`);
      const { periodEnd } = engagementSettings();
      await expect(w.jobs.dataFor(viewer, w.organizationId, w.engagementId, { type: 'bridge-letter', format: 'md', to: periodEnd })).rejects.toThrow('$.to: ');
      expect(await w.events('report.generated')).toHaveLength(1);
      expect(await other.events('report.generated')).toEqual([]);
    });

    it('refuses the file of a job still running, and keeps that one failed without telling the server error to the user', async () => {
      const w = await jobsWorld(store());
      w.hold();
      const job = await w.jobs.start(OPERATOR, w.organizationId, w.engagementId, { type: 'stakeholder', format: 'pdf' });
      await expect(w.jobs.file(OPERATOR, w.organizationId, w.engagementId, job.id)).rejects.toThrow('it is still running');
      w.refuse(new Error('connection reset by the database'));
      await w.jobs.settled();
      const failed = await w.jobs.get(OPERATOR, w.organizationId, w.engagementId, job.id);
      expect(failed).toMatchObject({ status: 'failed', fileName: null });
      expect(failed.error).not.toContain('connection reset');
      expect(w.errors).toEqual([new Error('connection reset by the database')]);
      await expect(w.jobs.file(OPERATOR, w.organizationId, w.engagementId, job.id)).rejects.toThrow('it failed');
    });
  });
}
