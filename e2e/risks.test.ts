// The risk register and vendors in the browser: a risk linked to an effective control sits lower on the residual
// heat map than on the inherent one; two failing samples on the control bring it back up; a vendor's SOC 2
// report with exceptions raises a risk of its own into the register, and once expired another when someone looks again.
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DEMO_WORKSPACE } from '../src/cli/commands/demo.js';
import { OPERATOR } from '../src/services/platform/actor.js';
import { loadWorkspace } from '../src/workspace/load.js';
import { main } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

/** Picks an option of a Mantine select: the combobox opens a listbox of options. */
async function pick(scope: Locator, page: Page, label: string | RegExp, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** The count shown in a heat map's cell (empty for none). */
const cellText = (page: Page, axis: 'inherent' | 'residual', likelihood: number, impact: number) =>
  main(page).getByTestId(`heat-map-${axis}`).locator(`[data-cell="${likelihood}-${impact}"]`).innerText();

/** A report's period ending yesterday and starting half a year before: current whatever day the test runs. */
const periodEnd = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const periodStart = new Date(Date.now() - 183 * 86_400_000).toISOString().slice(0, 10);

describeE2E('risks and vendors', (e2e) => {
  it('adds a risk, sees it on both heat maps, lets its control fail, a vendor report raises a risk, and once expired another on a second look', async () => {
    const seeded = await e2e().server.seedOrganization('acme-risks', await loadWorkspace(DEMO_WORKSPACE));
    const { page } = await e2e().signIn(PEOPLE.compliance);

    // Add a risk mitigated by AC-01 (effective: three samples, no deviation).
    await page.goto(`${seeded.root}/risks`);
    await main(page).getByRole('button', { name: 'Add a risk' }).click();
    const form = main(page).getByRole('form', { name: 'Add a risk' });
    await form.getByLabel(/^Risk( \*)?$/).fill('Stolen credentials reach production');
    await form.getByLabel('Scenario').fill('A phished password signs in without a second factor');
    await form.getByLabel('Owner').fill('it-ops@acme.example');
    await form.getByLabel('Category').fill('Access');
    await pick(form, page, /^Likelihood/, '4');
    await pick(form, page, /^Impact/, '5');
    await form.getByLabel('Mitigating controls').click();
    await page.getByRole('option', { name: /^AC-01 / }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Add the risk' }).click();

    // The risk's page says why: AC-01 effective lowers the likelihood 2 levels, 4 × 5 = 20 becomes 2 × 5 = 10.
    await page.waitForURL(`**${seeded.root}/risks/R-001`);
    await expect.poll(() => main(page).getByTestId('residual').innerText()).toBe('10 HIGH');
    await main(page).getByText('AC-01 is concluded effective: it lowers the likelihood 2 levels').waitFor();

    // Both heat maps: inherent at likelihood 4, impact 5; residual at likelihood 2, impact 5.
    await page.goto(`${seeded.root}/risks`);
    await expect.poll(() => cellText(page, 'inherent', 4, 5)).toBe('1');
    expect(await cellText(page, 'residual', 2, 5)).toBe('1');
    expect(await cellText(page, 'residual', 4, 5)).toBe('');
    // A cell clicked filters the register to its risks.
    await main(page).getByTestId('heat-map-residual').locator('[data-cell="1-1"]').click();
    await main(page).getByText('No risk matches.').waitFor();
    await main(page).getByTestId('heat-map-residual').locator('[data-cell="2-5"]').click();
    await main(page).getByTestId('risk-R-001').waitFor();

    // AC-01 fails: two deviations in the auditor's samples make it not effective.
    for (const item of ['app:zoom', 'app:slack']) {
      await e2e().server.services.tests.addSample(OPERATOR, seeded.organizationId, seeded.engagementId, 'AC-01', { item, result: 'fail', note: 'Signed in without MFA' });
    }
    await page.goto(`${seeded.root}/risks/R-001`);
    await expect.poll(() => main(page).getByTestId('residual').innerText()).toBe('20 CRITICAL');
    await main(page).getByText('No linked control is effective: the likelihood stays as rated').waitFor();
    await page.goto(`${seeded.root}/risks`);
    await expect.poll(() => cellText(page, 'residual', 4, 5)).toBe('1');

    // A vendor's SOC 2 report with exceptions raises a risk, linked back to the vendor.
    await page.goto(`${seeded.root}/vendors`);
    const add = main(page).getByRole('form', { name: 'Add a vendor' });
    await add.getByLabel(/^Vendor( \*)?$/).fill('CloudHost');
    await add.getByLabel('Service').fill('Hosting');
    await add.getByLabel('Vendor owner').fill('it-ops@acme.example');
    await add.getByLabel('Data it touches').fill('Customer data');
    await pick(add, page, 'Criticality', 'critical');
    await add.getByRole('button', { name: 'Add the vendor' }).click();
    const record = main(page).getByRole('form', { name: 'Record a SOC 2 report of V-001' });
    await record.getByLabel('Period start').fill(periodStart);
    await record.getByLabel('Period end').fill(periodEnd);
    await record.getByLabel('Exceptions').fill('2');
    await record.getByRole('button', { name: 'Record the report' }).click();
    await record.getByText('Recorded; it raised R-002.').waitFor();
    await main(page).getByTestId('vendor-V-001').getByRole('link', { name: 'R-002' }).click();
    await page.waitForURL(`**${seeded.root}/risks/R-002`);
    await main(page).getByRole('heading', { name: 'R-002 CloudHost: its SOC 2 report has exceptions (2)' }).waitFor();
    expect(await main(page).getByTestId('raised-by').innerText()).toContain("Raised by V-001's SOC 2 report");

    // A year on, the report has expired: nothing changes by itself; looking again as of today raises its risk.
    const year = 400 * 86_400_000;
    e2e().server.travel(year);
    try {
      const later = (await e2e().signIn(PEOPLE.compliance)).page;
      await later.goto(`${seeded.root}/vendors`);
      await main(later).getByRole('button', { name: 'Look again as of today' }).click();
      await main(later).getByText('It raised R-003.').waitFor();
      await main(later).getByTestId('vendor-V-001').getByRole('link', { name: 'R-003' }).waitFor();
    } finally {
      e2e().server.travel(-year);
    }
  });
});
