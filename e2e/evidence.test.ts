// Recorded results are evidence: a selection recorded on the Sampling page is added to AC-04's test as samples
// not yet tested, its two deviations and their notes stay, the control stays not effective, and starting over
// is offered only as a new test version. Recording an untested item's result asks a fail for its note.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { main, readConclusion, samplesTable, setSampleResult, untestedTable } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

const POPULATION = Array.from({ length: 200 }, (_, i) => `LEAVER-${String(i + 1).padStart(4, '0')}`);

/** Selects from POPULATION on the Sampling page for `control`; returns the items selected. */
async function selectFor(page: Page, root: string, control: string): Promise<string[]> {
  await page.goto(`${root}/sampling?control=${control}`);
  await main(page).getByRole('textbox', { name: /^Population/ }).fill(['id', ...POPULATION].join('\n'));
  await main(page).getByRole('textbox', { name: /^Seed/ }).fill('e2e-evidence');
  await main(page).getByRole('button', { name: 'Select sample', exact: true }).click();
  const selected = main(page).getByRole('table', { name: /selected sample/i });
  await selected.waitFor();
  return [...new Set((await selected.innerText()).match(/LEAVER-\d{4}/g) ?? [])];
}

/** The control page's history, newest first: the text of each change's row (the header row left out). */
async function historyRows(page: Page): Promise<string[]> {
  const history = main(page).getByRole('table', { name: 'History' });
  await history.waitFor();
  return (await history.getByRole('row').allInnerTexts()).slice(1);
}

describeE2E('recorded results are evidence', (e2e) => {
  it('adds a selection to a test with deviations as not yet tested, and keeps the deviations', async () => {
    const { page } = await e2e().signIn(PEOPLE.compliance);
    const root = e2e().server.demo.root;
    await page.goto(`${root}/controls/AC-04`);
    await samplesTable(page).waitFor();
    const deviations = await samplesTable(page).getByRole('row').filter({ has: page.getByRole('radio', { name: 'fail', checked: true }) }).count();
    expect(deviations).toBeGreaterThan(0);
    expect(await readConclusion(page)).toMatch(/not.effective/);

    const items = await selectFor(page, root, 'AC-04');
    expect(items.length).toBeGreaterThan(0);

    // The test holds results: the replacement is not offered (disabled, its reason beside it), only a new version.
    await main(page).getByRole('button', { name: 'Start a new test version…' }).waitFor();
    expect(await main(page).getByRole('button', { name: /^Replace the test/ }).isDisabled()).toBe(true);
    const recorded = page.waitForResponse((response) => /\/controls\/AC-04\/test$/.test(response.url()) && response.request().method() === 'PUT');
    await main(page).getByRole('button', { name: "Add to the control's test" }).click();
    expect((await recorded).ok()).toBe(true);

    await page.goto(`${root}/controls/AC-04`);
    await untestedTable(page).waitFor();
    expect((await untestedTable(page).getByRole('rowheader').allInnerTexts()).sort()).toEqual([...items].sort());
    const stillFailed = samplesTable(page).getByRole('row').filter({ has: page.getByRole('radio', { name: 'fail', checked: true }) });
    expect(await stillFailed.count()).toBe(deviations);
    expect(await readConclusion(page)).toMatch(/not.effective/);

    // An untested item's fail needs its note; once recorded it is a sample.
    const item = items[0] as string;
    await untestedTable(page).getByRole('button', { name: `Record the result of ${item}` }).click();
    const dialog = page.getByRole('dialog', { name: `Record the result of ${item}` });
    await dialog.getByText(/^fail$/).click();
    await dialog.getByRole('button', { name: 'Record the result' }).click();
    await dialog.getByText('a failed sample needs a note saying what deviated').waitFor();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Access removed 12 days after termination');
    const added = page.waitForResponse((response) => /\/controls\/AC-04\/test\/samples$/.test(response.url()));
    await dialog.getByRole('button', { name: 'Record the result' }).click();
    expect((await added).ok()).toBe(true);
    await samplesTable(page).getByRole('row').filter({ hasText: item }).waitFor();
    expect(await untestedTable(page).getByRole('rowheader', { name: item }).count()).toBe(0);
  });

  it('starts a new test version only with a reason, keeping the previous results in the history', async () => {
    const { page } = await e2e().signIn(PEOPLE.compliance);
    const root = e2e().server.demo.root;
    const items = await selectFor(page, root, 'CM-01');
    await main(page).getByRole('button', { name: 'Start a new test version…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a new test version of CM-01' });
    await dialog.getByText(/current test, with its 25 recorded results and their notes, stays in the control’s history/).waitFor();
    await dialog.getByRole('button', { name: 'Start the new version' }).click();
    await dialog.getByText(/Say why the test starts over/).waitFor();
    await dialog.getByRole('textbox', { name: /Why a new test version/ }).fill('Branch protection changed in May: retest the rest of the period');
    const recorded = page.waitForResponse((response) => /\/controls\/CM-01\/test$/.test(response.url()) && response.request().method() === 'PUT');
    await dialog.getByRole('button', { name: 'Start the new version' }).click();
    expect((await recorded).ok()).toBe(true);

    await page.goto(`${root}/controls/CM-01`);
    await untestedTable(page).waitFor();
    expect((await untestedTable(page).getByRole('rowheader').allInnerTexts()).sort()).toEqual([...items].sort());
    expect(await readConclusion(page)).toMatch(/not.tested/);
    const [latest] = await historyRows(page);
    expect(latest).toMatch(/New test version started/);
    expect(latest).toMatch(/reason: Branch protection changed in May/);
    expect(latest).toMatch(/the previous version had 25 samples: analytics-api#4821 pass/);
  });

  it("shows in the control's history who changed which result, when, and why", async () => {
    const { page } = await e2e().signIn(PEOPLE.auditor);
    await page.goto(`${e2e().server.demo.root}/controls/CM-03`);
    await samplesTable(page).waitFor();
    const item = ((await samplesTable(page).getByRole('rowheader').first().innerText()) ?? '').trim();
    const began = Date.now();
    const recorded = page.waitForResponse((response) => /\/controls\/CM-03\/test\/samples\//.test(response.url()));
    await setSampleResult(page, item, 'fail', { note: 'Approved by its own author', reason: 'Re-inspected the approval trail' });
    expect((await recorded).ok()).toBe(true);
    await expect.poll(async () => (await historyRows(page))[0] ?? '', { timeout: 15_000 }).toMatch(new RegExp(`${PEOPLE.auditor}`));
    const [latest] = await historyRows(page);
    expect(latest).toMatch(/Sample recorded/);
    expect(latest).toContain(`${item}: result: pass → fail`);
    expect(latest).toMatch(/reason: Re-inspected the approval trail/);
    const when = await main(page).getByRole('table', { name: 'History' }).getByRole('row').nth(1).locator('time').getAttribute('datetime');
    // When: the change's own time, recorded by the server after the test began (same machine, same clock).
    expect(Date.parse(when ?? '')).toBeGreaterThanOrEqual(began - 1000);
  });
});
