/**
 * A worker thread of test-pool.ts: reads each test file it is sent, reads it the fast way and judges it on its own,
 * and sends back the judged test, or the text of a file the main thread must judge: anything wrong in it, a file
 * only the positional parser reads or a line only it can find (this thread does not load it), a file it cannot read.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { fastSource } from './fast-source.js';
import { judgeTestFile, packTest } from './test-file.js';
import type { ChunkRequest, ChunkResult, TestFileResult } from './test-pool.js';
import { readYamlFast } from './yaml-fast.js';

/** A line only the positional parser can find: the file goes to the main thread. */
class PositionalParserNeeded extends Error {}

function judge(file: string): TestFileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // The main thread reads it again, and fails as it would have.
    return { text: null };
  }
  const value = readYamlFast(text);
  if (value === undefined) return { text };
  try {
    const judged = judgeTestFile(
      fastSource(file, text, value, () => {
        throw new PositionalParserNeeded();
      }),
    );
    return judged ? { packed: packTest(judged) } : { text };
  } catch (error) {
    if (error instanceof PositionalParserNeeded) return { text };
    throw error;
  }
}

parentPort?.on('message', ({ chunk, files }: ChunkRequest) => {
  parentPort?.postMessage({ chunk, results: files.map(judge) } satisfies ChunkResult);
});
