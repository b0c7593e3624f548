// A phone (390×844): the dashboard, a control and signing out, each reachable without the page growing wider
// than the screen; the header keeps dark mode and the account menu, the navigation holds the switchers, and a
// wide table scrolls inside its card.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { main, overallOpinion, overflow, samplesTable } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

const PHONE = { width: 390, height: 844 };

/** Whether the element is inside the screen's width. */
async function onScreen(page: Page, name: string | RegExp, role: 'button' | 'combobox' | 'link' = 'button'): Promise<boolean> {
  const box = await page.getByRole(role, { name }).first().boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= PHONE.width;
}

describeE2E('on a phone', (e2e) => {
  it('opens the dashboard and a control, switches to dark mode and signs out', async () => {
    const { page } = await e2e().signIn(PEOPLE.compliance, { viewport: PHONE, isMobile: true, hasTouch: true });
    const { root } = e2e().server.demo;

    await page.goto(root);
    await overallOpinion(page).waitFor();
    expect(await overflow(page)).toBe(0);
    expect(await onScreen(page, /^Account of /)).toBe(true);
    expect(await onScreen(page, 'Switch to dark mode')).toBe(true);

    // The navigation opens from the burger, with the organisation and engagement switchers, and closes on a choice.
    await page.getByRole('button', { name: 'Open navigation' }).click();
    const navigation = page.getByRole('navigation', { name: 'Sections' });
    const switcher = navigation.getByRole('button', { name: 'Engagement' });
    await switcher.waitFor();
    // The whole name, wrapped over lines where it is long: the switcher is no wider than the screen.
    const switcherBox = await switcher.boundingBox();
    expect(switcherBox !== null && switcherBox.x + switcherBox.width <= PHONE.width).toBe(true);
    await navigation.getByRole('link', { name: 'Controls' }).click();
    await page.waitForURL(`**${root}/controls`);
    await main(page).getByRole('link', { name: 'AC-04' }).first().click();
    await samplesTable(page).waitFor();
    expect(await overflow(page)).toBe(0);
    // The samples table is wider than a phone: it scrolls sideways inside its card, its last column reachable.
    const note = samplesTable(page).getByRole('columnheader', { name: 'Note' });
    await note.scrollIntoViewIfNeeded();
    expect(await overflow(page)).toBe(0);
    const noteBox = await note.boundingBox();
    expect(noteBox !== null && noteBox.x + noteBox.width <= PHONE.width).toBe(true);

    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');

    await page.getByRole('button', { name: /^Account of / }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});
