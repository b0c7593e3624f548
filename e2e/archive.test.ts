// An engagement is archived, never deleted (docs/security.md): the compliance lead archives it from its settings
// after a confirmation, it stays readable with nothing left to change, and the admin restores it from Settings ›
// Archived.
import { expect, it } from 'vitest';
import { callApi, editButtons, main, samplesTable } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

describeE2E('archiving an engagement in the browser', (e2e) => {
  it('archives after a confirmation, keeps the engagement readable and unchangeable, and an admin restores it', async () => {
    const { root, organizationId, engagementId } = e2e().server.demo;
    const compliance = await e2e().signIn(PEOPLE.compliance);
    await compliance.page.goto(`${root}/settings`);
    await main(compliance.page).getByRole('button', { name: 'Archive this engagement' }).click();
    const dialog = compliance.page.getByRole('dialog');
    await dialog.getByText(/It becomes read-only/).waitFor();
    await dialog.getByRole('button', { name: 'Archive' }).click();
    await main(compliance.page).getByText('This engagement is archived').waitFor();
    expect(await main(compliance.page).getByLabel(/^Engagement name/).isDisabled()).toBe(true);

    // Its work is still there to read, with no change offered; the server refuses one sent by hand.
    await compliance.page.goto(`${root}/controls/AC-04`);
    await samplesTable(compliance.page).waitFor();
    expect(await editButtons(compliance.page)).toEqual([]);
    const control = e2e().url(`/api/v1/organizations/${organizationId}/engagements/${engagementId}/controls/AC-04`);
    const refused = await callApi(compliance.context.request, compliance.csrfToken, 'PATCH', control, { version: 1, title: 'Changed' });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toMatch(/is archived/);

    const admin = await e2e().signIn(PEOPLE.admin);
    await admin.page.goto(`${root}/settings?tab=archived`);
    const archived = main(admin.page).getByRole('table', { name: 'Archived engagements' });
    await archived.waitFor();
    await archived.getByRole('button', { name: /^Restore / }).click();
    await main(admin.page).getByText('No engagement of this organisation is archived.').waitFor();
    await admin.page.goto(`${root}/settings`);
    await main(admin.page).getByRole('button', { name: 'Archive this engagement' }).waitFor();
    expect(await main(admin.page).getByText('This engagement is archived').count()).toBe(0);
  });
});
