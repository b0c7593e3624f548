import { describe, expect, it } from 'vitest';
import { examine, readinessPlan, type Examination } from '../../domain/index.js';
import type { Block, ReportDocument, Section } from '../document/model.js';
import type { ReportData } from './data.js';
import { sectionText } from './document-text.js';
import { actionText, readinessAssessment } from './readiness.js';
import { monthlyCoverageData } from './coverage-testing.js';
import { scenarioData, type Scenario } from './testing.js';

function changed(scenario: Scenario, change: (examination: Examination) => Examination): ReportData {
  const data = scenarioData(scenario);
  const examination = change(data.examination);
  return { ...data, examination, result: examine(examination) };
}

function section(document: ReportDocument, title: string): Section {
  const found = document.sections.find((s) => s.title === title);
  if (!found) throw new Error(`no section ${title}`);
  return found;
}

function tableRows(section: Section): string[][] {
  return section.blocks.flatMap((b) => (b.kind === 'table' ? b.rows : []));
}

function bars(document: ReportDocument): string[] {
  const chart = section(document, 'Readiness per series').blocks.find((b): b is Extract<Block, { kind: 'chart' }> => b.kind === 'chart');
  return chart?.chart.type === 'bar' ? chart.chart.bars.map((b) => `${b.label} ${b.value}% ${b.tone}`) : [];
}

/** The action list as the document gives it: action and forecast once done. */
function actions(document: ReportDocument): string[] {
  return tableRows(section(document, 'Action list')).map(([n, action, opinion]) => `${n}. ${action} → ${opinion}`);
}

