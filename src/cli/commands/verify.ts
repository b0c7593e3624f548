/** `assay verify`: recomputes the audit log's hash chain; exit 1 and the first altered event when it breaks. */
import type { Command } from 'commander';
import { OPERATOR } from '../../services/actor.js';
import { createServices } from '../../services/index.js';
import { DATABASE_OPTION_HELP, resolveDatabaseUrl, withStore } from '../database.js';
import { EXIT_OK, EXIT_PROBLEMS_FOUND } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';

const FORMATS = ['text', 'json'] as const;

export function registerVerify(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description('recompute the audit log\'s hash chain and name the first event that was altered, inserted or deleted (exit 1)')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (options: { database?: string; format: (typeof FORMATS)[number] }) => {
      const url = resolveDatabaseUrl(options.database, io);
      const report = await withStore(url, { mustExist: true }, (store) => createServices(store).integrity.verifyAuditChain(OPERATOR));
      setExit(report.firstBreak === null ? EXIT_OK : EXIT_PROBLEMS_FOUND);
      if (options.format === 'json') {
        io.out(`${JSON.stringify({ intact: report.firstBreak === null, ...report }, null, 2)}\n`);
        return;
      }
      const b = report.firstBreak;
      if (b === null) {
        io.out(`audit log intact: ${report.events} events\n`);
        return;
      }
      io.out(
        `audit log ALTERED: the chain breaks at event ${b.seq} (${b.type ?? '?'} of ${b.subject ?? '?'}${b.occurredAt ? ` at ${b.occurredAt}` : ''}): ${b.why}\n` +
          `  ${report.events} events in the log; check the database's backups and access logs for what changed\n`,
      );
    });
}
