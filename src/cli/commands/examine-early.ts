/**
 * What `assay examine DIR` starts before its modules load: the threads judging the workspace's test files
 * (src/workspace/early-pool.ts), so they start and read while this thread loads the schemas and the domain. Light to
 * load: it imports neither commander nor the command.
 */
import { parseArgs } from 'node:util';
import { startTestPoolEarly } from '../../workspace/early-pool.js';

/**
 * Starts the threads for the folder the arguments after `examine` name; resolves to the means to close them unused.
 * The folder is read as the command's parser will read it: the first argument that is neither an option nor the
 * value of one. A line it misreads (or one commander refuses) costs only the head start: the loader takes threads
 * only for the folder and files it lists itself.
 */
export function startExamineEarly(args: readonly string[]): () => Promise<void> {
  const { positionals } = parseArgs({
    args: [...args],
    options: { format: { type: 'string' }, 'fail-on': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const dir = positionals[0];
  return dir === undefined ? async () => {} : startTestPoolEarly(dir);
}
