// The auditor's independence: a result the auditor recorded cannot be changed by the organisation's roles (the
// control is disabled with the reason, and the API refuses it), and a criterion proposed not applicable stays in
// the forecast until the auditor accepts it.
import { expect, it } from 'vitest';
import type { ExaminationResult } from '../src/domain/index.js';
import { callApi, main, opinionCard, sampleRow, samplesTable, setSampleResult } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

describeE2E('independence', (e2e) => {
  const api = (path: string) => {
    const { organizationId, engagementId } = e2e().server.demo;
    return e2e().url(`/api/v1/organizations/${organizationId}/engagements/${engagementId}${path}`);
  };

  it('keeps a result the auditor recorded from compliance and the owner: disabled with the reason, 403 from the API', async () => {
    const root = e2e().server.demo.root;
    const auditor = await e2e().signIn(PEOPLE.auditor);
    await auditor.page.goto(`${root}/controls/AC-04`);
    await samplesTable(auditor.page).waitFor();
    const passed = samplesTable(auditor.page).getByRole('row').filter({ has: auditor.page.getByRole('radio', { name: 'pass', checked: true }) });
    const item = (await passed.first().getByRole('rowheader').innerText()).trim();
    const recorded = auditor.page.waitForResponse((response) => response.url().endsWith(`/samples/${item}`) && response.request().method() === 'PATCH');
    await setSampleResult(auditor.page, item, 'fail', { note: 'No ticket on file', reason: 'Reperformed: the ticket is missing' });
    expect((await recorded).ok()).toBe(true);

    const compliance = await e2e().signIn(PEOPLE.compliance);
    await compliance.page.goto(`${root}/controls/AC-04`);
    const row = sampleRow(compliance.page, item);
    await row.getByText('Recorded by the auditor: only the auditor, or an admin with a reason, can change it.').waitFor();
    expect(await row.getByRole('radio', { name: 'pass' }).isDisabled()).toBe(true);
    const change = { result: 'pass', note: null, reason: 'The ticket was found' };
    const refused = await callApi(compliance.context.request, compliance.csrfToken, 'PATCH', api(`/controls/AC-04/test/samples/${item}`), change);
    expect(refused.status).toBe(403);
    expect((refused.body as { detail: string }).detail).toMatch(/The auditor recorded the result of .*: the compliance role cannot change it/);

    const owner = await e2e().signIn(PEOPLE.owner);
    await owner.page.goto(`${root}/controls/AC-04`);
    await sampleRow(owner.page, item).waitFor();
    expect(await sampleRow(owner.page, item).getByRole('radio').count()).toBe(0);
    expect((await callApi(owner.context.request, owner.csrfToken, 'PATCH', api(`/controls/AC-04/test/samples/${item}`), change)).status).toBe(403);
  });

  it('offers a test holding the auditor’s results only a new version on Sampling, each disabled action with its reason beside it', async () => {
    const root = e2e().server.demo.root;
    const auditor = await e2e().signIn(PEOPLE.auditor);
    const added = await callApi(auditor.context.request, auditor.csrfToken, 'POST', api('/controls/AC-01/test/samples'), { item: 'app:e2e-independence', result: 'pass' });
    expect(added.status).toBe(201);

    const compliance = await e2e().signIn(PEOPLE.compliance);
    await compliance.page.goto(`${root}/sampling?control=AC-01`);
    const population = ['id', ...Array.from({ length: 42 }, (_, i) => `app:${i + 1}`)].join('\n');
    await main(compliance.page).getByRole('textbox', { name: /^Population/ }).fill(population);
    await main(compliance.page).getByRole('textbox', { name: /^Seed/ }).fill('independence');
    await main(compliance.page).getByRole('button', { name: 'Select sample', exact: true }).click();
    await main(compliance.page).getByRole('heading', { name: 'Add to the test of AC-01' }).waitFor();
    expect(await main(compliance.page).getByRole('button', { name: "Record as the control's test" }).count()).toBe(0);
    const replace = main(compliance.page).getByRole('button', { name: 'Replace the test' });
    expect(await replace.isDisabled()).toBe(true);
    await expect.poll(() => replace.getAttribute('aria-describedby')).not.toBeNull();
    const replaceReason = compliance.page.locator(`[id="${await replace.getAttribute('aria-describedby')}"]`);
    expect(await replaceReason.innerText()).toMatch(/which are evidence: it cannot be replaced/);
    const newVersion = main(compliance.page).getByRole('button', { name: 'Start a new test version…' });
    expect(await newVersion.isDisabled()).toBe(true);
    const newVersionReason = compliance.page.locator(`[id="${await newVersion.getAttribute('aria-describedby')}"]`);
    expect(await newVersionReason.innerText()).toMatch(/The auditor recorded the results of app:e2e-independence: the compliance role cannot change it/);

    // The API says the same: a replacement is a 409, the new version over the auditor's results a 403.
    const test = (await callApi(compliance.context.request, compliance.csrfToken, 'GET', api('/controls/AC-01/test'))).body as { version: number; method: string; populationSize: number };
    const over = { version: test.version, method: test.method, populationSize: test.populationSize, scopeLimitation: null, samples: [], untested: ['app:1'] };
    expect((await callApi(compliance.context.request, compliance.csrfToken, 'PUT', api('/controls/AC-01/test'), { ...over, change: 'replace' })).status).toBe(409);
    expect((await callApi(compliance.context.request, compliance.csrfToken, 'PUT', api('/controls/AC-01/test'), { ...over, change: 'new-version', reason: 'Again' })).status).toBe(403);

    // The auditor may retire its own results: the new version is offered.
    await auditor.page.goto(`${root}/sampling?control=AC-01`);
    await main(auditor.page).getByRole('textbox', { name: /^Population/ }).fill(population);
    await main(auditor.page).getByRole('textbox', { name: /^Seed/ }).fill('independence');
    await main(auditor.page).getByRole('button', { name: 'Select sample', exact: true }).click();
    await main(auditor.page).getByRole('button', { name: 'Start a new test version…' }).waitFor();
    expect(await main(auditor.page).getByRole('button', { name: 'Start a new test version…' }).isDisabled()).toBe(false);
  });

  it('keeps a criterion proposed not applicable pending, and in the forecast, until the auditor accepts it', async () => {
    const root = e2e().server.demo.root;
    const compliance = await e2e().signIn(PEOPLE.compliance);
    const examination = async () =>
      (await callApi(compliance.context.request, compliance.csrfToken, 'GET', api('/examination'))).body as ExaminationResult;
    const statusOf = async (criterion: string) => (await examination()).criteria.find((c) => c.id === criterion)?.status;
    const before = await examination();
    expect(await statusOf('CC6.2')).toBe('not_met');

    await compliance.page.goto(`${root}/criteria`);
    await main(compliance.page).getByRole('button', { name: 'Propose not applicable: CC6.2' }).click();
    const dialog = compliance.page.getByRole('dialog', { name: 'Propose CC6.2 not applicable' });
    await dialog.getByRole('textbox', { name: /Reason/ }).fill('User accounts are managed by the parent company');
    await dialog.getByRole('button', { name: 'Propose not applicable' }).click();
    const proposals = main(compliance.page).getByRole('table', { name: 'Proposed not applicable' });
    await proposals.getByText('Pending: the auditor decides').waitFor();
    await proposals.getByText(/Now not met; the opinion is/).waitFor();
    // Pending, it counts for nothing: the examination is what it was, and the dashboard says the opinion both ways.
    expect(await examination()).toEqual(before);
    await compliance.page.goto(root);
    await opinionCard(compliance.page).getByText(/^If the auditor accepts the proposal for CC6\.2: an? [a-z ]+ opinion; if not: an? [a-z ]+ opinion\.$/).waitFor();

    const auditor = await e2e().signIn(PEOPLE.auditor);
    await auditor.page.goto(`${root}/criteria`);
    const accepted = auditor.page.waitForResponse((response) => response.url().endsWith('/decision') && response.request().method() === 'POST');
    await main(auditor.page).getByRole('table', { name: 'Proposed not applicable' }).getByRole('button', { name: 'Accept: CC6.2 not applicable' }).click();
    expect((await accepted).ok()).toBe(true);
    expect(await statusOf('CC6.2')).toBe('not_applicable');
    await main(auditor.page).getByRole('table', { name: 'Proposed not applicable' }).waitFor({ state: 'detached' });
  });
});
