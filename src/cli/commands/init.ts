/**
 * `assay init DIR`: a new workspace folder (assay.yaml, controls/, tests/), with `--starter` the starter control set
 * tailored by the same four answers as the setup page (docs/starter-sets.md). Settings are checked as the API checks
 * them; bad input writes nothing (exit 2).
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { CATEGORIES, DEFAULT_PERVASIVENESS, DEFAULT_SAMPLING, isRealDate, REPORT_TYPES, ValidationError, type Category, type Engagement, type ReportType } from '../../domain/index.js';
import { starterControls } from '../../domain/starter/index.js';
import { checkEngagementSettings, normalizeCategories, settingsOf } from '../../services/engagements/engagements-service.js';
import { writeWorkspace } from '../../workspace/write.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';

interface InitOptions {
  organization: string;
  system: string;
  type: ReportType;
  periodStart?: string;
  periodEnd: string;
  categories: Category[];
  starter?: boolean;
  cloudProvider?: boolean;
  personalData?: boolean;
  hrSystem?: boolean;
  developsSoftware?: boolean;
}

/** The option each engagement setting comes from, for messages. */
const OPTION_OF: Record<string, string> = { $: '--type', '$.periodStart': '--period-start', '$.periodEnd': '--period-end' };

function date(value: string): string {
  if (!isRealDate(value)) throw new InvalidArgumentError('must be a real date written YYYY-MM-DD');
  return value;
}

function categories(value: string): Category[] {
  const given = value.split(',').map((c) => c.trim()).filter(Boolean);
  const unknown = given.find((c) => !(CATEGORIES as readonly string[]).includes(c));
  if (unknown !== undefined) throw new InvalidArgumentError(`"${unknown}" is not one of ${CATEGORIES.join(', ')}`);
  return given as Category[];
}

export function registerInit(program: Command, io: CliIO): void {
  program
    .command('init')
    .description('write a new workspace folder: assay.yaml, and with --starter the starter controls mapped to every in-scope criterion')
    .argument('<dir>', 'the folder to create (must be empty or missing)')
    .requiredOption('--organization <name>', 'the service organisation')
    .requiredOption('--system <name>', 'the system examined')
    .option('--type <type>', `report type: ${REPORT_TYPES.join(' | ')}`, choice(REPORT_TYPES), 'type2')
    .option('--period-start <date>', 'type2: the first day of the period (YYYY-MM-DD)', date)
    .requiredOption('--period-end <date>', 'type2: the last day of the period; type1: the "as of" date (YYYY-MM-DD)', date)
    .option('--categories <list>', `comma-separated, security always in: ${CATEGORIES.join(', ')}`, categories, ['security'] as Category[])
    .option('--starter', 'add the starter control set, tailored by the four answers below')
    .option('--cloud-provider', 'starter: the system runs on a cloud provider')
    .option('--personal-data', "starter: it holds customers' personal data")
    .option('--hr-system', 'starter: people are kept in an HR system')
    .option('--develops-software', 'starter: the organisation develops its own software')
    .action(async (dir: string, options: InitOptions) => {
      const engagement: Engagement = {
        organization: options.organization,
        system: options.system,
        reportType: options.type,
        periodStart: options.periodStart ?? null,
        periodEnd: options.periodEnd,
        categories: normalizeCategories(options.categories),
        notApplicable: [],
        sampling: DEFAULT_SAMPLING,
        pervasiveness: DEFAULT_PERVASIVENESS,
        misstatements: [],
      };
      const issues = checkEngagementSettings(settingsOf(engagement, options.system));
      if (issues.length > 0) {
        throw new ValidationError(issues.map((i) => ({ ...i, location: OPTION_OF[i.location] ?? i.location })), 'Cannot write the workspace');
      }
      const answers = { cloudProvider: options.cloudProvider ?? false, personalData: options.personalData ?? false, hrSystem: options.hrSystem ?? false, developsSoftware: options.developsSoftware ?? false };
      const controls = options.starter ? starterControls(answers, engagement.categories) : [];
      await writeWorkspace(dir, { engagement, controls, tests: [] });
      io.out(`Wrote ${dir}: assay.yaml and ${controls.length} control${controls.length === 1 ? '' : 's'}${options.starter ? ' from the starter set' : ''}\n`);
    });
}
