import { describe, expect, it } from 'vitest';
import { pdfPages } from '../../../test/support/pdf-pages.js';
import type { Block, ReportDocument, Section } from '../document/model.js';
import { renderPdf } from '../document/render.js';
import { renderReport } from '../render-report.js';
import { sectionText } from './document-text.js';
import { riskAssessment } from './risk-assessment.js';
import { riskRegisterData } from './risk-testing.js';
import { scenarioData } from './testing.js';

function section(document: ReportDocument, title: string): Section {
  const found = document.sections.find((s) => s.title === title);
  if (!found) throw new Error(`no section ${title}`);
  return found;
}

function tables(section: Section): Extract<Block, { kind: 'table' }>[] {
  return section.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
}

/** A heat map's cells as numbers, keyed "likelihood×impact", zero cells left out. */
function cells(table: Extract<Block, { kind: 'table' }>): Record<string, number> {
  const found: Record<string, number> = {};
  for (const [likelihood, ...counts] of table.rows) {
    counts.forEach((count, i) => {
      if (count !== '0') found[`${likelihood}×${i + 1}`] = Number(count);
    });
  }
  return found;
}

describe('the annual risk assessment', () => {
  const data = riskRegisterData();
  const document = riskAssessment(data);

  it('lists the register by residual score, then inherent, each with why', () => {
    const [register] = tables(section(document, 'Risk register'));
    expect(register?.rows.map(([risk, , , inherent, residual]) => `${risk?.split(':')[0]} ${inherent} → ${residual}`)).toEqual([
      'R-001 20 (critical) → 20 (critical)',
      'R-004 10 (high) → 10 (high)',
      'R-002 12 (high) → 4 (low)',
      'R-005 4 (low) → 4 (low)',
      'R-003 9 (medium) → 2 (low)',
    ]);
    expect(register?.rows[0]?.[5]).toContain('CC6-01 is concluded not effective: it does not lower the likelihood');
    expect(register?.rows[4]?.[5]).toMatch(/The risk is transferred: its impact is lowered 1 level, to 2\.$/);
    expect(document.meta.subtitle).toBe('5 risks in the register as of 15 Sept 2026');
  });

  it('counts in each heat map cell the risks of the register rated there', () => {
    const [inherent, residual] = tables(section(document, 'Heat maps'));
    expect(inherent?.columns).toEqual(['Likelihood', 'Impact 1', 'Impact 2', 'Impact 3', 'Impact 4', 'Impact 5']);
    expect(inherent?.rows.map((row) => row[0])).toEqual(['5', '4', '3', '2', '1']);
    expect(cells(inherent!)).toEqual({ '4×5': 1, '3×4': 1, '3×3': 1, '2×5': 1, '2×2': 1 });
    expect(cells(residual!)).toEqual({ '4×5': 1, '2×5': 1, '1×4': 1, '2×2': 1, '1×2': 1 });
    for (const which of ['inherent', 'residual'] as const) {
      const map = which === 'inherent' ? inherent! : residual!;
      expect(Object.values(cells(map)).reduce((a, b) => a + b, 0)).toBe(data.risks?.length);
      const chart = section(document, 'Heat maps').blocks.find((b) => b.kind === 'chart');
      const bars = chart?.kind === 'chart' && chart.chart.type === 'bar' ? chart.chart.bars.filter((b) => b.label.endsWith(which)) : [];
      expect(bars.map((b) => `${b.label} ${b.value}`)).toEqual(
        ['critical', 'high', 'medium', 'low'].map((level) => `${level}, ${which} ${data.risks?.filter((r) => r.assessment[which].level === level).length}`),
      );
    }
  });

  it('states the risks that stay high or critical, expired acceptances, overdue reviews and what raised the risks', () => {
    expect(sectionText(section(document, 'Residual risk high or critical'))).toContain('2 risks stay high or critical once their controls are counted: R-001 and R-004.');
    const accepted = section(document, 'Accepted risks');
    expect(sectionText(accepted)).toContain('To be decided again (acceptance expired or not on record): R-004.');
    expect(tables(accepted)[0]?.rows.map((row) => [row[0]?.split(':')[0], row[2], row[4], row[5]])).toEqual([
      ['R-004', 'ceo@acme.example', '30 Jun 2026', 'EXPIRED'],
      ['R-005', 'cfo@acme.example', '31 Dec 2026', 'current'],
    ]);
    const reviews = sectionText(section(document, 'Reviews overdue'));
    expect(reviews).toContain('1 risk passed its next review date: R-001.');
    expect(reviews).toContain('R-001: Leavers keep access | it-ops@acme.example | 1 Sept 2025 | 1 Sept 2026');
    expect(reviews).not.toContain('R-002');
    const raised = sectionText(section(document, 'Risks raised by vendor reports and findings'));
    expect(raised).toContain('R-003: Hosting provider outage | V-001 | exceptions | 2 (low)');
    expect(raised).toContain(`R-005: Old laptops unencrypted | ${data.findings[0]?.code} | 4 (low)`);
  });

  it('states the residual rule and the level bands the register is rated by', () => {
    const method = sectionText(section(document, 'Scope and method'));
    expect(method).toContain('a control concluded "effective" lowers it 2 levels, a control concluded "effective with exceptions" lowers it 1 level and a control concluded "not effective", "design deficiency" or "not tested" does not lower it.');
    expect(method).toContain('A control whose latest monitoring run failed lowers it 1 level at most.');
    expect(tables(section(document, 'Scope and method'))[0]?.rows).toEqual([
      ['low', '1–4'],
      ['medium', '5–9'],
      ['high', '10–16'],
      ['critical', '20–25'],
    ]);
  });

  it('says so plainly when the register holds no risk', () => {
    for (const empty of [scenarioData('clean'), { ...scenarioData('clean'), risks: [] }]) {
      const none = riskAssessment(empty);
      expect(none.sections.map((s) => s.title)).toEqual(['Scope and method', 'Risk register']);
      expect(sectionText(section(none, 'Risk register'))).toContain('No risk is recorded in the register of this engagement as of 15 Sept 2026');
    }
  });

  it('is a document type of the one entry, in every written format', async () => {
    for (const format of ['html', 'md'] as const) {
      const text = (await renderReport('risk-assessment', format, data, { bridgeTo: null, watermark: null })).toString('utf8');
      expect(text).toContain('Annual risk assessment');
      expect(text).toContain('R-001: Leavers keep access');
    }
    // A workbook is a zip.
    expect((await renderReport('risk-assessment', 'xlsx', data, { bridgeTo: null, watermark: null })).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('renders to a PDF with no blank page', async () => {
    const { pages, blankPages, text } = await pdfPages(await renderPdf(document, { watermark: null }));
    expect(pages).toBeGreaterThan(document.sections.length);
    expect(blankPages).toEqual([]);
    expect(text.join('\n')).toContain('Residual risk: risks per likelihood and impact');
  });
});
