/** `assay what-if DIR`: the engine's what-if over a workspace: which control's fix changes the opinion, and the criteria it restores. */
import type { Command } from 'commander';
import { rankFixes, words, type Fix, type FixRanking } from '../../domain/index.js';
import { withArticle } from '../../domain/words.js';
import type { CliIO } from '../io.js';
import { choice } from '../options.js';
import { examineWorkspace } from './examine.js';

const FORMATS = ['text', 'json'] as const;

export function registerWhatIf(program: Command, io: CliIO): void {
  program
    .command('what-if')
    .description(
      'what to fix first: each control with a deficiency assumed effective (designed effectively, its failed samples retested clean), the engine run again, ranked by the opinion that gives, then by the criteria it restores',
    )
    .argument('<dir>', 'workspace folder (assay.yaml, controls/, tests/)')
    .option('--format <format>', `output: ${FORMATS.join(' | ')}`, choice(FORMATS), 'text')
    .action(async (dir: string, options: { format: (typeof FORMATS)[number] }) => {
      // The same reading of the workspace as `assay examine`: tests that stand on checks are run as of the period end.
      const { examination } = await examineWorkspace(dir);
      const ranking = rankFixes(examination);
      io.out(options.format === 'json' ? `${JSON.stringify(ranking, null, 2)}\n` : whatIfText(ranking));
    });
}

function fixLine(fix: Fix, opinion: FixRanking['opinion']): string {
  const outcome = fix.opinion === opinion ? `the opinion stays ${words(opinion)}` : `the opinion becomes ${words(fix.opinion)}`;
  const restores = fix.restores.length > 0 ? `; restores ${fix.restores.join(', ')}` : '; restores no criterion';
  return `  fix ${fix.control} (${words(fix.conclusion)}, ${words(fix.severity)}): ${outcome}${restores}`;
}

function whatIfText(ranking: FixRanking): string {
  const now = `Opinion forecast now: ${withArticle(`${words(ranking.opinion)} opinion`)}.`;
  if (ranking.fixes.length === 0) return `${now}\nNo control has a deficiency: nothing to fix.\n`;
  return [now, 'What to fix first (each fix alone, best first):', ...ranking.fixes.map((fix) => fixLine(fix, ranking.opinion)), ''].join('\n');
}
