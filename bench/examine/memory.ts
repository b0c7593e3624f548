/** Child process of the examine benchmark: load and examine one workspace, then report peak memory. */
import { examine } from '../../src/domain/index.js';
import { loadWorkspace } from '../../src/workspace/load.js';

const result = examine(await loadWorkspace(process.argv[2] as string));
process.stdout.write(JSON.stringify({ opinion: result.opinion.overall, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
