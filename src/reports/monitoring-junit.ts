/**
 * A monitoring run as JUnit XML, for CI: one test case per check; a failing check's items in its failure, an
 * erroring check as an error, an empty one as skipped (it proved nothing, so it is not a pass).
 */
import type { CheckResult, MonitoringReport } from '../domain/index.js';

export function renderMonitoringJunit(report: MonitoringReport): string {
  const count = (status: CheckResult['status']) => report.checks.filter((c) => c.status === status).length;
  const totals = `tests="${report.checks.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${count('empty')}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="assay monitor" ${totals}>`,
    `  <testsuite name="assay monitor as of ${xml(report.asOf)}" ${totals}>`,
    ...report.checks.flatMap(testCase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ];
  return lines.join('\n');
}

function testCase(check: CheckResult): string[] {
  const open = `    <testcase classname="assay.monitor" name="${xml(`${check.id}: ${check.title}`)}">`;
  const properties = `      <properties><property name="population" value="${check.population}"/><property name="controls" value="${xml(check.controls.join(' '))}"/></properties>`;
  switch (check.status) {
    case 'pass':
      return [open, properties, '    </testcase>'];
    case 'empty':
      return [open, properties, '      <skipped message="empty population: nothing was proven"/>', '    </testcase>'];
    case 'error':
      return [open, properties, `      <error message="${xml(check.error ?? 'error')}" type="error"/>`, '    </testcase>'];
    case 'fail': {
      const items = check.failing.map((f) => `${f.item}: ${f.reason}`).join('\n');
      return [open, properties, `      <failure message="${check.failures} of ${check.population} items fail" type="fail">${xml(items)}</failure>`, '    </testcase>'];
    }
  }
}

/** Text for an XML attribute or element; characters XML 1.0 cannot hold at all are dropped. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
