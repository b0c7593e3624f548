// Recorded results are evidence: a selection recorded on the Sampling page is added to AC-04's test as samples
// not yet tested, its two deviations and their notes stay, the control stays not effective, and starting over
// is offered only as a new test version. Recording an untested item's result asks a fail for its note.
import { expect, it } from 'vitest';
import { main, readConclusion, samplesTable, untestedTable } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

const POPULATION = Array.from({ length: 200 }, (_, i) => `LEAVER-${String(i + 1).padStart(4, '0')}`);

describeE2E('recorded results are evidence', (e2e) => {
  it('adds a selection to a test with deviations as not yet tested, and keeps the deviations', async () => {
    const { page } = await e2e().signIn(PEOPLE.compliance);
    const root = e2e().server.demo.root;
    await page.goto(`${root}/controls/AC-04`);
    await samplesTable(page).waitFor();
    const deviations = await samplesTable(page).getByRole('row').filter({ has: page.getByRole('radio', { name: 'fail', checked: true }) }).count();
    expect(deviations).toBeGreaterThan(0);
    expect(await readConclusion(page)).toMatch(/not.effective/);

    await page.goto(`${root}/sampling?control=AC-04`);
    await main(page).getByRole('textbox', { name: /^Population/ }).fill(['id', ...POPULATION].join('\n'));
    await main(page).getByRole('textbox', { name: /^Seed/ }).fill('e2e-evidence');
    await main(page).getByRole('button', { name: 'Select sample', exact: true }).click();
    const selected = main(page).getByRole('table', { name: /selected sample/i });
    await selected.waitFor();
    const items = [...new Set((await selected.innerText()).match(/LEAVER-\d{4}/g) ?? [])];
    expect(items.length).toBeGreaterThan(0);

    // The test holds results: no replacement is offered, only a new version.
    await main(page).getByRole('button', { name: 'Start a new test version…' }).waitFor();
    expect(await main(page).getByRole('button', { name: /^Replace the test/ }).count()).toBe(0);
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
    await dialog.getByText('Say what deviated: a failed sample needs a note').waitFor();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Access removed 12 days after termination');
    const added = page.waitForResponse((response) => /\/controls\/AC-04\/test\/samples$/.test(response.url()));
    await dialog.getByRole('button', { name: 'Record the result' }).click();
    expect((await added).ok()).toBe(true);
    await samplesTable(page).getByRole('row').filter({ hasText: item }).waitFor();
    expect(await untestedTable(page).getByRole('rowheader', { name: item }).count()).toBe(0);
  });
});
