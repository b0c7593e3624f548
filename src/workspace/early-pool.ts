/**
 * The test files' threads started as soon as a command line names a workspace, before the command's own modules load
 * (the schemas, the domain, the positional parser): the threads start and read while this one loads. The loader
 * takes them only for the same folder and the very files it lists itself; otherwise they are closed unseen.
 */
import { listYamlTree } from './list.js';
import { POOL_FROM_TESTS, startTestPool, type TestPool } from './test-pool.js';

interface EarlyPool {
  dir: string;
  /** The pool and the files it was given; null for a workspace too small for threads, or a folder not listed. */
  started: Promise<{ files: string[]; pool: TestPool } | null>;
}

let early: EarlyPool | null = null;

/** Lists `dir/tests` and starts judging its files; returns the means to close them if no loader takes them. */
export function startTestPoolEarly(dir: string): () => Promise<void> {
  const mine: EarlyPool = {
    dir,
    // Whatever goes wrong here only costs the head start: the loader lists and reads the folder itself.
    started: listYamlTree(dir, 'tests')
      .then((files) => (files.length >= POOL_FROM_TESTS ? { files, pool: startTestPool(files) } : null))
      .catch(() => null),
  };
  early = mine;
  return async () => {
    if (early === mine) early = null;
    else return;
    await (await mine.started)?.pool.close();
  };
}

/**
 * The pool started early for this folder and these files, in this order, or null (none, or another one, which is
 * closed: a loader that lists other files than the early listing judges what it lists).
 */
export async function takeEarlyTestPool(dir: string, files: readonly string[]): Promise<TestPool | null> {
  const taken = early;
  early = null;
  const started = await taken?.started;
  if (!taken || !started) return null;
  if (taken.dir === dir && started.files.length === files.length && started.files.every((f, i) => f === files[i])) return started.pool;
  await started.pool.close();
  return null;
}
