import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Block, Chart, ReportDocument } from '../document/model.js';
import { documentText } from './document-text.js';
import { letterScenarioData } from './letter-testing.js';
import { spread, stakeholderPack } from './stakeholder-pack.js';

const sectionBlocks = (document: ReportDocument, title: string): Block[] => {
  const section = document.sections.find((s) => s.title === title);
  if (!section) throw new Error(`no section "${title}"`);
  return section.blocks;
};
const chartIn = (document: ReportDocument, title: string): Chart => {
  const block = sectionBlocks(document, title).find((b): b is Extract<Block, { kind: 'chart' }> => b.kind === 'chart');
  if (!block) throw new Error(`no chart in "${title}"`);
  return block.chart;
};
const tableIn = (document: ReportDocument, title: string) => {
  const block = sectionBlocks(document, title).find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
  if (!block) throw new Error(`no table in "${title}"`);
  return block;
};
const facts = (document: ReportDocument) => {
  const block = sectionBlocks(document, 'Summary').find((b): b is Extract<Block, { kind: 'facts' }> => b.kind === 'facts');
  return Object.fromEntries((block?.items ?? []).map((i) => [i.label, i.value]));
};

describe('stakeholder pack', () => {
  it('has the same sections whatever the engagement', () => {
    expect(stakeholderPack(letterScenarioData('clean')).sections.map((s) => s.title)).toEqual([
      'Summary',
      'Forecast trend',
      'Findings burndown',
      'Overdue corrective actions',
      'Systemic root causes',
    ]);
  });

  it('shows a clean engagement steady, with nothing to burn down, nothing late and no cause', () => {
    const pack = stakeholderPack(letterScenarioData('clean'));
    expect(facts(pack)).toEqual({
      'Forecast opinion': 'Unmodified',
      'Criteria met': '33 of 33',
      'Unresolved findings': '0',
      'Overdue corrective actions': '0',
      'Cause shared by most findings': 'None recorded',
    });
    const trend = chartIn(pack, 'Forecast trend');
    expect(trend.type === 'line' && trend.series.find((s) => s.name === 'Criteria met')?.values).toEqual([33, 33, 33, 33, 33, 33, 33]);
    const text = documentText(pack);
    expect(text).toContain('No finding has been identified.');
    expect(text).toContain('No corrective action due before 15 September 2026 is left undone.');
    expect(text).toContain('No root cause has been recorded for a finding yet.');
  });

  it('shows a qualified engagement its trend as a chart and a table, its burndown and a cause behind one finding', () => {
    const pack = stakeholderPack(letterScenarioData('qualified'));
    expect(facts(pack)).toMatchObject({ 'Forecast opinion': 'Qualified', 'Criteria met': '25 of 33', 'Unresolved findings': '1', 'Overdue corrective actions': '0' });
    const text = documentText(pack);
    expect(text).toContain(
      'From 31 March 2026 to 15 September 2026, the criteria forecast as met went from 33 to 25 of 33, the forecast opinion from unmodified to qualified, and the open findings from 0 to 0.',
    );
    expect(tableIn(pack, 'Forecast trend').rows[2]).toEqual(['31 May 2026', 'Qualified', '25', '8', '33', '1']);
    expect(text).toContain('1 finding unresolved on 15 September 2026, of 2 identified; the most unresolved at once was 2, on 5 August 2026.');
    expect(text).toContain('Each root cause recorded is behind one finding only: no cause is systemic.');
  });

  it('shows an adverse engagement its overdue actions, its burndown from the histories and the systemic cause first', () => {
    const pack = stakeholderPack(letterScenarioData('adverse'));
    expect(facts(pack)).toMatchObject({ 'Unresolved findings': '3', 'Overdue corrective actions': '2' });
    expect(tableIn(pack, 'Overdue corrective actions').rows).toEqual([
      ['F-CC7-01: CC7-01 not effective: 4 of 25 samples deviated', 'Automate deprovisioning from the HR system', '31 August 2026', '15'],
      ['F-CC8-01: CC8-01 not effective: 4 of 25 samples deviated', 'Automate deprovisioning from the HR system', '31 August 2026', '15'],
    ]);
    const burndown = chartIn(pack, 'Findings burndown');
    if (burndown.type !== 'line') throw new Error('the burndown is a line');
    const unresolved = burndown.series.find((s) => s.name === 'Unresolved')?.values ?? [];
    const closed = burndown.series.find((s) => s.name === 'Closed')?.values ?? [];
    expect([burndown.labels[0], unresolved[0], closed[0]]).toEqual(['30 Jun 2026', 3, 0]);
    expect([burndown.labels.at(-1), unresolved.at(-1), closed.at(-1)]).toEqual(['15 Sept 2026', 3, 1]);
    expect(burndown.labels.indexOf('12 Sept 2026')).toBe(burndown.labels.length - 4);
    const causes = chartIn(pack, 'Systemic root causes');
    expect(causes.type === 'bar' && causes.bars.map((b) => [b.label, b.value, b.tone])).toEqual([
      ['Offboarding depends on a manual ticket from HR', 2, 'bad'],
      ['The deployment pipeline let a change through without its approval', 1, 'neutral'],
    ]);
    expect(documentText(pack)).toContain('The cause shared by most findings is "Offboarding depends on a manual ticket from HR", behind 2 findings across 13 criteria');
  });

  it('says so when no forecast has been stored, and names no owner of a late action', () => {
    const data = letterScenarioData('adverse');
    const pack = stakeholderPack({ ...data, history: [] });
    const text = documentText(pack);
    expect(text).toContain('No forecast has been stored yet: the trend starts with the first snapshot.');
    expect(text).not.toContain('@');
  });

  prop.prop([fc.array(fc.nat(), { maxLength: 400 }), fc.integer({ min: 2, max: 50 })])('a spread keeps the first and the last, in order, and at most the maximum', (items, max) => {
    const kept = spread(items.map((_, i) => i), max);
    expect(kept.length).toBe(Math.min(items.length, max));
    if (items.length > 0) expect([kept[0], kept.at(-1)]).toEqual([0, items.length - 1]);
    expect(kept.every((v, i) => i === 0 || v > (kept[i - 1] as number))).toBe(true);
  });
});
