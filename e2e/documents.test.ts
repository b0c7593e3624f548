// The Reports page's downloads, clicked as a person clicks them: a document chosen by type and format, written by a
// job whose progress the page follows, then saved through its link; and the auditor's package, saved through its
// own link. Each saved file is opened and read, not only its link looked at.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { bufferSource, packageIntact, verifyPackage } from '../src/reports/package/index.js';
import { pdfText } from '../src/services/trust/testing.js';
import { main } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

/** Clicks a link that downloads, and gives the saved file's name and bytes. */
async function save(page: Page, link: Locator): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download', { timeout: 30_000 });
  await link.click();
  const saved = await download;
  return { name: saved.suggestedFilename(), bytes: await readFile((await saved.path()) ?? '') };
}

/** Picks an option of one of the card's Mantine selects. */
async function pick(card: Locator, page: Page, label: string, option: string): Promise<void> {
  await card.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describeE2E('the Reports page downloads', (e2e) => {
  it('generates a customer letter as a PDF, follows its job to the end and saves the PDF', async () => {
    const { page } = await e2e().signIn(PEOPLE.compliance);
    await page.goto(`${e2e().server.demo.root}/reports`);
    const card = main(page).getByRole('region', { name: 'Documents' });

    // The workpapers are a workbook only: choosing them moves the format to XLSX and offers PDF disabled.
    await pick(card, page, 'Document', 'workpapers');
    expect(await card.getByRole('combobox', { name: 'Format' }).inputValue()).toBe('Excel workbook (XLSX)');
    await card.getByRole('combobox', { name: 'Format' }).click();
    expect(await page.getByRole('option', { name: /^PDF / }).getAttribute('aria-disabled')).toBe('true');
    await page.keyboard.press('Escape');

    await pick(card, page, 'Document', 'customer letter');
    await pick(card, page, 'Format', 'PDF');
    expect(await card.getByRole('table', { name: 'Recent documents' }).count()).toBe(0);
    await card.getByRole('button', { name: 'Generate' }).click();

    // The job ends with its download, and the list below shows it done.
    const ready = card.getByRole('status').filter({ hasText: /^Ready:/ });
    await ready.waitFor({ timeout: 30_000 });
    const row = card.getByRole('table', { name: 'Recent documents' }).getByRole('row').filter({ hasText: 'customer letter' });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('PDF');
    await row.getByText('done', { exact: true }).waitFor();

    const file = await save(page, ready.getByRole('link', { name: /^Download / }));
    expect(file.name).toMatch(/\.pdf$/);
    expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfText(file.bytes)).join('\n');
    expect(text).toContain('Acme Cloud, Inc.');
  });

  it("saves the auditor's package through its link: a zip whose manifest every file matches", async () => {
    const { page } = await e2e().signIn(PEOPLE.auditor);
    await page.goto(`${e2e().server.demo.root}/reports`);
    const link = main(page).getByRole('link', { name: "Download the auditor's package" });

    const file = await save(page, link);
    expect(file.name).toMatch(/-auditor-package\.zip$/);
    expect(file.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(packageIntact(await verifyPackage(bufferSource(file.bytes)))).toBe(true);
  });

  it("offers a viewer no auditor's package", async () => {
    const { page } = await e2e().signIn(PEOPLE.viewer);
    await page.goto(`${e2e().server.demo.root}/reports`);
    await main(page).getByRole('region', { name: 'Documents' }).getByRole('button', { name: 'Generate' }).waitFor();
    expect(await main(page).getByRole('link', { name: "Download the auditor's package" }).count()).toBe(0);
  });
});
