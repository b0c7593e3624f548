/** `assay root-cause add`: a root cause written on its own, for findings to be traced to later (as the root causes page does). */
import type { Command } from 'commander';
import { ROOT_CAUSE_CATEGORIES, ValidationError, type Issue, type RootCauseCategory } from '../../domain/index.js';
import { MAX_LIST_LENGTH, MAX_TEXT_LENGTH } from '../../domain/limits.js';
import { actingOn, engagementOptions, type EngagementOptions } from '../acting.js';
import { resolveDatabaseUrl, withStore } from '../database.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';

const FORMATS = ['text', 'json'] as const;

interface Options extends EngagementOptions {
  id?: string;
  title: string;
  category: RootCauseCategory;
  why?: string[];
  format: (typeof FORMATS)[number];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** What the API would refuse in a root cause's texts, named by option (and the why's place). */
function textIssues(options: Options, whys: string[]): Issue[] {
  const issues: Issue[] = [];
  const check = (value: string, location: string) => {
    if (value.trim() === '') issues.push({ location, message: 'must not be empty' });
    else if (value.length > MAX_TEXT_LENGTH) issues.push({ location, message: `at most ${MAX_TEXT_LENGTH} characters (${value.length} given)` });
  };
  check(options.title, '--title');
  if (whys.length === 0) issues.push({ location: '--why', message: 'give at least one why, from the symptom down to the cause (repeat --why)' });
  if (whys.length > MAX_LIST_LENGTH) issues.push({ location: '--why', message: `at most ${MAX_LIST_LENGTH} whys (${whys.length} given)` });
  whys.forEach((why, i) => check(why, `--why (${i + 1})`));
  return issues;
}

export function registerRootCause(program: Command, io: CliIO): void {
  const group = program.command('root-cause').description('root causes of an engagement, for findings to be traced to');
  engagementOptions(
    group
      .command('add')
      .description('write a root cause on its own (compliance, an admin or the auditor); its code defaults to the next RC-<n>')
      .requiredOption('--title <text>', 'what the cause is, in a line')
      .requiredOption('--category <category>', `one of ${ROOT_CAUSE_CATEGORIES.join(', ')}`, choice(ROOT_CAUSE_CATEGORIES))
      .option('--why <text>', 'one of the 5 whys, from the symptom down to the cause (repeat it, in order)', collect)
      .option('--id <code>', 'its code, e.g. RC-HR (default: the next RC-<n>)'),
  )
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (options: Options) => {
      const whys = options.why ?? [];
      const issues = textIssues(options, whys);
      if (issues.length > 0) throw new ValidationError(issues, 'The root cause cannot be written');
      const created = await withStore(resolveDatabaseUrl(options.database, io), { mustExist: true }, async (store) => {
        const { services, actor, organization, engagement } = await actingOn(store, io, options);
        return services.findings.createRootCause(actor, organization.id, engagement.id, {
          title: options.title.trim(),
          category: options.category,
          whys: whys.map((w) => w.trim()),
          ...(options.id !== undefined && { id: options.id }),
        });
      });
      io.out(options.format === 'json' ? `${JSON.stringify(created, null, 2)}\n` : `Root cause ${created.id} written: ${created.title}\n`);
    });
}
