// Child process of the examine benchmark: what `assay examine` does (load, then examine) with the compiled
// code a user runs, then its peak memory.
const { loadWorkspace } = await import('../../dist/workspace/load.js');
const { examine } = await import('../../dist/domain/index.js');

const result = examine(await loadWorkspace(process.argv[2]));
process.stdout.write(JSON.stringify({ opinion: result.opinion.overall, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
