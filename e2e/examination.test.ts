// A compliance lead signs in through the form, reads the forecast on the dashboard, and opens a control from
// the controls page to see its conclusion (the demo: examples/acme, whose forecast is qualified by AC-04).
import { expect, it } from 'vitest';
import { main, readConclusion, readOpinion, signInThroughForm } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

describeE2E('signing in and reading the examination', (e2e) => {
  it('signs in through the login form, lands on the dashboard and reads the forecast opinion', async () => {
    const context = await e2e().newContext();
    const page = await context.newPage();
    await signInThroughForm(page, PEOPLE.compliance);
    await page.waitForURL((url) => url.pathname === e2e().server.demo.root);
    expect(await readOpinion(page)).toBe('qualified');
  });

  it('opens a control from the controls page and shows its conclusion', async () => {
    const { page } = await e2e().signIn(PEOPLE.compliance);
    await page.goto(`${e2e().server.demo.root}/controls`);
    await main(page).getByRole('link', { name: /AC-04/ }).first().click();
    await page.waitForURL((url) => url.pathname === `${e2e().server.demo.root}/controls/AC-04`);
    await main(page).getByRole('heading', { name: /AC-04/ }).first().waitFor();
    // Two of the eight terminations of the period were deprovisioned late: the exact rate exceeds the tolerable rate.
    expect(await readConclusion(page)).toBe('not effective');
  });
});
