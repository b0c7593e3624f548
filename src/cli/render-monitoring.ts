/** Monitoring for a person at a terminal: one line per check, then the failing items and errors of each. */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { BuiltinCheck, CheckStatus, MonitoringReport } from '../domain/index.js';
import { tableStyle } from './render-examination.js';
import { counted } from '../domain/words.js';

/** Failing items shown per check; the JSON and JUnit formats list them all. */
const SHOWN_ITEMS = 20;

export function renderMonitoringText(report: MonitoringReport, colour: boolean): string {
  const c = pc.createColors(colour);
  const paint: Record<CheckStatus, (t: string) => string> = { pass: c.green, fail: c.red, empty: c.magenta, error: c.red };
  const counts = (status: CheckStatus) => report.checks.filter((x) => x.status === status).length;
  const out = [
    c.bold(`Monitoring as of ${report.asOf}: ${counted(report.checks.length, 'check')}`) +
      ` · ${(['pass', 'fail', 'empty', 'error'] as const).map((s) => `${counts(s)} ${paint[s](s)}`).join(' · ')}`,
  ];
  const table = new Table({ head: ['check', 'status', 'population', 'failures', 'title', 'controls'], wordWrap: true, colWidths: [16, 8, 12, 10, 44, 14], style: tableStyle(colour) });
  for (const x of report.checks) {
    table.push([x.id, paint[x.status](x.status), x.status === 'error' ? '' : String(x.population), x.status === 'error' ? '' : String(x.failures), x.title, x.controls.join(', ')]);
  }
  if (report.checks.length > 0) out.push(table.toString());
  for (const x of report.checks) {
    if (x.status === 'error') out.push('', `${c.bold(x.id)} could not be evaluated: ${x.error ?? ''}`);
    else if (x.status === 'empty') out.push('', `${c.bold(x.id)}: the population is empty, so nothing was proven`);
    else if (x.status === 'fail') {
      out.push('', `${c.bold(x.id)}: ${x.failures} of ${counted(x.population, 'item')} fail`);
      for (const f of x.failing.slice(0, SHOWN_ITEMS)) out.push(`  ${paint.fail('✗')} ${f.item}: ${f.reason}`);
      if (x.failing.length > SHOWN_ITEMS) out.push(`  … and ${x.failing.length - SHOWN_ITEMS} more (--format json lists every one)`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function renderBuiltinsText(checks: readonly BuiltinCheck[], colour: boolean): string {
  const c = pc.createColors(colour);
  const out: string[] = [];
  for (const check of checks) {
    out.push(c.bold(check.name), `  ${check.description}`, '  sources:');
    for (const s of check.sources) out.push(`    ${s.name.padEnd(8)} ${s.formats.join(' | ')}: ${s.description}`);
    if (check.params.length > 0) {
      out.push('  params:');
      for (const p of check.params) out.push(`    ${p.name} [${p.defaultText}]: ${p.description}`);
    }
    out.push('');
  }
  return out.join('\n');
}
