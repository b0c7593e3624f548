/**
 * The examination result as a Markdown document: the forecast, every criterion, control and deficiency, and the
 * "other information" section when management has approved a response to an exception.
 */
import type { ExaminationResult } from '../domain/index.js';
import { renderOtherInformation, responsesByStatus, type OtherInformation } from './other-information.js';
import { describePeriod, rateText } from './wording.js';
import { words } from '../domain/index.js';

export function renderExaminationMarkdown(result: ExaminationResult, otherInformation?: OtherInformation): string {
  const lines: string[] = [];
  const { opinion } = result;
  lines.push(`# ${result.organization}: ${result.system}`, '');
  lines.push(`SOC 2 ${describePeriod(result)}; categories: ${result.categories.join(', ')}.`, '');
  lines.push(`## Opinion forecast: ${words(opinion.overall)}${opinion.pervasive ? ' (pervasive)' : ''}`, '');
  lines.push('| subject | opinion |', '|---|---|');
  lines.push(`| description | ${words(opinion.subjects.description)} |`);
  lines.push(`| design | ${words(opinion.subjects.design)} |`);
  if (opinion.subjects.operatingEffectiveness !== null) {
    lines.push(`| operating effectiveness | ${words(opinion.subjects.operatingEffectiveness)} |`);
  }
  lines.push('', ...opinion.basis.map((b) => `- ${b}`), '');

  lines.push('## Criteria', '', '| criterion | title | status | controls | reasons |', '|---|---|---|---|---|');
  for (const c of result.criteria) {
    lines.push(`| ${c.id} | ${cell(c.title)} | ${words(c.status)} | ${c.controls.join(', ')} | ${cell(c.reasons.join(' '))} |`);
  }

  lines.push('', '## Controls', '');
  lines.push('| control | conclusion | samples (required) | deviations | rate | bound | reasons |', '|---|---|---|---|---|---|---|');
  for (const c of result.controls) {
    const samples = c.sampleSize === null ? '' : `${c.sampleSize} (${c.requiredSampleSize ?? 'n/a'})`;
    const reasons = [...c.reasons, ...c.warnings.map((w) => `Warning: ${w}`)].join(' ');
    lines.push(
      `| ${c.id} | ${words(c.conclusion)} | ${samples} | ${c.deviations ?? ''} | ${rateText(c.deviationRate)} | ${rateText(c.upperDeviationLimit)} | ${cell(reasons)} |`,
    );
  }

  lines.push('', '## Deficiencies', '');
  if (result.deficiencies.length === 0) lines.push('None.');
  else {
    lines.push('| severity | control | kind | criteria | reasons |', '|---|---|---|---|---|');
    for (const d of result.deficiencies) {
      lines.push(`| ${words(d.severity)} | ${d.control ?? '(none)'} | ${d.kind} | ${d.criteria.join(', ')} | ${cell(d.reasons.join(' '))} |`);
    }
  }
  const text = `${lines.join('\n')}\n`;
  // Only with an approved response: until then the document reads exactly as the forecast alone.
  const approved = otherInformation !== undefined && responsesByStatus(otherInformation).approved.length > 0;
  return approved ? `${text}\n${renderOtherInformation(otherInformation)}` : text;
}

/** Markdown table cells cannot hold a pipe or a line break. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
