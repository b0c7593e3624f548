// The two pages of the period's end, in the browser, each on a fresh organisation seeded with the demo's
// examination and its three findings: "Compare periods", where the compliance lead opens the next period and then
// reads the two side by side; and "Reports", whose downloads (OSCAL POA&M, the report's other information) are
// fetched with the page's own session, and whose OSCAL import refuses a document that is not OSCAL without
// writing anything.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { DEMO_WORKSPACE } from '../src/cli/commands/demo.js';
import { loadFindings } from '../src/workspace/findings.js';
import { loadWorkspace } from '../src/workspace/load.js';
import { appDate, main } from './support/pages.js';
import { PEOPLE, ROOT } from './support/server.js';
import { describeE2E, type E2E } from './support/suite.js';

const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

// The demo's period ends on 2026-06-30; the next one is the second half of 2026.
const NEXT = { name: 'Acme SOC 2 Type 2, second half of 2026', periodStart: '2026-07-01', periodEnd: '2026-12-31' };

/** A fresh organisation with the demo's examination and its findings, so a test changes nobody else's. */
async function seedDemo(e2e: E2E, slug: string) {
  const examination = await loadWorkspace(DEMO_WORKSPACE);
  return e2e.server.seedOrganization(slug, { ...examination, ...(await loadFindings(DEMO_WORKSPACE, examination)) });
}

/** Goes to a section of the engagement with the side navigation, as a person would. */
async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
}

/** A period card's opinion forecast: the value of its "Opinion forecast" item. */
async function opinionOf(card: Locator): Promise<string> {
  const value = card.getByRole('term').filter({ hasText: /^Opinion forecast$/ }).locator('xpath=following-sibling::dd[1]');
  return ((await value.textContent()) ?? '').trim();
}

/** The page as it stands, for a person to look at, once the notifications have gone: the viewport, or the whole page. */
async function screenshot(page: Page, name: string, { fullPage = false } = {}): Promise<void> {
  await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 20_000, interval: 250 }).toBe(0);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

