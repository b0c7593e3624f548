/**
 * `assay engagement archive|restore|purge` and `assay control archive|restore|purge`: the operator's way to the
 * archive service. Archiving keeps the work, read-only; purging deletes it after writing its whole record into
 * the audit log, and asks for `--yes`.
 */
import type { Command } from 'commander';
import { ValidationError } from '../../domain/index.js';
import { OPERATOR } from '../../services/platform/actor.js';
import type { Purged } from '../../services/engagements/archive-service.js';
import { createServices, type Services } from '../../services/index.js';
import type { Organization } from '../../store/organizations-repository.js';
import type { StoredEngagement } from '../../store/engagements-repository.js';
import { DATABASE_OPTION_HELP, resolveDatabaseUrl, withStore } from '../database.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';

const FORMATS = ['text', 'json'] as const;
const ACTIONS = ['archive', 'restore', 'purge'] as const;
type ArchiveAction = (typeof ACTIONS)[number];

interface Options {
  organization: string;
  engagement?: string;
  control?: string;
  yes?: boolean;
  database?: string;
  format: (typeof FORMATS)[number];
}

interface Target {
  services: Services;
  organization: Organization;
  engagement: StoredEngagement;
}

const DONE: Record<ArchiveAction, string> = { archive: 'Archived', restore: 'Restored', purge: 'Purged' };

/** Registers `assay <noun> archive|restore|purge`, each running `act` on the engagement found. */
function registerGroup(program: Command, io: CliIO, noun: 'engagement' | 'control', act: (action: ArchiveAction, target: Target, options: Options) => Promise<{ what: string; result: unknown }>): void {
  const group = program.command(noun).description(`archive a${noun === 'engagement' ? 'n engagement' : ' control'} (kept, read-only), restore it, or purge it (deleted, its record kept in the audit log)`);
  for (const action of ACTIONS) {
    const command = group
      .command(action)
      .description(
        action === 'purge'
          ? `delete an archived ${noun} after writing its whole record into the audit log (needs --yes)`
          : `${action} the ${noun}${action === 'restore' ? ' (it must be archived)' : ''}`,
      )
      .requiredOption('--organization <slug>', 'the organisation')
      .option('--engagement <name-or-id>', 'the engagement (needed when the organisation has more than one)');
    if (noun === 'control') command.requiredOption('--control <id>', 'the control, e.g. AC-04');
    if (action === 'purge') command.option('--yes', 'yes, delete it: only its record in the audit log remains');
    command
      .option('--database <url>', DATABASE_OPTION_HELP)
      .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
      .action(async (options: Options) => {
        if (action === 'purge' && !options.yes) {
          throw new ValidationError([{ location: '--yes', message: 'a purge deletes for good (its record stays in the audit log): add --yes' }], 'Not purged');
        }
        const url = resolveDatabaseUrl(options.database, io);
        const { what, result } = await withStore(url, { mustExist: true }, async (store) => {
          const services = createServices(store);
          const found = await services.workspace.findEngagement(OPERATOR, {
            organizationSlug: options.organization,
            ...(options.engagement !== undefined && { engagement: options.engagement }),
          });
          return act(action, { services, ...found }, options);
        });
        if (options.format === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
        else io.out(`${DONE[action]} ${what}${action === 'purge' ? `: its record (${(result as Purged).recordBytes} bytes) is in the audit event` : ''}\n`);
      });
  }
}

export function registerArchive(program: Command, io: CliIO): void {
  registerGroup(program, io, 'engagement', async (action, { services: { archive }, organization, engagement }) => {
    const act = { archive: archive.archiveEngagement, restore: archive.restoreEngagement, purge: archive.purgeEngagement }[action];
    const result = await act(OPERATOR, organization.id, engagement.id, engagement.version);
    return { what: `the engagement "${engagement.name}" of ${organization.slug}`, result };
  });
  registerGroup(program, io, 'control', async (action, { services: { archive, controls }, organization, engagement }, options) => {
    const code = options.control as string;
    const control = await controls.get(OPERATOR, organization.id, engagement.id, code);
    const act = { archive: archive.archiveControl, restore: archive.restoreControl, purge: archive.purgeControl }[action];
    const result = await act(OPERATOR, organization.id, engagement.id, code, control.version);
    return { what: `control ${code} of "${engagement.name}"`, result };
  });
}
