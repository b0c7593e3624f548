// The monitoring loop in the browser, as the compliance lead works it on the Monitoring page: the leavers check
// (MON-AC-04) fails on an Okta export where a leaver keeps access and opens its finding; the finding is worked
// to ready for retest, a corrected export makes the check pass (the run is the retest) and the finding closes;
// then a new export with the leaver active again fails the check and the finding reopens as a regression.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DEMO_WORKSPACE } from '../src/cli/commands/demo.js';
import { addDays, isoDate } from '../src/domain/dates.js';
import { hrRoster, oktaUsers } from '../src/services/monitoring/testing.js';
import { readCheckFiles } from '../src/workspace/checks.js';
import { loadWorkspace } from '../src/workspace/load.js';
import { addDoneAction, main, readFindingStatus, takeFindingStep } from './support/pages.js';
import { PEOPLE, ROOT } from './support/server.js';
import { describeE2E } from './support/suite.js';

// Runs on demand are as of today: the leavers left last month, and the fix is done before today's retest.
const TODAY = isoDate(new Date());
const LEFT = addDays(TODAY, -30);
const ROSTER = hrRoster([
  ['E1', LEFT],
  ['E2', LEFT],
]);
const REMOVED = `${LEFT}T17:00:00.000Z`;
const E2_STILL_ACTIVE = oktaUsers([
  ['E1', 'DEPROVISIONED', REMOVED],
  ['E2', 'ACTIVE', '2021-01-04T09:00:00.000Z'],
]);
const BOTH_REMOVED = oktaUsers([
  ['E1', 'DEPROVISIONED', REMOVED],
  ['E2', 'DEPROVISIONED', REMOVED],
]);

const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

const card = (page: Page) => main(page).getByRole('region', { name: /^MON-AC-04: / });
const section = (page: Page, name: string) => main(page).getByRole('region', { name });

/** Uploads `text` as the export of a source with the source's button, and waits for the page to show it read. */
async function uploadExport(page: Page, source: string, fileName: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await card(page).getByRole('button', { name: `Upload the export of ${source}` }).click();
  await (await chooser).setFiles({ name: fileName, mimeType: fileName.endsWith('.json') ? 'application/json' : 'text/csv', buffer: Buffer.from(text) });
  await page.getByText(`${fileName} is the export of ${source}`).waitFor();
}

/** Runs the check with "Run now" and waits for its history to hold `runs` runs and the latest result to show. */
async function runNow(page: Page, result: 'pass' | 'fail', runs: number): Promise<void> {
  await card(page).getByRole('button', { name: 'Run now' }).click();
  await expect.poll(() => card(page).getByRole('table', { name: 'Runs of MON-AC-04' }).getByRole('row').count(), { timeout: 15_000 }).toBe(runs + 1); // and its header
  await card(page).getByLabel(`Latest result: ${result}`).waitFor();
}

describeE2E('the monitoring loop', (e2e) => {
  it('opens a finding from a failing check, closes it on a passing run, and reopens it as a regression', async () => {
    const examination = { ...(await loadWorkspace(DEMO_WORKSPACE)), checkFiles: await readCheckFiles(DEMO_WORKSPACE) };
    const seeded = await e2e().server.seedOrganization('acme-monitoring', examination);
    const { page } = await e2e().signIn(PEOPLE.compliance);

    // A leaver (E2) keeps access: the check fails and its finding opens, linked from the failing item.
    await page.goto(`${seeded.root}/checks`);
    await card(page).waitFor();
    await uploadExport(page, 'hr', 'hr-roster.csv', ROSTER);
    await uploadExport(page, 'idp', 'okta-users.json', E2_STILL_ACTIVE);
    await runNow(page, 'fail', 1);
    const failing = card(page).getByRole('table', { name: 'Failing items of MON-AC-04' });
    await failing.getByRole('row').filter({ hasText: 'E2' }).waitFor();
    expect(await failing.getByRole('row').filter({ hasText: 'E1' }).count()).toBe(0);
    await failing.getByRole('link', { name: 'F-MON-AC-04' }).click();
    await page.waitForURL(`**${seeded.root}/findings/F-MON-AC-04`);
    expect(await readFindingStatus(page)).toBe('open');
    await section(page, 'Deviations').getByRole('table', { name: 'Deviations' }).getByText('E2', { exact: true }).waitFor();

    // Worked to ready for retest: a root cause, and the fix done yesterday.
    await section(page, 'Root cause').getByRole('button', { name: 'Write the root cause' }).click();
    const dialog = page.getByRole('dialog', { name: 'Root cause of F-MON-AC-04' });
    await dialog.getByRole('textbox', { name: /^Title/ }).fill('Leavers were removed from Okta by hand');
    await dialog.getByRole('combobox', { name: /^Category/ }).click();
    await page.getByRole('option', { name: 'process', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Why 1' }).fill('No feed from the HR system to the identity provider');
    await dialog.getByRole('button', { name: 'Save the root cause' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await addDoneAction(page, { id: 'CA-1', title: 'Deprovision leavers from the HR feed', owner: PEOPLE.owner, due: TODAY, completedOn: addDays(TODAY, -1), evidence: 'CHG-3107' });
    await takeFindingStep(page, 'Start analysing', 'analysing');
    await takeFindingStep(page, 'Start remediating', 'remediating');
    await takeFindingStep(page, 'Ready for retest', 'ready for retest');

    // The corrected export: the check passes, the run is the finding's retest, and the finding closes.
    await page.goto(`${seeded.root}/checks`);
    await uploadExport(page, 'idp', 'okta-users-fixed.json', BOTH_REMOVED);
    await runNow(page, 'pass', 2);
    expect(await card(page).getByRole('table', { name: 'Failing items of MON-AC-04' }).count()).toBe(0);
    await page.goto(`${seeded.root}/findings/F-MON-AC-04`);
    await section(page, 'Retests').getByLabel('Retest conclusion: effective').waitFor();
    await takeFindingStep(page, 'Close the finding', 'closed');

    // E2 active again in a new export: the check fails and the closed finding reopens as a regression.
    await page.goto(`${seeded.root}/checks`);
    await uploadExport(page, 'idp', 'okta-users-later.json', E2_STILL_ACTIVE);
    await runNow(page, 'fail', 3);
    await card(page).getByRole('table', { name: 'Failing items of MON-AC-04' }).getByRole('link', { name: 'F-MON-AC-04' }).click();
    await page.waitForURL(`**${seeded.root}/findings/F-MON-AC-04`);
    expect(await readFindingStatus(page)).toBe('open');
    await section(page, 'Lifecycle').getByText(`Check MON-AC-04 fails again as of ${TODAY}`, { exact: false }).waitFor();

    // The Monitoring page after the loop (failing items, trend and run history), for a person to look at.
    await page.goto(`${seeded.root}/checks`);
    await card(page).getByRole('table', { name: 'Runs of MON-AC-04' }).waitFor();
    await page.waitForLoadState('networkidle');
    await mkdir(SCREENSHOTS, { recursive: true });
    await card(page).screenshot({ path: join(SCREENSHOTS, 'monitoring-loop.png'), animations: 'disabled' });
  });
});
