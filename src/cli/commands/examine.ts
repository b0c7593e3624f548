/** `assay examine DIR`: the opinion forecast of a workspace. */
import type { Command } from 'commander';
import { OPINION_KINDS, examine, explainCheckedTests, type CheckedTestRun, type Examination, type ExaminationResult, type OpinionKind } from '../../domain/index.js';
import { standOnChecks } from '../../workspace/checks.js';
import { renderExaminationMarkdown } from '../../reports/examination-markdown.js';
import { assessmentResults } from '../../reports/oscal/assessment-results.js';
import { planOfActionAndMilestones } from '../../reports/oscal/poam.js';
import { loadFindings } from '../../workspace/findings.js';
import { loadWorkspaceWithChecks } from '../../workspace/load.js';
import { EXIT_OK, EXIT_PROBLEMS_FOUND } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';
import { renderExaminationText } from '../render-examination.js';

/**
 * oscal-ar and oscal-poam are OSCAL 1.1.3 JSON; both also read the workspace's findings (docs/findings.md), and so
 * does markdown, for the management responses of its "other information" section.
 */
const FORMATS = ['text', 'json', 'markdown', 'oscal-ar', 'oscal-poam'] as const;

/** The forecast of a workspace folder; a test that stands on a check concludes on its run as of the period end, its reasons saying so. */
export async function examineWorkspace(dir: string): Promise<{ examination: Examination; result: ExaminationResult; runs: CheckedTestRun[] }> {
  const workspace = await loadWorkspaceWithChecks(dir);
  const { examination, runs } = await standOnChecks(workspace.examination, workspace.checks, workspace.checkedTests);
  return { examination, result: explainCheckedTests(examine(examination), runs), runs };
}

export function registerExamine(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('examine')
    .description('forecast the SOC 2 opinion, criterion statuses, control conclusions and deficiencies of a workspace')
    .argument('<dir>', 'workspace folder (assay.yaml, controls/, tests/)')
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .option('--fail-on <opinion>', `exit 1 when the forecast is at least this: ${OPINION_KINDS.slice(1).join(' | ')}`, choice(OPINION_KINDS))
    .action(async (dir: string, options: { format: (typeof FORMATS)[number]; failOn?: OpinionKind }) => {
      const { examination, result } = await examineWorkspace(dir);
      if (options.format === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
      else if (options.format === 'markdown') {
        // The findings' approved management responses are the report's "other information" section.
        const { findings, managementResponses } = await loadFindings(dir, examination);
        io.out(renderExaminationMarkdown(result, { findings, responses: managementResponses }));
      }
      else if (options.format === 'oscal-ar' || options.format === 'oscal-poam') {
        const { findings, rootCauses } = await loadFindings(dir, examination);
        const document =
          options.format === 'oscal-ar'
            ? assessmentResults(examination, result, findings)
            : planOfActionAndMilestones({ examination, result, findings, rootCauses });
        io.out(`${JSON.stringify(document, null, 2)}\n`);
      } else io.out(renderExaminationText(result, io.isTTY));
      const failed =
        options.failOn !== undefined && OPINION_KINDS.indexOf(result.opinion.overall) >= OPINION_KINDS.indexOf(options.failOn);
      setExit(failed ? EXIT_PROBLEMS_FOUND : EXIT_OK);
    });
}
