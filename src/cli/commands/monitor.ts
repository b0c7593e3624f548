/**
 * `assay monitor run DIR` tests every item of the workspace's exports against its checks (DESIGN §8);
 * `assay monitor checks` lists the built-in checks with their parameters.
 */
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { BUILTIN_CHECKS, isRealDate, isoDate, ValidationError, type MonitoringReport } from '../../domain/index.js';
import type { ProgressListener } from '../../monitoring/run.js';
import { runChecks } from '../../monitoring/run.js';
import { checkDates } from '../../workspace/checks.js';
import { renderMonitoringJunit } from '../../reports/monitoring-junit.js';
import { loadWorkspaceWithChecks } from '../../workspace/load.js';
import { EXIT_OK, EXIT_PROBLEMS_FOUND } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';
import { renderBuiltinsText, renderMonitoringText } from '../render-monitoring.js';

const FORMATS = ['text', 'json', 'junit'] as const;
const LIST_FORMATS = ['text', 'json'] as const;
/** Sources smaller than this read too fast for a progress bar to help. */
const PROGRESS_FROM_BYTES = 8 * 1024 * 1024;

interface RunOptions {
  asOf?: string;
  check?: string;
  format: (typeof FORMATS)[number];
  failOnFailures?: boolean;
}

export function registerMonitor(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const monitor = program.command('monitor').description('continuous monitoring: every item of the exports in evidence/ tested against the checks in checks/');
  monitor
    .command('run')
    .description('run the workspace’s checks as of a date and report each check’s population and failing items')
    .argument('<dir>', 'workspace folder (assay.yaml, checks/, evidence/)')
    .option('--as-of <date>', 'the date the checks run as of, YYYY-MM-DD (default: today, in UTC)', asOfDate)
    .option('--check <id>', 'run only this check')
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .option('--fail-on-failures', 'exit 1 when a check fails or cannot be evaluated')
    .action(async (dir: string, options: RunOptions) => {
      const { examination, checks } = await loadWorkspaceWithChecks(dir);
      const selected = options.check === undefined ? checks : checks.filter((c) => c.id === options.check);
      if (options.check !== undefined && selected.length === 0) {
        throw new ValidationError([{ location: dir, message: `no check "${options.check}" in checks/ (checks: ${checks.map((c) => c.id).join(', ') || 'none'})` }], 'Nothing to run');
      }
      const asOf = options.asOf ?? isoDate(new Date());
      const progress = io.errIsTTY ? progressBar() : undefined;
      const runs = await runChecks(selected, { dates: checkDates(examination.engagement, asOf), ...(progress && { progress }) });
      const report: MonitoringReport = { asOf, checks: runs.map((r) => r.result) };
      if (options.format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
      else if (options.format === 'junit') io.out(renderMonitoringJunit(report));
      else io.out(renderMonitoringText(report, io.isTTY));
      const found = report.checks.some((c) => c.status === 'fail' || c.status === 'error');
      setExit(options.failOnFailures && found ? EXIT_PROBLEMS_FOUND : EXIT_OK);
    });
  monitor
    .command('checks')
    .description('list the built-in checks with their sources, parameters and defaults')
    .option('--format <format>', `output: ${LIST_FORMATS.join(' | ')}`, choice(LIST_FORMATS), 'text')
    .action((options: { format: (typeof LIST_FORMATS)[number] }) => {
      if (options.format === 'text') {
        io.out(renderBuiltinsText(BUILTIN_CHECKS, io.isTTY));
        return;
      }
      const listed = BUILTIN_CHECKS.map((c) => ({
        name: c.name,
        description: c.description,
        sources: c.sources.map((s) => ({ name: s.name, formats: s.formats, description: s.description })),
        params: c.params.map((p) => ({ name: p.name, description: p.description, default: p.default })),
      }));
      io.out(`${JSON.stringify(listed, null, 2)}\n`);
    });
}

function asOfDate(value: string): string {
  if (!isRealDate(value)) throw new InvalidArgumentError('must be a real date written YYYY-MM-DD');
  return value;
}

/** A bar per check on stderr, shown only for sources large enough to take a while. */
function progressBar(): ProgressListener {
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(check, totalBytes) {
      if (totalBytes < PROGRESS_FROM_BYTES) return;
      bar = new cliProgress.SingleBar(
        { format: `${check} [{bar}] {percentage}% · eta {eta}s`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(totalBytes, 0);
    },
    advance(bytes) {
      bar?.increment(bytes);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
