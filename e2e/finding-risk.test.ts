// A risk raised from a finding, in the browser: the finding's Risks card offers "Raise a risk", which opens the risk
// register's form filled from the finding (its title, control and the finding itself); once added, the risk sits in
// the register with the finding's control, its page links back to the finding, and the finding's card lists it.
import { expect, it } from 'vitest';
import { main } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

describeE2E('raising a risk from a finding', (e2e) => {
  it('raises a risk from F-AC-04 that the register and the finding both show, linked to each other', async () => {
    const { root } = e2e().server.demo;
    const { page } = await e2e().signIn(PEOPLE.compliance);
    await page.goto(`${root}/findings/F-AC-04`);
    const risks = main(page).getByRole('region', { name: 'Risks' });
    await risks.getByText('No risk of the register is linked to this finding.').waitFor();
    const findingTitle = ((await main(page).getByRole('heading', { level: 1 }).textContent()) ?? '').trim();

    await risks.getByRole('link', { name: 'Raise a risk' }).click();
    await page.waitForURL(`**${root}/risks?finding=F-AC-04`);
    await main(page).getByRole('heading', { name: 'Raise a risk from F-AC-04' }).waitFor();
    const form = main(page).getByRole('form', { name: 'Add a risk' });
    // Filled from the finding: the risk's name is the finding's title (which the heading leads with its code).
    const title = await form.getByLabel(/^Risk( \*)?$/).inputValue();
    expect(title).not.toBe('');
    expect(findingTitle).toContain(title);
    await form.getByLabel(/^Owner/).fill(PEOPLE.owner);
    await form.getByLabel(/^Category/).fill('Access');
    await form.getByRole('button', { name: 'Add the risk' }).click();

    // The risk's page names the finding, and its link goes back to it.
    await page.waitForURL(`**${root}/risks/R-001`);
    const theRisk = main(page).getByRole('region', { name: 'The risk' });
    await theRisk.getByRole('link', { name: 'F-AC-04' }).waitFor();

    // The register: one risk, mitigated by the finding's control.
    await page.goto(`${root}/risks`);
    const row = main(page).getByTestId('risk-R-001');
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['R-001', title, PEOPLE.owner, 'AC-04']));

    // The finding's card lists it now, and its link opens the risk.
    await page.goto(`${root}/findings/F-AC-04`);
    const linked = risks.getByRole('link', { name: `R-001 ${title}` });
    await linked.click();
    await page.waitForURL(`**${root}/risks/R-001`);
  });
});