describe('the readiness assessment', () => {
  it('finds nothing to do for a clean engagement', () => {
    const document = readinessAssessment(scenarioData('clean'));
    expect(document.meta.draftNotice).toBeNull();
    expect(sectionText(section(document, 'Summary'))).toContain('Were the engagement examined today, the forecast would be an unmodified opinion.');
    expect(sectionText(section(document, 'Action list'))).toContain('Nothing to do: no gap was found.');
    expect(bars(document).every((b) => b.endsWith('100% good'))).toBe(true);
    expect(tableRows(section(document, 'Criteria')).every((row) => row[2] === 'met')).toBe(true);
  });

  it('says per criterion whether it is met and why, in the engine’s words', () => {
    const document = readinessAssessment(scenarioData('qualified'));
    const rows = tableRows(section(document, 'Criteria'));
    expect(rows).toHaveLength(33);
    for (const [id, , status, why] of rows) {
      if (id?.startsWith('CC6.')) {
        expect(status).toBe('not met');
        expect(why).toBe('Key control CC6-01 (not effective) failed with no effective compensating control (rule 2, operating).');
      } else expect(status).toBe('met');
    }
  });

  it('puts first the fix that brings the adverse forecast down to qualified, then the rest by criteria restored', () => {
    const data = scenarioData('adverse');
    const document = readinessAssessment(data);
    expect(actions(document)).toEqual([
      '1. Remediate and retest control CC6-01 (not effective) → qualified',
      '2. Remediate and retest control CC7-01 (not effective) → adverse',
      '3. Remediate and retest control CC8-01 (not effective) → adverse',
    ]);
    expect(tableRows(section(document, 'Action list'))[0]?.[3]).toBe('CC6.1, CC6.2, CC6.3, CC6.4, CC6.5, CC6.6, CC6.7 and CC6.8');
    expect(sectionText(section(document, 'Summary'))).toContain(
      'First action: Remediate and retest control CC6-01 (not effective). The forecast becomes a qualified opinion; it restores CC6.1, CC6.2',
    );
    expect(bars(document)).toEqual(['CC1 100% good', 'CC2 100% good', 'CC3 100% good', 'CC4 100% good', 'CC5 100% good', 'CC6 0% bad', 'CC7 0% bad', 'CC8 0% bad', 'CC9 100% good']);
  });

  it('lists the actions in the engine’s order, the first changing at least as much as any later one', () => {
    const data = changed('adverse', (examination) => ({
      ...examination,
      controls: examination.controls.filter((c) => c.id !== 'CC9-01').map((c) => (c.id === 'CC4-01' ? { ...c, design: 'deficient' as const } : c)),
      tests: examination.tests.map((t) => (t.control === 'CC2-01' ? { ...t, scopeLimitation: 'Tickets not produced.' } : t)),
    }));
    const plan = readinessPlan(data.examination);
    const document = readinessAssessment(data);
    expect(tableRows(section(document, 'Action list')).map((row) => row[1])).toEqual(plan.actions.map(actionText));
    expect(plan.actions.map((a) => a.kind).sort()).toEqual(['add_control', 'add_control', 'redesign_control', 'remediate_control', 'remediate_control', 'remediate_control', 'test_control']);
    const order = ['unmodified', 'qualified', 'adverse', 'disclaimer'];
    const [first, ...later] = plan.actions;
    for (const action of later) {
      expect(order.indexOf(first?.opinion ?? 'disclaimer')).toBeLessThanOrEqual(order.indexOf(action.opinion));
      if (first?.opinion === action.opinion) expect(first.restores.length).toBeGreaterThanOrEqual(action.restores.length);
    }
  });

  it('names the controls missing, untested and failing', () => {
    const data = changed('qualified', (examination) => ({
      ...examination,
      controls: examination.controls.filter((c) => c.id !== 'CC9-01'),
      tests: examination.tests.map((t) => (t.control === 'CC7-01' ? { ...t, scopeLimitation: 'Tickets not produced.' } : t)),
    }));
    const document = readinessAssessment(data);
    const text = sectionText(section(document, 'Controls missing, untested or failing'));
    expect(text).toContain('CC9.1 (Risks of business disruption mitigated): no control addresses it.');
    expect(text).toContain('CC9.2 (Vendor and business-partner risk assessed and managed): no control addresses it.');
    expect(text).toMatch(/CC7-01 \(The CC7 key control operates as designed\): .*Tickets not produced/);
    expect(text).toMatch(/CC6-01: The CC6 key control operates as designed \| not effective \| CC6-01: 4 of 25 samples deviated/);
    expect(text).not.toContain('CC1-01');
    const listed = tableRows(section(document, 'Action list')).map((row) => row[1]);
    expect(listed).toContain('Add a control addressing CC9.1 (Risks of business disruption mitigated)');
    expect(listed).toContain('Test control CC7-01 (not tested)');
  });

  it('counts the evidence occurrences missing per control, and plans from the result they make', () => {
    const data = monthlyCoverageData();
    const document = readinessAssessment(data);
    const [row] = tableRows(section(document, 'Evidence occurrences missing'));
    expect(row).toEqual(['CC1-01', '3', '2026-04, 2026-05 and 2026-06']);
    expect(sectionText(section(document, 'Evidence occurrences missing'))).toContain('Not tracked yet (no evidence states its period): 1 control, CC2-01.');
    const summary = sectionText(section(document, 'Summary'));
    expect(summary).toContain('Evidence occurrences missing: 3');
    // The data's examination is the one before coverage; the missing occurrences still count, as in the result.
    expect(data.result.controls.find((c) => c.id === 'CC1-01')?.conclusion).toBe('not_effective');
    expect(data.result.opinion.overall).toBe('qualified');
    expect(summary).toContain('the forecast would be a qualified opinion');
    expect(actions(document)[0]).toBe('1. Remediate and retest control CC1-01 (not effective) → unmodified');
  });

  it('for a Type 1 report plans redesigns only and speaks of no test or occurrence over a period', () => {
    const data = changed('qualified', (examination) => ({
      ...examination,
      engagement: { ...examination.engagement, reportType: 'type1', periodStart: null },
      controls: examination.controls.map((c) => (c.id === 'CC8-01' ? { ...c, design: 'deficient' as const } : c)),
    }));
    const document = readinessAssessment(data);
    expect(actions(document)).toEqual(['1. Redesign control CC8-01 (design deficiency) → unmodified']);
    const text = document.sections.map(sectionText).join('\n');
    expect(text).not.toMatch(/untested|not tested|been tested|occurrences missing:/i);
    expect(document.sections.map((s) => s.title)).toContain('Controls missing or failing');
    expect(sectionText(section(document, 'Evidence occurrences missing'))).toContain('A Type 1 report is as of a date: no occurrence over a period is owed.');
  });

  it('says no occurrence is counted missing while no evidence states its period', () => {
    const document = readinessAssessment(scenarioData('qualified'));
    expect(sectionText(section(document, 'Evidence occurrences missing'))).toContain('No evidence states the period it covers yet');
  });
});
