// Preloaded (`node --import`) into the spawned `assay examine` of the examine benchmark: its peak memory, on stderr,
// as it exits.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `\npeak-rss-bytes ${process.resourceUsage().maxRSS * 1024}\n`));
