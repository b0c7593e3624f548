// The system description in the browser, as the compliance lead works it on the seeded demo (whose description
// discloses everything): a finding marked a significant incident makes the description page warn that it is not
// disclosed and the forecast's description opinion qualified, on the page and on the dashboard; disclosing it in
// the description's incidents takes the warning away and the opinion back to unmodified.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { main, opinionCard } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

/** The dashboard's description subject, as its badge reads. */
async function descriptionSubject(page: Page, root: string): Promise<string> {
  await page.goto(root);
  const value = opinionCard(page).getByText('Description of the system', { exact: true }).locator('xpath=following-sibling::*[1]');
  await value.waitFor();
  return ((await value.textContent()) ?? '').trim().toLowerCase();
}

async function descriptionOpinion(page: Page): Promise<string> {
  const badge = main(page).getByTestId('description-opinion');
  await badge.waitFor();
  return ((await badge.textContent()) ?? '').trim().toLowerCase();
}

describeE2E('the system description', (e2e) => {
  it('warns of a significant incident it does not disclose, and qualifies the description opinion until it is disclosed', async () => {
    const { root } = e2e().server.demo;
    const { page } = await e2e().signIn(PEOPLE.compliance);

    // Before: the demo's description is complete and its opinion unmodified.
    await page.goto(`${root}/description`);
    await main(page).getByText('The description is complete').waitFor();
    expect(await descriptionOpinion(page)).toBe('unmodified');
    expect(await descriptionSubject(page, root)).toBe('unmodified');

    // A significant incident recorded: F-AC-06 marked so on its page.
    await page.goto(`${root}/findings/F-AC-06`);
    const mark = main(page).getByRole('switch', { name: /significant incident the system description must disclose/ });
    // The switch shows the stored mark: it turns on once the server has recorded it, not at the click.
    await mark.click();
    await main(page).getByText('Until the description discloses it, the description opinion is qualified.').waitFor();
    expect(await mark.isChecked()).toBe(true);

    // The description warns where, and the forecast's description opinion is qualified, here and on the dashboard.
    await page.goto(`${root}/description`);
    const warnings = main(page).getByTestId('description-warnings');
    await warnings.getByText(/Significant incident F-AC-06 .* is not disclosed/).waitFor();
    await expect.poll(() => descriptionOpinion(page)).toBe('qualified');
    expect(await descriptionSubject(page, root)).toBe('qualified');

    // Disclosed: the incident added to the description's incidents and saved.
    await page.goto(`${root}/description`);
    await main(page).getByRole('button', { name: 'Disclose F-AC-06' }).click();
    await main(page).getByRole('textbox', { name: 'Finding' }).first().waitFor();
    await main(page).getByRole('button', { name: 'Save the description' }).click();
    await main(page).getByText('The description is complete').waitFor();
    await expect.poll(() => descriptionOpinion(page)).toBe('unmodified');
    expect(await descriptionSubject(page, root)).toBe('unmodified');
  });
});
