/**
 * Test files read, parsed and judged on their own in worker threads, one per core but the main thread's, while the
 * main thread loads and reads the controls; once it has, the main thread judges chunks too rather than wait: the bulk
 * of a large workspace is its tests and their samples. Each thread claims the next chunk from a counter they share, so
 * a worker never waits for the main thread to hand it work. A worker hands back plain values (the judged test, its
 * samples packed as columns), or the text of a file with anything wrong in it, which the main thread parses and
 * judges as ever, so every message and its order stay those of one thread.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { startWorker } from '../threads/start-worker.js';
import { judgeTestFileAt, unpackTest, type JudgedTest, type PackedTest } from './test-file.js';

/** From how many test files the threads pay for starting (a few tens of milliseconds each). */
export const POOL_FROM_TESTS = 256;
/** At most this many threads: past it each adds more start-up and memory than it saves on a 9 MB workspace. */
const MAX_WORKERS = 8;
/** Files judged at a time: few messages, and little held when the main thread is behind. */
const CHUNK = 32;
/**
 * How many chunks past the one the main thread is taking from may be claimed, so memory stays bounded: enough that
 * the workers, started before the command's modules load, need not wait while the main thread loads them and reads
 * the controls (a judged chunk is its samples as columns, some tens of kilobytes, values the Examination holds in the
 * end anyway; texts only for files with a problem).
 */
const AHEAD = 64;

/** The shared counters' places: the next chunk to claim, and the chunk the main thread is taking from. */
export const NEXT = 0;
export const TAKING = 1;

/** What a worker is sent once: every chunk, and the counters every thread claims from. */
export interface PoolRequest {
  chunks: string[][];
  counters: Int32Array;
  ahead: number;
}
/** A file judged without a problem, or its text (null when it could not be read there). */
export type TestFileResult = { packed: PackedTest } | { text: string | null };
/** A file's result as the main thread holds it: a worker's, or its own judgement of the file. */
type HeldResult = TestFileResult | { judged: JudgedTest };
export interface ChunkResult {
  chunk: number;
  results: TestFileResult[];
}

export type TestFileOutcome = { file: string; judged: JudgedTest } | { file: string; text: string };

/** The test files' outcomes, in the order given; close it whatever happens, or its threads keep the process alive. */
export interface TestPool extends AsyncIterable<TestFileOutcome> {
  close(): Promise<void>;
}

/**
 * Starts judging the files at once, so the threads work while the main thread does something else; by default one
 * thread fewer than the cores, as the main thread judges chunks too once its own work is done.
 */
export function startTestPool(files: readonly string[], workers = Math.min(availableParallelism() - 1, MAX_WORKERS)): TestPool {
  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += CHUNK) chunks.push(files.slice(i, i + CHUNK));
  const counters = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const pool = Array.from({ length: Math.max(1, Math.min(workers, chunks.length)) }, () => startWorker(import.meta.url, 'test-worker'));
  const done = new Map<number, HeldResult[]>();
  let closing = false;
  // Set by the workers' events, so declared wider than their first values.
  let failure = null as { error: unknown } | null;
  let wake = null as (() => void) | null;
  const woken = () => {
    wake?.();
    wake = null;
  };
  for (const worker of pool) {
    worker.on('message', ({ chunk, results }: ChunkResult) => {
      done.set(chunk, results);
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
    worker.postMessage({ chunks, counters, ahead: AHEAD } satisfies PoolRequest);
  }
  /** Lets the workers claim chunks up to AHEAD past this one. */
  const take = (chunk: number) => {
    Atomics.store(counters, TAKING, chunk);
    Atomics.notify(counters, TAKING);
  };

  async function* outcomes(): AsyncGenerator<TestFileOutcome> {
    for (let taking = 0; taking < chunks.length; taking++) {
      take(taking);
      let results: HeldResult[] | undefined;
      while ((results = done.get(taking)) === undefined) {
        if (failure) throw failure.error;
        if (Atomics.load(counters, NEXT) < chunks.length) {
          // The workers' messages first (yielding to the consumer never lets them in), then a chunk no thread has
          // claimed, judged here where this thread would otherwise wait for the workers.
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (done.has(taking)) continue;
          const chunk = Atomics.add(counters, NEXT, 1);
          if (chunk < chunks.length) done.set(chunk, (chunks[chunk] as string[]).map(judgeTestFileAt));
        } else await new Promise<void>((resolve) => (wake = resolve));
      }
      done.delete(taking);
      const names = chunks[taking] as string[];
      for (let i = 0; i < names.length; i++) {
        const file = names[i] as string;
        const result = results[i] as HeldResult;
        if ('packed' in result) yield { file, judged: unpackTest(result.packed) };
        else if ('judged' in result) yield { file, judged: result.judged };
        else yield { file, text: result.text ?? readFileSync(file, 'utf8') };
      }
    }
  }

  return {
    [Symbol.asyncIterator]: outcomes,
    async close() {
      closing = true;
      // A worker waiting for the main thread to catch up is woken to find nothing left to claim.
      Atomics.store(counters, NEXT, chunks.length);
      take(chunks.length);
      await Promise.all(pool.map((worker) => worker.terminate()));
    },
  };
}
