/** `assay examine DIR`: the opinion forecast of a workspace. */
import type { Command } from 'commander';
import type { DescriptionWarning } from '../../domain/description/checks.js';
import type { SystemDescription } from '../../domain/description/model.js';
import type { Examination } from '../../domain/engagement.js';
import { examine } from '../../domain/evaluation/examine.js';
import { OPINION_KINDS, type ExaminationResult, type OpinionKind } from '../../domain/evaluation/result.js';
import { words } from '../../domain/format.js';
import { explainCheckedTests, type CheckedTestRun } from '../../domain/monitoring/examination.js';
import { standOnChecks } from '../../workspace/checks.js';
import { counted } from '../../domain/words.js';
import { DESCRIPTION_FILE, describeWorkspace } from '../../workspace/description.js';
import { loadWorkspaceWithChecks } from '../../workspace/load.js';
import { EXIT_OK, EXIT_PROBLEMS_FOUND } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';

/**
 * oscal-ar and oscal-poam are OSCAL 1.1.3 JSON; both also read the workspace's findings (docs/findings.md), and so
 * does markdown, for the management responses of its "other information" section.
 */
const FORMATS = ['text', 'json', 'markdown', 'oscal-ar', 'oscal-poam'] as const;

/** The forecast of a workspace folder; a test that stands on a check concludes on its run as of the period end, its reasons saying so. */
export async function examineWorkspace(
  dir: string,
): Promise<{ examination: Examination; result: ExaminationResult; runs: CheckedTestRun[]; description: WorkspaceDescription }> {
  const workspace = await loadWorkspaceWithChecks(dir);
  const checked = await standOnChecks(workspace.examination, workspace.checks, workspace.checkedTests);
  // The description's undisclosed significant incidents are misstatements of it (docs/system-description.md).
  const { examination, warnings, description } = await describeWorkspace(dir, checked.examination);
  return { examination, result: explainCheckedTests(examine(examination), checked.runs), runs: checked.runs, description: { description, warnings } };
}

/** Whether the workspace has a description (`description.yaml`), and its completeness warnings. */
interface WorkspaceDescription {
  /** The workspace's `description.yaml`, or null without one. */
  description: SystemDescription | null;
  warnings: DescriptionWarning[];
}

/** The description's warnings for people, each with the section to fix; nothing without a description. */
function renderDescriptionWarnings({ description, warnings }: WorkspaceDescription): string {
  if (description === null) return '';
  if (warnings.length === 0) return '\nSystem description: complete, no warning.\n';
  const lines = warnings.map((w) => `  - [${words(w.section)}] ${w.message}`);
  return `\nSystem description: ${counted(warnings.length, 'warning')} (${DESCRIPTION_FILE})\n${lines.join('\n')}\n`;
}

export function registerExamine(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('examine')
    .description('forecast the SOC 2 opinion, criterion statuses, control conclusions and deficiencies of a workspace')
    .argument('<dir>', 'workspace folder (assay.yaml, controls/, tests/)')
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .option('--fail-on <opinion>', `exit 1 when the forecast is at least this: ${OPINION_KINDS.slice(1).join(' | ')}`, choice(OPINION_KINDS))
    .action(async (dir: string, options: { format: (typeof FORMATS)[number]; failOn?: OpinionKind }) => {
      const { examination, result, description } = await examineWorkspace(dir);
      // Each format's renderer and the findings it reads load only when that format is asked for: start-up is a
      // share of every run. DESIGN §5's names stay as they are; the description's warnings are one key more, with a
      // description only.
      if (options.format === 'json') io.out(`${JSON.stringify(description.description !== null ? { ...result, descriptionWarnings: description.warnings } : result, null, 2)}\n`);
      else if (options.format === 'markdown') {
        // The findings' approved management responses are the report's "other information" section.
        const [{ loadFindings }, { renderExaminationMarkdown }] = await Promise.all([import('../../workspace/findings.js'), import('../../reports/examination-markdown.js')]);
        const { findings, managementResponses } = await loadFindings(dir, examination);
        io.out(renderExaminationMarkdown(result, { findings, responses: managementResponses }));
      }
      else if (options.format === 'oscal-ar' || options.format === 'oscal-poam') {
        const { loadFindings } = await import('../../workspace/findings.js');
        const { findings, rootCauses } = await loadFindings(dir, examination);
        const document =
          options.format === 'oscal-ar'
            ? (await import('../../reports/oscal/assessment-results.js')).assessmentResults(examination, result, findings)
            : (await import('../../reports/oscal/poam.js')).planOfActionAndMilestones({ examination, result, findings, rootCauses });
        io.out(`${JSON.stringify(document, null, 2)}\n`);
      } else {
        const { renderExaminationText } = await import('../render-examination.js');
        io.out(renderExaminationText(result, io.isTTY) + renderDescriptionWarnings(description));
      }
      const failed =
        options.failOn !== undefined && OPINION_KINDS.indexOf(result.opinion.overall) >= OPINION_KINDS.indexOf(options.failOn);
      setExit(failed ? EXIT_PROBLEMS_FOUND : EXIT_OK);
    });
}
