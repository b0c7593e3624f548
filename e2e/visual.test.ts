// The first dashboard load of the demo organisation, timed with the browser's Navigation Timing and printed
// (never asserted: a timing depends on the machine), and screenshots of every page at 1280×800 and 390×844 (and
// the dashboard in dark mode), saved for a person to look at (test-results/ is git-ignored): the engagement's
// pages and settings tabs, the sign-in, the invitation, the account's password dialog and a fresh instance's
// setup. While they are taken, no request fails, the console stays quiet and no heading or badge cuts a word.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { callApi, cutWords, ENGAGEMENT_PAGES, opinionCard, overallOpinion, signInThroughForm } from './support/pages.js';
import { PEOPLE, ROOT, startEmptyServer } from './support/server.js';
import { describeE2E } from './support/suite.js';

const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

/** The widths every page is looked at: a laptop and a phone. */
const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

/**
 * The browser APIs the in-page functions below use. This code is type-checked without the DOM library (it runs
 * in Node), so each in-page function reads them through `globalThis` cast to this.
 */
interface InPage {
  document: {
    querySelector(selector: string): { offsetParent: unknown } | null;
    fonts: { ready: Promise<unknown> };
  };
  performance: {
    now(): number;
    getEntriesByType(type: 'navigation' | 'resource'): {
      transferSize: number;
      responseEnd: number;
      domContentLoadedEventEnd: number;
      loadEventEnd: number;
    }[];
  };
}

/** Lets charts finish drawing and fonts settle; the pages' data is already there. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => (globalThis as unknown as InPage).document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(1200);
}

/** The viewport as `<name>.png`; with `fullPage`, also the whole page as `<name>-full.png`. */
async function shoot(page: Page, name: string, { fullPage = false } = {}): Promise<void> {
  await settle(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
  if (fullPage) await page.screenshot({ path: join(SCREENSHOTS, `${name}-full.png`), animations: 'disabled', fullPage: true });
}

describeE2E('load time and screenshots', (e2e) => {
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  // First in the file, so the server's evaluation cache is as cold as the browser's.
  it('prints the first dashboard load of the demo organisation', async () => {
    // Signed in through the API: the page below is the browser's first request for the app, cold cache.
    const { page } = await e2e().signIn(PEOPLE.compliance);
    await page.goto(e2e().server.demo.root, { waitUntil: 'commit' });
    const opinionAt = await page.waitForFunction(
      () => {
        const { document, performance } = globalThis as unknown as InPage;
        const badge = document.querySelector('[aria-label^="Forecast opinion"]');
        // offsetParent is null while the element (or an ancestor) is not displayed.
        return badge !== null && badge.offsetParent !== null ? performance.now() : null;
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    const opinionVisible = (await opinionAt.jsonValue()) as number;
    await page.waitForLoadState('load');
    const timing = await page.evaluate(() => {
      const { performance } = globalThis as unknown as InPage;
      const [nav] = performance.getEntriesByType('navigation');
      if (!nav) throw new Error('no navigation timing entry');
      return {
        responseEnd: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        loadEventEnd: nav.loadEventEnd,
        transferredKiB: performance
          .getEntriesByType('resource')
          .reduce((sum, r) => sum + r.transferSize, nav.transferSize) / 1024,
      };
    });
    const ms = (n: number) => `${Math.round(n)} ms`;
    console.log(
      [
        'First dashboard load of the demo organisation (Navigation Timing, from navigation start):',
        `  index.html received   ${ms(timing.responseEnd)}`,
        `  domContentLoaded      ${ms(timing.domContentLoaded)}`,
        `  loadEventEnd          ${ms(timing.loadEventEnd)}`,
        `  opinion card visible  ${ms(opinionVisible)}`,
        `  transferred           ${Math.round(timing.transferredKiB)} KiB`,
      ].join('\n'),
    );
  });

  for (const [width, viewport] of Object.entries(WIDTHS)) {
    it(`saves a screenshot of every page at ${width} width (${viewport.width}×${viewport.height})`, async () => {
      const { root } = e2e().server.demo;
      const login = await (await e2e().newContext({ viewport })).newPage();
      await login.goto('/login');
      await login.getByRole('button', { name: 'Sign in' }).waitFor();
      await shoot(login, `${width}-login`);

      const { page } = await e2e().signIn(PEOPLE.compliance, { viewport });
      // Nothing a page asks for is missing (a favicon, a comparison with no previous period), and the console is quiet.
      const complaints: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) complaints.push(`${response.status()} ${response.url()}`);
      });
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') complaints.push(message.text());
      });
      const cut: string[] = [];
      for (const { name, path, ready } of ENGAGEMENT_PAGES) {
        await page.goto(`${root}${path}`);
        await ready(page).first().waitFor();
        await shoot(page, `${width}-${name}`, { fullPage: true });
        cut.push(...(await cutWords(page)).map((words) => `${name}: ${words}`));
      }
      await page.getByRole('button', { name: /^Account of / }).click();
      await page.getByRole('menuitem', { name: 'Change password' }).click();
      await page.getByRole('dialog').getByLabel(/^Current password/).waitFor();
      await shoot(page, `${width}-account-password`);
      expect(complaints).toEqual([]);
      expect(cut).toEqual([]);
    });

    it(`saves a screenshot of the invitation and of a fresh instance's setup at ${width} width`, async () => {
      const admin = await e2e().signIn(PEOPLE.admin);
      const organizationId = e2e().server.demo.root.split('/')[2];
      const invited = await callApi(admin.context.request, admin.csrfToken, 'POST', e2e().url(`/api/v1/organizations/${organizationId}/invitations`), {
        email: `screens-${width}@acme.example`,
        role: 'auditor',
      });
      expect(invited.status).toBe(201);
      const invitee = await (await e2e().newContext({ viewport })).newPage();
      await invitee.goto((invited.body as { link: string }).link);
      await invitee.getByRole('heading', { name: /^Join / }).waitFor();
      await shoot(invitee, `${width}-invitation`);
      expect(await cutWords(invitee)).toEqual([]);

      const fresh = await startEmptyServer();
      try {
        const setup = await (await e2e().newContext({ viewport, baseURL: fresh.url })).newPage();
        await signInThroughForm(setup, fresh.admin);
        await setup.getByRole('heading', { name: 'Set up Assay' }).waitFor();
        await shoot(setup, `${width}-setup`, { fullPage: true });
        expect(await cutWords(setup)).toEqual([]);
      } finally {
        await fresh.stop();
      }
    });
  }

  it('saves a screenshot of the navigation opened on a phone, with the switchers', async () => {
    const { page } = await e2e().signIn(PEOPLE.compliance, { viewport: WIDTHS.phone });
    await page.goto(e2e().server.demo.root);
    await overallOpinion(page).waitFor();
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).waitFor();
    await shoot(page, 'phone-navigation');
  });

  it('saves a screenshot of the dashboard in dark mode', async () => {
    // The app follows the system's colour scheme until a person picks one.
    const { page } = await e2e().signIn(PEOPLE.compliance, { colorScheme: 'dark' });
    await page.goto(e2e().server.demo.root);
    await opinionCard(page).waitFor();
    await overallOpinion(page).waitFor();
    await shoot(page, 'dashboard-dark');
  });
});
