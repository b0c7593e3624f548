// The whole loop of a finding, in the browser, as the compliance lead works it: on a fresh organisation with the
// demo's examination and no findings (the dashboard first read as it stands), AC-04 (not effective) is raised as a finding from its control page; its
// root cause is written, a corrective action planned and completed after the period, the finding moved through
// analysing, remediating and ready for retest, a retest over a later period with one passing sample recorded,
// and the finding closed. The dashboard then forecasts an unmodified opinion after remediation while the
// period's own opinion stays qualified (remediation never erases a deviation), and the burndown counts the
// action done.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DEMO_WORKSPACE } from '../src/cli/commands/demo.js';
import { loadWorkspace } from '../src/workspace/load.js';
import { addDoneAction, appDate, main, readConclusion, readFindingStatus, readOpinion, takeFindingStep } from './support/pages.js';
import { PEOPLE, ROOT } from './support/server.js';
import { describeE2E } from './support/suite.js';

const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

// The period ends on 2026-06-30: the fix is completed after it, and the retest covers a period after the fix.
const DUE = '2026-08-31';
const COMPLETED_ON = '2026-08-20';
const RETEST = { date: '2026-10-05', periodStart: '2026-09-01', periodEnd: '2026-09-30' };

/** Picks an option of a Mantine select: the combobox opens a listbox of options. */
async function pick(scope: Locator, page: Page, label: RegExp, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const section = (page: Page, name: string) => main(page).getByRole('region', { name });

describeE2E('working a finding', (e2e) => {
  it('raises, traces, fixes, retests and closes a finding; the dashboard forecasts the report after remediation', async () => {
    const seeded = await e2e().server.seedOrganization('acme-findings', await loadWorkspace(DEMO_WORKSPACE));
    const { page } = await e2e().signIn(PEOPLE.compliance);
    const burndown = main(page).getByRole('region', { name: 'Corrective action burndown' });

    // Before: nothing remediated, so the forecast after remediation is the period's own, and no action is planned.
    await page.goto(seeded.root);
    expect(await readOpinion(page)).toBe('qualified');
    await main(page).getByText('Forecast opinion after remediation: qualified').waitFor();
    await burndown.getByText('0 of 0 corrective actions done').waitFor();

    // The failed control, raised as a finding from its page.
    await page.goto(`${seeded.root}/controls/AC-04`);
    expect(await readConclusion(page)).toBe('not effective');
    await section(page, 'Conclusion').getByRole('button', { name: 'Raise a finding' }).click();
    await page.waitForURL(`**${seeded.root}/findings/F-AC-04`);
    expect(await readFindingStatus(page)).toBe('open');
    // The deviations as found: the two late deprovisionings of the period.
    const deviations = section(page, 'Deviations').getByRole('table', { name: 'Deviations' });
    await expect.poll(() => deviations.getByRole('row').count()).toBe(3);

    // The root cause: a category and the whys.
    await section(page, 'Root cause').getByRole('button', { name: 'Write the root cause' }).click();
    let dialog = page.getByRole('dialog', { name: 'Root cause of F-AC-04' });
    await dialog.getByRole('textbox', { name: /^Title/ }).fill('Offboarding tickets went to a queue nobody watched');
    await pick(dialog, page, /^Category/, 'process');
    await dialog.getByRole('textbox', { name: 'Why 1' }).fill('Accounts were deactivated only when IT worked the offboarding ticket');
    await dialog.getByRole('button', { name: 'Add a why' }).click();
    await dialog.getByRole('textbox', { name: 'Why 2' }).fill('The ticket was assigned to a queue nobody watched');
    await dialog.getByRole('button', { name: 'Save the root cause' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await section(page, 'Root cause').getByText('RC-1 · Offboarding tickets went to a queue nobody watched').waitFor();

    // A corrective action: planned with its owner and due date, then done with its completion date.
    await addDoneAction(page, { id: 'CA-1', title: 'Deprovision automatically from the HR system', owner: PEOPLE.owner, due: DUE, completedOn: COMPLETED_ON, evidence: 'CHG-2291' });
    await section(page, 'Corrective actions').getByRole('cell', { name: appDate(COMPLETED_ON) }).waitFor();

    // Through the lifecycle to the retest.
    await takeFindingStep(page, 'Start analysing', 'analysing');
    await takeFindingStep(page, 'Start remediating', 'remediating');
    await takeFindingStep(page, 'Ready for retest', 'ready for retest');

    // A retest over a period after the fix: one passing sample of a population of one.
    await section(page, 'Retests').getByRole('button', { name: 'Record a retest' }).click();
    dialog = page.getByRole('dialog', { name: 'Retest AC-04' });
    await dialog.getByLabel(/^Performed on/).fill(RETEST.date);
    await dialog.getByLabel(/^Period start/).fill(RETEST.periodStart);
    await dialog.getByLabel(/^Period end/).fill(RETEST.periodEnd);
    await dialog.getByRole('textbox', { name: /^Population size/ }).fill('1');
    await dialog.getByRole('textbox', { name: 'Item' }).fill('TERM-2026-031');
    await dialog.getByRole('button', { name: 'Record the retest' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await section(page, 'Retests').getByLabel('Retest conclusion: effective').waitFor();

    await takeFindingStep(page, 'Close the finding', 'closed');
    // The finding page for a person to look at, once the notifications of the steps have gone.
    await expect.poll(() => page.getByRole('alert').count(), { timeout: 20_000, interval: 250 }).toBe(0);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'finding-closed.png'), fullPage: true, animations: 'disabled' });

    // The dashboard: the period's own opinion stays qualified; after remediation it would be unmodified.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Dashboard' }).click();
    expect(await readOpinion(page)).toBe('qualified');
    await main(page).getByText('Forecast opinion after remediation: unmodified').waitFor();
    await burndown.getByText('1 of 1 corrective actions done').waitFor();
  });
});
