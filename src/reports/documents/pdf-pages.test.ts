/**
 * Every document Assay writes, as PDF, for a clean, a qualified and an adverse engagement: each page rendered to an
 * image (pdftoppm) has content in its body, and each carries the organisation, the period and "Page X of Y".
 */
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../../../test/support/pdf-pages.js';
import { renderReport } from '../render-report.js';
import { WRITTEN_DOCUMENT_TYPES } from './index.js';
import { letterScenarioData } from './letter-testing.js';
import { riskRegisterData } from './risk-testing.js';
import type { Scenario } from './testing.js';

const SCENARIOS: Scenario[] = ['clean', 'qualified', 'adverse'];

describe('every document as PDF', () => {
  for (const scenario of SCENARIOS) {
    it.each(WRITTEN_DOCUMENT_TYPES)(`gives every page of the %s content and the running line (${scenario})`, async (type) => {
      const data = { ...letterScenarioData(scenario), risks: riskRegisterData().risks };
      const pdf = await renderReport(type, 'pdf', data, { bridgeTo: '2026-09-15', watermark: null });
      const { pages, blankPages, text } = await pdfPages(pdf);
      expect(pages).toBeGreaterThan(1);
      expect(blankPages).toEqual([]);
      text.forEach((page, i) => {
        expect(page).toContain('Acme Cloud, Inc.');
        expect(page).toContain('1 Jan 2026 to 30 Jun 2026');
        expect(page).toContain(`Page ${i + 1} of ${pages}`);
      });
    });
  }
});
