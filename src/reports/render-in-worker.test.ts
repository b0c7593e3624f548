import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { workspaceReportData } from '../cli/report-data.js';
import { ValidationError } from '../domain/index.js';
import type { ReportData } from './documents/index.js';
import { scenarioData } from './documents/testing.js';
import { createWorkerRenderer, renderInWorker, RenderTimeLimitError } from './render-in-worker.js';
import { DOCUMENT_FORMATS, DOCUMENT_TYPES, formatRefusal, renderReport, type DocumentFormat } from './render-report.js';

const ACME = join(import.meta.dirname, '../../examples/acme');
/** The PDFs' creation date is the data's `generatedAt`, so a fixed clock gives the same bytes twice. */
const GENERATED = new Date('2026-09-20T09:00:00Z');
const OPTIONS = { bridgeTo: '2026-09-15', watermark: null };

/**
 * A workbook's entries with the time it was written masked (ExcelJS stamps the workbook's properties with the clock,
 * which the test cannot fix in another thread); any other format's bytes as they are.
 */
function comparable(format: DocumentFormat, bytes: Buffer): unknown {
  if (format !== 'xlsx') return bytes;
  return Object.entries(unzipSync(bytes)).map(([name, content]) => [name, Buffer.from(content).toString('latin1').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, '$1')]);
}

/** A thread that runs `code` instead of the renderer. */
const thread = (code: string) => () => new Worker(code, { eval: true });