describeE2E('comparing periods and the reports', (e2e) => {
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  it('opens the next period from Compare periods, and compares it with the period it follows', async () => {
    const seeded = await seedDemo(e2e(), 'acme-periods');
    const { page } = await e2e().signIn(PEOPLE.compliance);

    // The organisation's only period: nothing to compare with yet, and the next period offered.
    await page.goto(`${seeded.root}/periods`);
    await main(page).getByRole('heading', { name: 'Compare periods' }).waitFor();
    await main(page).getByText('This is the only period').waitFor();
    expect(await main(page).getByRole('region', { name: 'Earlier period' }).count()).toBe(0);

    const form = main(page).getByRole('form', { name: 'Open the next period' });
    await form.getByRole('textbox', { name: /^Name of the new engagement/ }).fill(NEXT.name);
    await form.getByLabel(/^Period start/).fill(NEXT.periodStart);
    await form.getByLabel(/^Period end/).fill(NEXT.periodEnd);
    await form.getByRole('button', { name: 'Open the next period' }).click();

    // The new engagement's dashboard: another engagement of the same organisation.
    const dashboard = new RegExp(`/o/${seeded.organizationId}/e/([^/]+)$`);
    await page.waitForURL((url) => dashboard.test(url.pathname) && !url.pathname.endsWith(`/e/${seeded.engagementId}`));
    const next = dashboard.exec(new URL(page.url()).pathname)?.[1];
    expect(next).toBeDefined();
    await main(page).getByRole('region', { name: 'Opinion forecast' }).waitFor();
    await page.locator('.mantine-Notification-root').filter({ hasText: `${NEXT.name} is open` }).waitFor();

    await openSection(page, 'Compare periods');
    await page.waitForURL(`**/o/${seeded.organizationId}/e/${next}/periods`);
    const earlier = main(page).getByRole('region', { name: 'Earlier period' });
    const later = main(page).getByRole('region', { name: 'Later period' });
    await earlier.waitFor();
    // The period it follows, examined on its own evidence: qualified (AC-04's late deprovisionings).
    await earlier.getByRole('heading', { name: 'Acme Analytics Platform: SOC 2 Type 2, 2026-01-01 to 2026-06-30', exact: true }).waitFor();
    await earlier.getByText(`${appDate('2026-01-01')} to ${appDate('2026-06-30')}`, { exact: true }).waitFor();
    expect(await opinionOf(earlier)).toBe('qualified');
    // The new period: its controls carried forward and nothing tested, so no conclusion to give an opinion on.
    await later.getByRole('heading', { name: `${NEXT.name} (this engagement)` }).waitFor();
    await later.getByText(`${appDate(NEXT.periodStart)} to ${appDate(NEXT.periodEnd)}`, { exact: true }).waitFor();
    expect(await opinionOf(later)).toBe('disclaimer');

    // From one judged opinion to none: worse.
    expect(await main(page).getByText('Opinion from one period to the next:').locator('xpath=following-sibling::*[1]').textContent()).toBe('worse');

    // Each control against its conclusion in the earlier period: not tested yet ranks above not effective (AC-04)
    // and below effective (AC-02).
    const controls = main(page).getByRole('table', { name: 'Controls in the two periods' });
    const row = (id: string) => controls.getByRole('row').filter({ has: page.getByRole('rowheader', { name: id, exact: true }) });
    expect(await row('AC-04').getByRole('cell').allTextContents()).toEqual(['not effective', 'not tested', 'better']);
    expect(await row('AC-02').getByRole('cell').allTextContents()).toEqual(['effective', 'not tested', 'worse']);
    // Some criterion changed too, and the page counts it.
    await main(page).getByText(/^[1-9]\d* of \d+ criteria changed\.$/).waitFor();

    await screenshot(page, 'comparison');
  });

  it('downloads the POA&M and the other information with the session, and refuses a document that is not OSCAL', async () => {
    const seeded = await seedDemo(e2e(), 'acme-reports');
    const { page } = await e2e().signIn(PEOPLE.compliance);
    await page.goto(`${seeded.root}/reports`);
    await main(page).getByRole('heading', { name: 'Reports' }).waitFor();

    // The POA&M link's own address, fetched with the browser context's cookies: an attached OSCAL JSON document.
    const poamHref = await main(page).getByRole('link', { name: 'Plan of action and milestones (POA&M)' }).getAttribute('href');
    expect(poamHref).toMatch(/\/oscal\/poam$/);
    const poam = await page.request.get(poamHref ?? '');
    expect(poam.status()).toBe(200);
    expect(poam.headers()['content-type']).toMatch(/^application\/json/);
    expect(poam.headers()['content-disposition']).toMatch(/^attachment; filename="[^"]+\.json"/);
    const document = (await poam.json()) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['plan-of-action-and-milestones']);

    // Management's responses: F-AC-06's is approved, F-AC-04's still a draft (linked to its finding).
    const responses = main(page).getByRole('region', { name: 'Management responses (other information)' });
    await responses.getByText('1 approved', { exact: true }).waitFor();
    await responses.getByText('1 draft', { exact: true }).waitFor();
    expect(await responses.getByRole('link', { name: 'F-AC-04' }).getAttribute('href')).toBe(`${seeded.root}/findings/F-AC-04`);

    // The other information section: the approved response, and the draft only named in a note, never its text.
    const markdownHref = await responses.getByRole('link', { name: 'Other information (Markdown)' }).getAttribute('href');
    const markdown = await page.request.get(markdownHref ?? '');
    expect(markdown.status()).toBe(200);
    expect(markdown.headers()['content-disposition']).toMatch(/^attachment; filename="[^"]+\.md"/);
    const section = await markdown.text();
    expect(section).toContain('F-AC-06');
    expect(section).toContain('no maintained inventory of the systems in scope for access reviews');
    expect(section).toMatch(/draft awaiting approval, not included: F-AC-04/);
    expect(section).not.toContain('shared queue that no one was assigned to watch');

    // A JSON file that is not OSCAL: refused as a whole, the problem located at the document's top, `$`.
    const notOscal = { catalog: { uuid: '0f6b1c0e-5a1d-4f8e-9d6a-2b7c3e4f5a6b', metadata: { title: 'Not a POA&M' } } };
    await main(page).locator('input[type="file"]').setInputFiles({
      name: 'catalog.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(notOscal)),
    });
    await main(page).getByRole('button', { name: 'Import', exact: true }).click();
    const refused = main(page).getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await refused.waitFor();
    await refused.getByText('The document is not valid OSCAL assessment results or a POA&M').waitFor();
    const problem = refused.getByRole('list', { name: 'Problems' }).getByRole('listitem');
    expect(await problem.count()).toBe(1);
    expect(await problem.locator('code').textContent()).toBe('$');
    expect(await problem.textContent()).toMatch(/not an OSCAL .* document.*"catalog"/);
    await screenshot(page, 'reports', { fullPage: true });

    // Nothing written: the findings are the demo's three.
    await openSection(page, 'Findings');
    const findings = main(page).getByRole('table', { name: 'Findings' });
    await findings.getByRole('link', { name: 'F-AC-04' }).waitFor();
    const codes = await findings.getByRole('rowheader').allTextContents();
    expect(codes.map((code) => code.trim()).sort()).toEqual(['F-AC-04', 'F-AC-06', 'F-MON-01']);
  });
});
