/**
 * Reports rendered off the event loop: the API's report jobs hand the job's data to a worker thread, which renders
 * through `renderReport` (the one code path the CLI renders through in-process) and sends back the progress and the
 * bytes, so a document of a large engagement, seconds of CPU, never holds up the requests of everyone else. A
 * render that throws, or whose thread runs out of memory or stops, fails only its job. A render that runs past its
 * time limit (`assay serve` reads it from `ASSAY_RENDER_TIME_LIMIT_SECONDS`) has its thread ended and fails with a
 * {@link RenderTimeLimitError}; the next render starts a fresh thread. At most `RENDER_THREADS` render at once in a
 * process; the others wait their turn.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ValidationError, type Issue } from '../domain/index.js';
import { counted } from '../domain/words.js';
import { startWorker } from '../threads/start-worker.js';
import type { ReportData } from './documents/index.js';
import type { DocumentFormat, DocumentType, ReportOptions, renderReport } from './render-report.js';

/** One core is left to the event loop (and the database): the renders share the rest, at least one. */
export const RENDER_THREADS = Math.max(1, availableParallelism() - 1);

/**
 * How long one render may take in its thread, by default: thirty times the largest render measured (a Type 2 draft
 * of 1,000 controls of 100 samples, 3 to 4 s; docs/report-delivery.md), so busy cores never reach it, while a render
 * that would never end holds its thread, and one of the few turns, two minutes at most.
 */
export const DEFAULT_RENDER_TIME_LIMIT_MS = 120_000;

/** A render ended because it ran past its time limit: said to whoever asked for the document. */
export class RenderTimeLimitError extends Error {
  readonly limitMs: number;
  constructor(what: string, limitMs: number) {
    super(`Rendering the ${what} took longer than the ${counted(limitMs / 1000, 'second')} a document may take, so it was stopped`);
    this.name = 'RenderTimeLimitError';
    this.limitMs = limitMs;
  }
}

export interface RenderRequest {
  type: DocumentType;
  format: DocumentFormat;
  data: ReportData;
  options: Omit<ReportOptions, 'onProgress'>;
}
export interface RenderFailure {
  message: string;
  stack?: string | undefined;
  issues?: Issue[];
  summary?: string;
}
export type RenderReply = { progress: number } | { bytes: Uint8Array } | { failure: RenderFailure };

/** The worker's failure as the error the renderer threw: input it refused stays a ValidationError, said to the user. */
function thrown(failure: RenderFailure): Error {
  if (failure.issues !== undefined) return new ValidationError(failure.issues, failure.summary);
  const error = new Error(failure.message);
  if (failure.stack !== undefined) error.stack = failure.stack;
  return error;
}

/** Runs `work` once fewer than `limit` run, in the order asked; starts it at once (synchronously) when a turn is free. */
function turns(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The turn passes straight to the next in line, so none can jump the queue.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/**
 * A render's end: its bytes, or its error and whether the thread may render the next (it may after a render that
 * threw, or data that could not be sent).
 */
type Outcome = { bytes: Buffer } | { error: unknown; threadGoesOn: boolean };

function renderOnThread(worker: Worker, request: RenderRequest, onProgress: ReportOptions['onProgress'], timeLimitMs: number): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const end = (outcome: Outcome) => {
      clearTimeout(timer);
      worker.off('message', message).off('error', broke).off('messageerror', broke).off('exit', exited);
      resolve(outcome);
    };
    // Counted from the hand-over, not from the request: the wait for a turn is not the render's.
    const timer = setTimeout(() => end({ error: new RenderTimeLimitError(`${request.type} as ${request.format}`, timeLimitMs), threadGoesOn: false }), timeLimitMs);
    const message = (reply: RenderReply) => {
      if ('progress' in reply) onProgress?.(reply.progress);
      else if ('bytes' in reply) end({ bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength) });
      else end({ error: thrown(reply.failure), threadGoesOn: true });
    };
    const broke = (error: unknown) => end({ error, threadGoesOn: false });
    const exited = (code: number) => broke(new Error(`The thread rendering the ${request.type} as ${request.format} stopped (exit code ${code}) before it finished`));
    worker.on('message', message).on('error', broke).on('messageerror', broke).on('exit', exited);
    try {
      // Structured clone: the data's Maps, Dates and Buffers arrive as they are; a function in them is refused here.
      worker.postMessage(request);
    } catch (error) {
      end({ error, threadGoesOn: true });
    }
  });
}

/** How long a thread waits for the next render before it is ended, its memory given back. */
export const IDLE_THREAD_MS = 60_000;

/**
 * A renderer with `renderReport`'s signature that renders in worker threads, at most `threads` at once. A thread is
 * kept for the next render once done (loading the renderers costs a thread a second or so) until it has waited
 * `idleMs`, and ended when it broke or its render ran past `timeLimitMs`. `start` starts a thread (replaced in tests
 * by one that misbehaves).
 */
export function createWorkerRenderer(options: { threads?: number; idleMs?: number; timeLimitMs?: number; start?: () => Worker } = {}): typeof renderReport {
  const inTurn = turns(options.threads ?? RENDER_THREADS);
  /** Threads waiting for the next render, each with the timer that ends it. */
  const idle = new Map<Worker, NodeJS.Timeout>();
  const start = () => {
    const worker = options.start?.() ?? startWorker(import.meta.url, 'render-worker');
    // A thread that breaks is told to the render under way, if any, and is no longer kept.
    worker.on('error', () => undefined).once('exit', () => take(worker));
    return worker;
  };
  const take = (worker: Worker) => {
    clearTimeout(idle.get(worker));
    idle.delete(worker);
  };
  const keep = (worker: Worker) => {
    // A thread rendering keeps the process alive (the CLI, a benchmark); one waiting for work does not.
    worker.unref();
    const end = () => {
      // Out of the kept ones first, so no render is handed a thread on its way out.
      take(worker);
      void worker.terminate();
    };
    idle.set(worker, setTimeout(end, options.idleMs ?? IDLE_THREAD_MS).unref());
  };
  return (type, format, data, { onProgress, ...rest }) =>
    inTurn(async () => {
      const [kept] = idle.keys();
      const worker = kept ?? start();
      take(worker);
      worker.ref();
      const outcome = await renderOnThread(worker, { type, format, data, options: rest }, onProgress, options.timeLimitMs ?? DEFAULT_RENDER_TIME_LIMIT_MS);
      if ('bytes' in outcome || outcome.threadGoesOn) keep(worker);
      // Ended before the turn passes on: a render past its limit may still be holding a core.
      else await worker.terminate();
      if ('bytes' in outcome) return outcome.bytes;
      throw outcome.error;
    });
}

/**
 * The process's renderer, with the default time limit: its threads shared by every report job of every organisation
 * (a server given another limit builds its own).
 */
export const renderInWorker = createWorkerRenderer();