describe('rendering in a worker thread', () => {
  it('gives the bytes rendering in-process gives, for every document in every format it takes, on the demo data (a workbook but the time it was written)', async () => {
    const data = await workspaceReportData(ACME, GENERATED);
    const combinations = DOCUMENT_TYPES.flatMap((type) => DOCUMENT_FORMATS.filter((format) => formatRefusal(type, format) === null).map((format) => ({ type, format })));
    expect(combinations).toHaveLength(6 * 4 + 1);
    for (const { type, format } of combinations) {
      const inProcess = await renderReport(type, format, data, OPTIONS);
      const inWorker = await renderInWorker(type, format, data, OPTIONS);
      expect({ type, format, rendered: comparable(format, inWorker) }).toEqual({ type, format, rendered: comparable(format, inProcess) });
    }
  }, 240_000);

  it('passes the renderer progress on, rising to 1', async () => {
    const shares: number[] = [];
    await renderInWorker('soc2-draft', 'pdf', scenarioData('qualified'), { ...OPTIONS, onProgress: (share) => shares.push(share) });
    expect(shares.length).toBeGreaterThan(1);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.at(-1)).toBe(1);
  });

  it("fails with the renderer's own refusal, and input it refuses stays a ValidationError naming where", async () => {
    await expect(renderInWorker('workpapers', 'pdf', scenarioData('clean'), OPTIONS)).rejects.toThrow(formatRefusal('workpapers', 'pdf') ?? 'a refusal');
    const refusing = createWorkerRenderer({
      start: thread(`
        const { parentPort } = require('node:worker_threads');
        parentPort.once('message', () => parentPort.postMessage({ failure: { message: 'x', issues: [{ location: '$.to', message: 'is not a date' }], summary: 'Refused' } }));
      `),
    });
    const refused = refusing('bridge-letter', 'md', scenarioData('clean'), OPTIONS);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ issues: [{ location: '$.to', message: 'is not a date' }], summary: 'Refused' });
  });

  it('fails the render, not the process, when its thread exits, throws outside the render or is sent data that cannot cross', async () => {
    const exiting = createWorkerRenderer({ start: thread('process.exit(3)') });
    await expect(exiting('readiness', 'md', scenarioData('clean'), OPTIONS)).rejects.toThrow('The thread rendering the readiness as md stopped (exit code 3) before it finished');
    const throwing = createWorkerRenderer({ start: thread("setTimeout(() => { throw new Error('the thread broke') })") });
    await expect(throwing('readiness', 'md', scenarioData('clean'), OPTIONS)).rejects.toThrow('the thread broke');
    const uncloneable = { ...scenarioData('clean'), locale: (() => 'en-GB') as unknown as string } satisfies ReportData;
    await expect(renderInWorker('readiness', 'md', uncloneable, OPTIONS)).rejects.toThrow(/could not be cloned/);
    // The process's renderer renders on.
    expect((await renderInWorker('readiness', 'md', scenarioData('clean'), OPTIONS)).toString('utf8')).toContain('Acme');
  });

  it('renders at most its number of threads at once, the others in the order asked as threads come free, on the same threads', async () => {
    const started: Worker[] = [];
    const asked: Worker[] = [];
    // Each thread answers a request only when the test sends it the bytes.
    const held = thread(`
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (message) => { if (message instanceof Uint8Array) parentPort.postMessage({ bytes: message }); });
    `);
    const render = createWorkerRenderer({
      threads: 2,
      start: () => {
        const worker = held();
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (message: unknown) => {
          if (!(message instanceof Uint8Array)) asked.push(worker);
          post(message);
        };
        started.push(worker);
        return worker;
      },
    });
    const renders = [1, 2, 3, 4].map((n) => render('readiness', 'md', scenarioData('clean'), OPTIONS).then((bytes) => [n, ...bytes]));
    expect(asked).toHaveLength(2);
    asked[1]?.postMessage(new Uint8Array([2]));
    await expect(renders[1]).resolves.toEqual([2, 2]);
    await expect.poll(() => asked.length).toBe(3);
    expect(asked[2]).toBe(asked[1]);
    asked[0]?.postMessage(new Uint8Array([1]));
    asked[2]?.postMessage(new Uint8Array([3]));
    await expect.poll(() => asked.length).toBe(4);
    asked[3]?.postMessage(new Uint8Array([4]));
    expect(await Promise.all(renders)).toEqual([1, 2, 3, 4].map((n) => [n, n]));
    expect(started).toHaveLength(2);
  });

  it('ends a thread that waited for the next render longer than it is kept, and starts another for the next', async () => {
    const started: Worker[] = [];
    const ended: number[] = [];
    const render = createWorkerRenderer({
      idleMs: 0,
      start: () => {
        const worker = thread(`
          const { parentPort } = require('node:worker_threads');
          parentPort.on('message', () => parentPort.postMessage({ bytes: new Uint8Array([7]) }));
        `)();
        worker.once('exit', () => ended.push(started.indexOf(worker)));
        started.push(worker);
        return worker;
      },
    });
    expect([...(await render('readiness', 'md', scenarioData('clean'), OPTIONS))]).toEqual([7]);
    await expect.poll(() => ended).toEqual([0]);
    expect([...(await render('readiness', 'md', scenarioData('clean'), OPTIONS))]).toEqual([7]);
    expect(started).toHaveLength(2);
  });

  it('ends a thread whose render runs past the time limit, fails the render saying so, and renders the next on a fresh thread', async () => {
    const started: Worker[] = [];
    const ended: number[] = [];
    const render = createWorkerRenderer({
      // Room for the answering thread to start on a busy machine, and short enough for a test.
      timeLimitMs: 1000,
      start: () => {
        // The first thread never answers, busy for ever; the next answers at once.
        const worker = thread(`
          const { parentPort } = require('node:worker_threads');
          parentPort.on('message', () => ${started.length === 0 ? '{ for (;;); }' : 'parentPort.postMessage({ bytes: new Uint8Array([7]) })'});
        `)();
        worker.once('exit', () => ended.push(started.indexOf(worker)));
        started.push(worker);
        return worker;
      },
    });
    const stopped = render('readiness', 'md', scenarioData('clean'), OPTIONS);
    await expect(stopped).rejects.toBeInstanceOf(RenderTimeLimitError);
    await expect(stopped).rejects.toThrow('Rendering the readiness as md took longer than the 1 second a document may take, so it was stopped');
    await expect.poll(() => ended).toEqual([0]);
    expect([...(await render('readiness', 'md', scenarioData('clean'), OPTIONS))]).toEqual([7]);
    expect(started).toHaveLength(2);
  });

  it('reads no setting when loaded, so a bad ASSAY_RENDER_TIME_LIMIT_SECONDS stops no command that loads it (serve reads it)', async () => {
    const env = process.env;
    const read: string[] = [];
    process.env = new Proxy({ ...env, ASSAY_RENDER_TIME_LIMIT_SECONDS: 'soon' }, {
      get(target, name) {
        if (typeof name === 'string' && name.startsWith('ASSAY_')) read.push(name);
        return Reflect.get(target, name);
      },
    });
    try {
      vi.resetModules();
      const loaded = await import('./render-in-worker.js');
      expect(loaded.renderInWorker).toBeTypeOf('function');
    } finally {
      process.env = env;
    }
    expect(read).toEqual([]);
  });
});
