// The evidence store in a browser: two files dropped at once upload with a progress bar and, holding identical
// bytes, are stored once; then the auditor asks for evidence of AC-04 and its owner answers with one of them.
import { expect, it } from 'vitest';
import { addDays, isoDate } from '../src/domain/dates.js';
import { callApi, main } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

describeE2E('the evidence store and evidence requests', (e2e) => {
  it('uploads two files with a progress bar, stores identical bytes once, and an auditor’s request is answered by the owner', async () => {
    const root = e2e().server.demo.root;
    const { page, context, csrfToken } = await e2e().signIn(PEOPLE.owner);
    await page.goto(`${root}/evidence`);
    await main(page).getByRole('region', { name: 'Add evidence' }).getByLabel('Controls').click();
    await page.getByRole('option', { name: 'AC-04' }).click();
    await page.keyboard.press('Escape');
    // Whether the progress bar showed, however quickly the upload ends (page scripts as text: the tests have no DOM types).
    await page.evaluate(`window.sawProgress = false; new MutationObserver(() => {
      if (document.querySelector('[data-testid="upload-progress"]')) window.sawProgress = true;
    }).observe(document.body, { childList: true, subtree: true });`);
    const dropped = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      const bytes = 'user,reviewed\\n'.repeat(20000);
      transfer.items.add(new File([bytes], 'q1-access-review.csv', { type: 'text/csv' }));
      transfer.items.add(new File([bytes], 'q1-access-review-copy.csv', { type: 'text/csv' }));
      return transfer;
    })()`);
    await page.dispatchEvent('[data-testid="evidence-dropzone"]', 'drop', { dataTransfer: dropped });
    await main(page).getByRole('status').getByText('2 files added').waitFor();
    expect(await page.evaluate('window.sawProgress')).toBe(true);
    await main(page).getByRole('link', { name: 'q1-access-review-copy.csv' }).waitFor();

    const engagementApi = `/api/v1/organizations/${e2e().server.demo.organizationId}/engagements/${e2e().server.demo.engagementId}`;
    const listed = (await callApi(context.request, csrfToken, 'GET', e2e().url(`${engagementApi}/evidence?control=AC-04`))).body as { items: { fileName: string; sha256: string }[] };
    const uploaded = listed.items.filter((e) => e.fileName.startsWith('q1-access-review'));
    expect(uploaded).toHaveLength(2);
    expect(new Set(uploaded.map((e) => e.sha256)).size).toBe(1);

    const auditor = await e2e().signIn(PEOPLE.auditor);
    await auditor.page.goto(`${root}/evidence-requests`);
    const ask = main(auditor.page);
    await ask.getByRole('textbox', { name: 'ID' }).fill('PBC-7');
    await ask.getByRole('textbox', { name: 'Request' }).fill('Quarterly access reviews for Q1');
    await ask.getByRole('textbox', { name: 'Control' }).fill('AC-04');
    await ask.getByLabel('Due date').fill(addDays(isoDate(new Date()), 14));
    await ask.getByRole('button', { name: 'Ask' }).click();
    await ask.getByTestId('column-open').getByTestId('request-PBC-7').waitFor();

    await page.goto(`${root}/evidence-requests`);
    const card = main(page).getByTestId('request-PBC-7');
    await card.waitFor();
    await card.getByLabel('Evidence').click();
    await page.getByRole('option', { name: 'q1-access-review.csv' }).click();
    await page.keyboard.press('Escape');
    await card.getByRole('textbox', { name: 'Comment' }).fill('The Q1 review, signed off');
    await card.getByRole('button', { name: 'Answer' }).click();
    await main(page).getByTestId('column-answered').getByTestId('request-PBC-7').getByText('1 evidence file').waitFor();
  });
});
