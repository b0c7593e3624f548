/** Process entry of the `assay` binary. */
import { run } from './main.js';

process.exitCode = await run(process.argv.slice(2));
