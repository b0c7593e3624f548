// Child process of the monitoring benchmark: `assay monitor run` on one check, as a user runs it, then its peak memory.
import { run } from '../../src/cli/main.js';

const [dir, check, asOf] = process.argv.slice(2) as [string, string, string];
let output = '';
const code = await run(['monitor', 'run', dir, '--check', check, '--as-of', asOf, '--format', 'json'], {
  out: (t) => void (output += t),
  err: (t) => void process.stderr.write(t),
  isTTY: false,
});
const report = JSON.parse(output) as { checks: { population: number; failures: number }[] };
process.stdout.write(JSON.stringify({ code, population: report.checks[0]?.population, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
