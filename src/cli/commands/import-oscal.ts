/** `assay import-oscal FILE`: findings from OSCAL assessment results or a POA&M into an engagement, all or nothing. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ValidationError } from '../../domain/index.js';
import { OPERATOR } from '../../services/platform/actor.js';
import { createServices } from '../../services/index.js';
import { DATABASE_OPTION_HELP, resolveDatabaseUrl, withStore } from '../database.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';

const FORMATS = ['text', 'json'] as const;

export function registerImportOscal(program: Command, io: CliIO): void {
  program
    .command('import-oscal')
    .description("add findings from an OSCAL 1.1.3 assessment-results or plan-of-action-and-milestones JSON document to an engagement, in one transaction (NIST's examples, another tool's, or Assay's own)")
    .argument('<file>', 'the OSCAL JSON document')
    .requiredOption('--organization <slug>', 'the organisation')
    .option('--engagement <name-or-id>', 'the engagement (needed when the organisation has more than one)')
    .option('--database <url>', DATABASE_OPTION_HELP)
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (file: string, options: { organization: string; engagement?: string; database?: string; format: (typeof FORMATS)[number] }) => {
      // Read before the database is opened: a file that is not there writes nothing, and says so plainly.
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new ValidationError([{ location: file, message: error.code === 'ENOENT' ? 'no such file' : error.message }], 'Cannot read the document');
      });
      const url = resolveDatabaseUrl(options.database, io);
      const { engagement, outcome } = await withStore(url, { mustExist: true }, async (store) => {
        const services = createServices(store);
        const found = await services.workspace.findEngagement(OPERATOR, {
          organizationSlug: options.organization,
          ...(options.engagement !== undefined && { engagement: options.engagement }),
        });
        return { engagement: found.engagement, outcome: await services.oscal.importFindings(OPERATOR, found.organization.id, found.engagement.id, text) };
      });
      if (options.format === 'json') {
        io.out(`${JSON.stringify({ engagement: { id: engagement.id, name: engagement.name }, ...outcome }, null, 2)}\n`);
      } else {
        io.out(
          `Imported ${outcome.created.length} findings from ${file} into "${engagement.name}": ${outcome.created.join(', ') || 'none'}` +
            `${outcome.rootCauses.length > 0 ? `; root causes ${outcome.rootCauses.join(', ')}` : ''}\n`,
        );
      }
      for (const warning of outcome.warnings) io.err(`warning: ${warning}\n`);
      const unshown = outcome.warningCount - outcome.warnings.length;
      if (unshown > 0) io.err(`warning: and ${unshown} more like these\n`);
    });
}
