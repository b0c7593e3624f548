/**
 * Test files read, parsed and judged on their own in worker threads, one per core, while the main thread reads the
 * controls: the bulk of a large workspace is its tests and their samples. A worker hands back plain values (the
 * judged test, its samples packed as columns), or the text of a file with anything wrong in it, which the main
 * thread parses and judges as ever, so every message and its order stay those of one thread.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { unpackTest, type JudgedTest, type PackedTest } from './test-file.js';

/** From how many test files the threads pay for starting (a few tens of milliseconds each). */
export const POOL_FROM_TESTS = 256;
/** At most this many threads: past it each adds more start-up and memory than it saves on a 9 MB workspace. */
const MAX_WORKERS = 8;
/** Files a worker is sent at a time: few messages, and little held when the main thread is behind. */
const CHUNK = 32;
/** Chunks sent ahead of the one the main thread is taking from, so memory stays bounded. */
const AHEAD_PER_WORKER = 3;

export interface ChunkRequest {
  chunk: number;
  files: string[];
}
/** A file judged without a problem, or its text (null when it could not be read there). */
export type TestFileResult = { packed: PackedTest } | { text: string | null };
export interface ChunkResult {
  chunk: number;
  results: TestFileResult[];
}

export type TestFileOutcome = { file: string; judged: JudgedTest } | { file: string; text: string };

/**
 * A worker judging test files: the compiled module, or under the test runner, which runs the TypeScript sources,
 * the source through tsx's loader (a worker does not take the main thread's).
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./test-worker.js', import.meta.url));
  const source = JSON.stringify(new URL('./test-worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); });`, { eval: true });
}

/** The test files' outcomes, in the order given; close it whatever happens, or its threads keep the process alive. */
export interface TestPool extends AsyncIterable<TestFileOutcome> {
  close(): Promise<void>;
}

/** Starts judging the files at once, so the threads work while the main thread does something else. */
export function startTestPool(files: readonly string[], workers = Math.min(availableParallelism(), MAX_WORKERS)): TestPool {
  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += CHUNK) chunks.push(files.slice(i, i + CHUNK));
  const pool = Array.from({ length: Math.max(1, Math.min(workers, chunks.length)) }, startWorker);
  const done = new Map<number, TestFileResult[]>();
  const idle: Worker[] = [];
  let sent = 0;
  let taking = 0;
  let closing = false;
  // Set by the workers' events, so declared wider than their first values.
  let failure = null as { error: unknown } | null;
  let wake = null as (() => void) | null;
  const send = (worker: Worker) => {
    if (sent < chunks.length && sent < taking + pool.length * AHEAD_PER_WORKER) {
      worker.postMessage({ chunk: sent, files: chunks[sent] as string[] } satisfies ChunkRequest);
      sent++;
    } else idle.push(worker);
  };
  const woken = () => {
    wake?.();
    wake = null;
  };
  for (const worker of pool) {
    worker.on('message', ({ chunk, results }: ChunkResult) => {
      done.set(chunk, results);
      send(worker);
      woken();
    });
    worker.on('error', (error) => {
      failure ??= { error };
      woken();
    });
    worker.on('exit', (code) => {
      if (!closing) failure ??= { error: new Error(`a worker judging test files stopped (exit code ${code})`) };
      woken();
    });
    // Two chunks each, so a worker never waits for the main thread to send the next.
    send(worker);
    send(worker);
  }

  async function* outcomes(): AsyncGenerator<TestFileOutcome> {
    for (; taking < chunks.length; taking++) {
      let results: TestFileResult[] | undefined;
      while ((results = done.get(taking)) === undefined) {
        if (failure) throw failure.error;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      done.delete(taking);
      for (const worker of idle.splice(0)) send(worker);
      const names = chunks[taking] as string[];
      for (let i = 0; i < names.length; i++) {
        const file = names[i] as string;
        const result = results[i] as TestFileResult;
        if ('packed' in result) yield { file, judged: unpackTest(result.packed) };
        else yield { file, text: result.text ?? readFileSync(file, 'utf8') };
      }
    }
  }

  return {
    [Symbol.asyncIterator]: outcomes,
    async close() {
      closing = true;
      await Promise.all(pool.map((worker) => worker.terminate()));
    },
  };
}
