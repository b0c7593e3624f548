// The pages respect roles (DESIGN §6): an auditor records tests but never alters evidence, and a viewer is
// offered no change anywhere. The server refuses what the page does not offer, whoever sends it.
import { expect, it } from 'vitest';
import { callApi, editableCount, editButtons, main, mayChangePopulation, samplesTable } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

interface ControlTest {
  method: string;
  populationSize: number | null;
  scopeLimitation: string | null;
  samples: { item: string; result: string; note: string | null }[];
  version: number;
}

/** A control that passed every sample, so a changed population would not move the forecast had it been accepted. */
const CONTROL = 'AC-02';

describeE2E('roles in the browser', (e2e) => {
  it('offers the compliance lead the population size of a control test to edit', async () => {
    const { page } = await e2e().signIn(PEOPLE.compliance);
    await page.goto(`${e2e().server.demo.root}/controls/${CONTROL}`);
    await samplesTable(page).waitFor();
    expect(await mayChangePopulation(page)).toBe(true);
  });

  it('refuses an auditor an evidence edit: no control on the page, 403 from the API', async () => {
    const { context, page, csrfToken } = await e2e().signIn(PEOPLE.auditor);
    await page.goto(`${e2e().server.demo.root}/controls/${CONTROL}`);
    await samplesTable(page).waitFor();
    // The auditor records test work (samples, results) but is offered no change of the population.
    expect(await mayChangePopulation(page)).toBe(false);
    expect(await main(page).getByRole('button', { name: /population|evidence/i }).count()).toBe(0);

    // The same change sent by hand, with the auditor's session and CSRF token: refused by `evidence.manage`,
    // whether as a whole test or as the population alone.
    const { organizationId, engagementId } = e2e().server.demo;
    const url = e2e().url(`/api/v1/organizations/${organizationId}/engagements/${engagementId}/controls/${CONTROL}/test`);
    const before = (await callApi(context.request, csrfToken, 'GET', url)).body as ControlTest;
    const populationSize = (before.populationSize ?? before.samples.length) + 1;
    const forced = [
      await callApi(context.request, csrfToken, 'PUT', url, {
        version: before.version,
        method: before.method,
        populationSize,
        scopeLimitation: before.scopeLimitation,
        samples: before.samples,
      }),
      await callApi(context.request, csrfToken, 'PUT', `${url}/population`, { version: before.version, populationSize }),
    ];
    for (const refused of forced) {
      expect(refused.status).toBe(403);
      // Refused for the permission, not for a missing CSRF token.
      expect(JSON.stringify(refused.body)).toMatch(/evidence\.manage/);
    }
    expect((await callApi(context.request, csrfToken, 'GET', url)).body).toEqual(before);
  });

  it('shows a viewer no edit control on the control page', async () => {
    const { page } = await e2e().signIn(PEOPLE.viewer);
    await page.goto(`${e2e().server.demo.root}/controls/AC-04`);
    await samplesTable(page).waitFor();
    expect(await editButtons(page)).toEqual([]);
    expect(await editableCount(samplesTable(page).getByRole('textbox'))).toBe(0);
    expect(await samplesTable(page).getByRole('radio').count()).toBe(0);
  });

  it('shows a viewer no edit control on the criteria page', async () => {
    const { page } = await e2e().signIn(PEOPLE.viewer);
    await page.goto(`${e2e().server.demo.root}/criteria`);
    await main(page).getByRole('table').first().getByText('CC6.2').first().waitFor();
    expect(await editButtons(page)).toEqual([]);
    expect(await main(page).getByRole('button', { name: /not applicable/i }).count()).toBe(0);
  });

  it('shows a viewer the settings read-only', async () => {
    const { page } = await e2e().signIn(PEOPLE.viewer);
    const { root } = e2e().server.demo;
    await page.goto(`${root}/settings`);
    await main(page).getByLabel(/^Engagement name/).waitFor();
    expect(await editButtons(page)).toEqual([]);
    expect(await editableCount(main(page).getByRole('textbox'))).toBe(0);
    expect(await editableCount(main(page).getByRole('checkbox'))).toBe(0);

    await main(page).getByRole('tab', { name: 'Members and roles' }).click();
    await main(page).getByRole('table', { name: 'Members' }).getByText(PEOPLE.auditor).waitFor();
    expect(await editButtons(page)).toEqual([]);
    expect(await main(page).getByRole('combobox').count()).toBe(0);

    await main(page).getByRole('tab', { name: 'API tokens' }).click();
    await main(page).getByText(/An admin of the organisation creates and revokes them/).waitFor();
    expect(await editButtons(page)).toEqual([]);
  });
});
