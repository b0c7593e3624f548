// The trust page end to end: an anonymous visitor sees nothing before the admin publishes; the admin uploads the
// issued report, writes the NDA and publishes; an outsider asks for the report accepting the NDA; the admin
// approves and copies the link (no mail server here); the outsider downloads a PDF marked with their e-mail; the
// link is refused once revoked, and another once expired.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { OPERATOR } from '../src/services/platform/actor.js';
import { pdfText, samplePdf } from '../src/services/trust/testing.js';
import { main } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

const BUYER = 'buyer@customer.example';
const DAY = 86_400_000;

describeE2E('the trust page', (e2e) => {
  /** Opens a download link and presses its button; the saved file's bytes, or the refusal shown. */
  async function downloadWith(page: Page, link: string): Promise<{ pdf: Buffer | null; refusal: string | null }> {
    // A fresh page for each link, as a requester opening it from their e-mail has: going from one link to another
    // differing only after the `#` would keep the page, and its last refusal, on screen.
    await page.goto('about:blank');
    await page.goto(link);
    const button = page.getByRole('button', { name: 'Download the report' });
    await button.waitFor();
    const download = page.waitForEvent('download', { timeout: 15_000 }).catch(() => null);
    await button.click();
    const refusal = page.getByRole('alert');
    const first = await Promise.race([download, refusal.waitFor({ timeout: 15_000 }).then(() => 'refused' as const)]);
    if (first === 'refused' || first === null) return { pdf: null, refusal: await refusal.textContent() };
    return { pdf: await readFile((await first.path()) ?? ''), refusal: null };
  }

  it('publishes, takes a request, approves it, downloads the watermarked report, and stops the link when revoked or expired', async () => {
    const { server } = e2e();
    const visitor = await (await e2e().newContext()).newPage();
    await visitor.goto('/trust/acme');
    await visitor.getByText('There is no published trust page at this address.').waitFor();
    expect((await visitor.request.get('/api/v1/public/trust/acme')).status()).toBe(404);

    const { page } = await e2e().signIn(PEOPLE.admin);
    await page.goto(`${server.demo.root}/settings?tab=trust`);
    await main(page).locator('input[type=file]').setInputFiles({ name: 'soc2-type2.pdf', mimeType: 'application/pdf', buffer: await samplePdf(2) });
    await main(page).getByRole('button', { name: 'Upload report' }).click();
    await main(page).getByText(/Report uploaded: soc2-type2\.pdf/).waitFor();
    await main(page).getByRole('textbox', { name: 'NDA text' }).fill('The recipient keeps the report confidential.');
    await main(page).getByRole('button', { name: 'Save as a new NDA version' }).click();
    await main(page).getByText(/NDA in force: version 1/).waitFor();
    // A chip hides its checkbox behind its label: click the label.
    await main(page).locator('label', { hasText: /^CC6$/ }).click();
    expect(await main(page).getByRole('checkbox', { name: 'CC6', exact: true }).isChecked()).toBe(true);
    await main(page).getByRole('textbox', { name: /^Subprocessors/ }).fill('Cloud Host; hosting; EU');
    await main(page).getByRole('textbox', { name: 'Contact' }).fill('trust@acme.example');
    await main(page).getByRole('button', { name: 'Publish', exact: true }).click();
    await main(page).getByText(/^Published \d/).waitFor();

    await visitor.reload();
    await visitor.getByRole('heading', { name: 'Acme Cloud, Inc.: trust' }).waitFor();
    const areas = visitor.getByRole('table', { name: 'Control areas' });
    expect(await areas.getByRole('row').allTextContents()).toEqual([expect.stringMatching(/^CC6/)]);
    await visitor.getByRole('table', { name: 'Subprocessors' }).getByText('Cloud Host').waitFor();
    const shown = (await visitor.getByRole('main').textContent()) ?? '';
    // Nothing unpublished: no other control area, no control, no engagement name, no finding.
    for (const hidden of ['CC7', 'CC8', 'AC-04', 'FY2026', 'F-']) expect(shown).not.toContain(hidden);

    await visitor.getByLabel('Your name').fill('Bea Buyer');
    await visitor.getByLabel('Company').fill('Customer Ltd');
    await visitor.getByLabel('Work e-mail').fill(BUYER);
    await visitor.getByRole('checkbox', { name: /I accept the non-disclosure agreement \(version 1\)/ }).check();
    await visitor.getByRole('button', { name: 'Request the report' }).click();
    await visitor.getByText('Request received').waitFor();

    await page.reload();
    await main(page).getByRole('button', { name: `Approve ${BUYER}` }).click();
    const link = await page.getByRole('dialog', { name: 'Copy the download link now' }).getByLabel(`Download link for ${BUYER}`).inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/trust/acme/download#[A-Za-z0-9_-]{43}$`));
    await page.getByRole('button', { name: 'Done' }).click();

    const got = await downloadWith(visitor, link);
    expect(got.refusal).toBeNull();
    const pages = await pdfText(got.pdf ?? Buffer.alloc(0));
    expect(pages).toHaveLength(2);
    for (const text of pages) expect(text).toMatch(new RegExp(`Provided to ${BUYER.replace('.', '\\.')} on \\d{4}-\\d{2}-\\d{2}`));

    await main(page).getByRole('button', { name: `Revoke ${BUYER}` }).click();
    await main(page).getByRole('table', { name: 'Requests for the report' }).getByText('Revoked').waitFor();
    expect((await downloadWith(visitor, link)).refusal).toMatch(/revoked/);

    // A second requester's link, one day long, after the server's clock has passed it.
    const { trust } = server.services;
    await trust.ask('acme', { name: 'Late Buyer', company: 'Customer Ltd', email: 'late@customer.example', ndaVersion: 1 }, '192.0.2.1');
    const late = (await trust.requests(OPERATOR, server.demo.organizationId, { limit: 10, offset: 0 })).items.find((r) => r.email === 'late@customer.example');
    const lateLink = (await trust.approve(OPERATOR, server.demo.organizationId, late?.id ?? '', 1, server.url)).link ?? '';
    server.travel(DAY + 60_000);
    expect((await downloadWith(visitor, lateLink)).refusal).toMatch(/expired/);
  });
});
