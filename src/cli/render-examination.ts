/** The examination result for a person at a terminal: the opinion first, then what drives it. */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { ExaminationResult, OpinionKind } from '../domain/index.js';
import { describePeriod, rateText } from '../reports/wording.js';
import { words } from '../domain/index.js';

type Paint = (text: string) => string;

export function renderExaminationText(result: ExaminationResult, colour: boolean): string {
  const c = pc.createColors(colour);
  const opinionColour: Record<OpinionKind, Paint> = {
    unmodified: c.green,
    qualified: c.yellow,
    adverse: c.red,
    disclaimer: c.magenta,
  };
  const statusColour: Record<string, Paint> = {
    met: c.green,
    effective: c.green,
    met_with_exceptions: c.yellow,
    effective_with_exceptions: c.yellow,
    deficiency: c.yellow,
    unable_to_conclude: c.magenta,
    not_tested: c.magenta,
    significant_deficiency: c.red,
    not_met: c.red,
    not_effective: c.red,
    design_deficiency: c.red,
    material_weakness: c.red,
    not_applicable: c.dim,
  };
  const paint = (value: string) => (statusColour[value] ?? ((t: string) => t))(words(value));
  const out: string[] = [];
  const { opinion } = result;

  out.push(c.bold(`${result.organization}: ${result.system}`));
  out.push(`SOC 2 ${describePeriod(result)} · ${result.categories.join(', ')}`, '');
  out.push(`Opinion forecast: ${c.bold(opinionColour[opinion.overall](opinion.overall.toUpperCase()))}${opinion.pervasive ? ' (pervasive)' : ''}`);
  const subjects: [string, OpinionKind | null][] = [
    ['description', opinion.subjects.description],
    ['design', opinion.subjects.design],
    ['operating effectiveness', opinion.subjects.operatingEffectiveness],
  ];
  for (const [name, kind] of subjects) {
    if (kind !== null) out.push(`  ${name.padEnd(24)} ${opinionColour[kind](kind)}`);
  }
  out.push('', 'Basis:', ...opinion.basis.map((b) => `  • ${b}`), '');

  const counts = countBy(result.criteria.map((x) => x.status));
  out.push(
    `Criteria: ${result.criteria.length} · ${['met', 'met_with_exceptions', 'unable_to_conclude', 'not_met', 'not_applicable']
      .map((s) => `${counts.get(s) ?? 0} ${paint(s)}`)
      .join(' · ')}`,
  );
  const criteria = new Table({ head: ['criterion', 'status', 'controls', 'why'], wordWrap: true, colWidths: [11, 22, 24, 60], style: tableStyle(colour) });
  for (const x of result.criteria.filter((x) => x.status !== 'met')) {
    criteria.push([x.id, paint(x.status), x.controls.join(', '), x.reasons.join(' ')]);
  }
  if (criteria.length > 0) out.push(criteria.toString());

  const conclusions = countBy(result.controls.map((x) => x.conclusion));
  out.push(
    '',
    `Controls: ${result.controls.length} · ${[...conclusions].map(([k, n]) => `${n} ${paint(k)}`).join(' · ')}`,
  );
  const controls = new Table({
    head: ['control', 'conclusion', 'samples', 'deviations', 'bound', 'why'],
    wordWrap: true,
    colWidths: [10, 26, 10, 12, 9, 60],
    style: tableStyle(colour),
  });
  for (const x of result.controls.filter((x) => x.conclusion !== 'effective' || x.warnings.length > 0)) {
    controls.push([
      x.id,
      paint(x.conclusion),
      x.sampleSize === null ? '' : `${x.sampleSize}/${x.requiredSampleSize ?? '?'}`,
      x.deviations === null ? '' : String(x.deviations),
      rateText(x.upperDeviationLimit),
      [...x.reasons, ...x.warnings.map((w) => `⚠ ${w}`)].join(' '),
    ]);
  }
  if (controls.length > 0) out.push(controls.toString());

  out.push('', `Deficiencies: ${result.deficiencies.length}`);
  if (result.deficiencies.length > 0) {
    const deficiencies = new Table({ head: ['severity', 'control', 'kind', 'criteria'], style: tableStyle(colour) });
    for (const d of result.deficiencies) {
      deficiencies.push([paint(d.severity), d.control ?? '(none)', d.kind, d.criteria.join(', ')]);
    }
    out.push(deficiencies.toString());
  }
  return `${out.join('\n')}\n`;
}

export function tableStyle(colour: boolean) {
  return colour ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] };
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
