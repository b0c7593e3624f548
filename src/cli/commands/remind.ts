/**
 * `assay remind`: sends the corrective-action reminders of every engagement whose plan has a webhook, for cron.
 * One line per engagement; exit 1 when any delivery failed, so the scheduler's own alerting notices. Webhooks go
 * only where the instance allows (ASSAY_WEBHOOK_ALLOW_PRIVATE, ASSAY_WEBHOOK_ALLOW); why one failed is on stderr.
 */
import type { Command } from 'commander';
import { OPERATOR } from '../../services/platform/actor.js';
import { createServices } from '../../services/index.js';
import type { EngagementReminder } from '../../services/remediation/remediation-service.js';
import { DATABASE_OPTION_HELP, resolveDatabaseUrl, withStore } from '../database.js';
import { EXIT_OK, EXIT_PROBLEMS_FOUND } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';
import { servicesWithWebhooks } from '../webhooks.js';

const FORMATS = ['text', 'json'] as const;

export function registerRemind(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('remind')
    .description("send every engagement's reminder of overdue and due-soon corrective actions to its plan's webhook (exit 1 if a delivery failed)")
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (options: { database?: string; format: (typeof FORMATS)[number] }) => {
      const url = resolveDatabaseUrl(options.database, io);
      const dependencies = servicesWithWebhooks(io);
      const reminders = await withStore(url, { mustExist: true }, (store) => createServices(store, dependencies).remediation.sendAllReminders(OPERATOR));
      const failed = reminders.filter((r) => r.outcome.delivery === 'failed');
      setExit(failed.length > 0 ? EXIT_PROBLEMS_FOUND : EXIT_OK);
      if (options.format === 'json') {
        io.out(`${JSON.stringify({ reminders, failed: failed.length }, null, 2)}\n`);
        return;
      }
      if (reminders.length === 0) {
        io.out('No engagement has a reminder webhook: set one in its corrective action plan.\n');
        return;
      }
      io.out(reminders.map(line).join(''));
    });
}

function line({ engagementName, engagementId, outcome }: EngagementReminder): string {
  const what = `${engagementName} (${engagementId})`;
  const due = `${outcome.overdue} overdue, ${outcome.dueSoon} due soon`;
  switch (outcome.delivery) {
    case 'failed':
      return `FAILED   ${what}: ${due}, not delivered (why: above, on stderr)\n`;
    case 'nothing_to_send':
      return `nothing  ${what}: no action overdue or due soon, no reminder sent\n`;
    case 'delivered':
      return `sent     ${what}: ${due}\n`;
  }
}
