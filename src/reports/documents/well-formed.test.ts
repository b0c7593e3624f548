import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../document/model.js';
import { monthlyCoverageData } from './coverage-testing.js';
import { readinessAssessment } from './readiness.js';
import { riskAssessment } from './risk-assessment.js';
import { riskRegisterData } from './risk-testing.js';
import { soc2Draft } from './soc2-draft.js';
import { scenarioData } from './testing.js';

const DATA = { clean: scenarioData('clean'), qualified: scenarioData('qualified'), adverse: scenarioData('adverse'), coverage: monthlyCoverageData(), 'risk register': riskRegisterData() };
const BUILDERS = { 'SOC 2 report draft': soc2Draft, 'readiness assessment': readinessAssessment, 'annual risk assessment': riskAssessment };

/** Every problem with the document's shape the renderers rely on: one cell per column, bars within the axis, no empty text. */
function problems(document: ReportDocument): string[] {
  const found: string[] = [];
  for (const section of document.sections) {
    if (section.blocks.length === 0) found.push(`${section.title}: no block`);
    for (const block of section.blocks) {
      if (block.kind === 'table') {
        block.rows.forEach((row, i) => row.length !== block.columns.length && found.push(`${section.title}: row ${i + 1} has ${row.length} cells`));
      }
      if (block.kind === 'chart' && block.chart.type === 'bar') {
        const { max, bars } = block.chart;
        for (const bar of bars) if (bar.value < 0 || (max !== null && bar.value > max)) found.push(`${section.title}: bar ${bar.label} is ${bar.value}`);
      }
      if ((block.kind === 'paragraph' || block.kind === 'heading') && block.text.trim() === '') found.push(`${section.title}: empty ${block.kind}`);
      if (block.kind === 'list' && block.items.some((item) => item.trim() === '')) found.push(`${section.title}: empty list item`);
    }
  }
  return found;
}

describe.each(Object.entries(BUILDERS))('the %s', (_, build) => {
  it.each(Object.entries(DATA))('is well formed for the %s engagement', (_scenario, data) => {
    const document = build(data);
    expect(document.sections.length).toBeGreaterThan(0);
    expect(problems(document)).toEqual([]);
    expect(document.meta.organization).toBe('Acme Cloud, Inc.');
  });
});
