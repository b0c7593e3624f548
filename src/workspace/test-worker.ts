/**
 * A worker thread of test-pool.ts: claims chunks of test files from the counter the threads share, reads and judges
 * each file (test-file.ts), and sends back the judged test, its samples as columns, or the text of a file the main
 * thread must judge whole.
 */
import { parentPort } from 'node:worker_threads';
import { judgeTestFileAt, packTest } from './test-file.js';
import { NEXT, TAKING, type ChunkResult, type PoolRequest, type TestFileResult } from './test-pool.js';

function judge(file: string): TestFileResult {
  const result = judgeTestFileAt(file);
  return 'judged' in result ? { packed: packTest(result.judged) } : result;
}

parentPort?.once('message', ({ chunks, counters, ahead }: PoolRequest) => {
  for (let chunk = Atomics.add(counters, NEXT, 1); chunk < chunks.length; chunk = Atomics.add(counters, NEXT, 1)) {
    // Memory stays bounded: no further than `ahead` chunks past the one the main thread is taking from.
    for (let taking = Atomics.load(counters, TAKING); chunk >= taking + ahead; taking = Atomics.load(counters, TAKING)) {
      Atomics.wait(counters, TAKING, taking);
    }
    parentPort?.postMessage({ chunk, results: (chunks[chunk] as string[]).map(judge) } satisfies ChunkResult);
  }
});
