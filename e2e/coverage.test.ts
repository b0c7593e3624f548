// Period coverage on a phone (390×844): the demo's quarterly board review (GOV-01) evidenced for the first quarter
// only shows the second quarter missing, on the engagement's calendar and on the control's, and the control
// concluded not effective; the second quarter's minutes, uploaded, then fill the window and the deviation goes.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DEMO_WORKSPACE } from '../src/cli/commands/demo.js';
import { CSRF_HEADER } from '../src/server/authentication.js';
import { OPERATOR } from '../src/services/platform/actor.js';
import { loadWorkspace } from '../src/workspace/load.js';
import { main, overflowX, readConclusion } from './support/pages.js';
import { PEOPLE, ROOT } from './support/server.js';
import { describeE2E } from './support/suite.js';

const PHONE = { width: 390, height: 844 };
const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

/** The whole page, for a person to look at. */
async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** An occurrence cell of a control's row on the engagement's calendar, by its label. */
const cell = (page: Page, control: string, label: string) =>
  main(page).getByRole('region', { name: `${control} coverage` }).getByRole('listitem', { name: new RegExp(`^${label}, `) });

describeE2E('period coverage', (e2e) => {
  it('sees a missing quarter, then the evidence filling it', async () => {
    const seeded = await e2e().server.seedOrganization('acme-coverage', await loadWorkspace(DEMO_WORKSPACE));
    // The first quarter's minutes, seeded as a record of the store.
    await e2e().server.services.evidence.add(OPERATOR, seeded.organizationId, seeded.engagementId, {
      content: Readable.from([Buffer.from('Board minutes 2026-03-19')]),
      fileName: 'board-minutes-2026-03-19.txt',
      mediaType: 'text/plain',
      controls: ['GOV-01'],
      coversFrom: '2026-03-19',
      coversTo: '2026-03-19',
      source: 'upload',
    });

    const { page } = await e2e().signIn(PEOPLE.auditor, { viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto(`${seeded.root}/coverage`);
    await main(page).getByRole('heading', { name: 'Period coverage' }).waitFor();
    await expect.poll(() => cell(page, 'GOV-01', '2026-Q2').getAttribute('data-status')).toBe('missing');
    expect(await cell(page, 'GOV-01', '2026-Q1').getAttribute('data-status')).toBe('evidenced');
    // A control with no evidence stating a period is not tracked: nothing missing.
    await main(page).getByRole('region', { name: 'GOV-02 coverage' }).getByText(/not tracked by evidence yet/).waitFor();
    await main(page).getByText('1 missing occurrence across the controls tracked by evidence.').waitFor();
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, 'coverage-engagement-phone');

    // The control's calendar: the first quarter with its evidence, the second missing.
    await main(page).getByRole('region', { name: 'GOV-01 coverage' }).getByRole('link', { name: /GOV-01/ }).click();
    await page.waitForURL(`**${seeded.root}/coverage/GOV-01`);
    const q1 = main(page).getByRole('article', { name: 'Occurrence 2026-Q1' });
    await q1.getByRole('link', { name: 'board-minutes-2026-03-19.txt' }).waitFor();
    expect(await main(page).getByRole('article', { name: 'Occurrence 2026-Q2' }).getAttribute('data-status')).toBe('missing');
    await main(page).getByText(/No evidence covers 2026-Q2/).waitFor();
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, 'coverage-control-phone');

    // The examination sees the missing quarter as a deviation.
    await main(page).getByRole('link', { name: 'The control, its test and conclusion' }).click();
    await page.waitForURL(`**${seeded.root}/controls/GOV-01`);
    expect(await readConclusion(page)).toBe('not effective');

    // The compliance lead uploads the second quarter's minutes: the window is evidenced and the deviation is gone.
    const lead = await e2e().signIn(PEOPLE.compliance);
    const upload = await lead.context.request.post(`/api/v1/organizations/${seeded.organizationId}/engagements/${seeded.engagementId}/evidence`, {
      headers: { [CSRF_HEADER]: lead.csrfToken },
      multipart: {
        controls: 'GOV-01',
        coversFrom: '2026-06-18',
        coversTo: '2026-06-18',
        file: { name: 'board-minutes-2026-06-18.txt', mimeType: 'text/plain', buffer: Buffer.from('Board minutes 2026-06-18') },
      },
    });
    expect(upload.status()).toBe(201);
    await page.goto(`${seeded.root}/coverage/GOV-01`);
    await expect.poll(() => main(page).getByRole('article', { name: 'Occurrence 2026-Q2' }).getAttribute('data-status')).toBe('evidenced');
    await main(page).getByRole('article', { name: 'Occurrence 2026-Q2' }).getByRole('link', { name: 'board-minutes-2026-06-18.txt' }).waitFor();
    await page.goto(`${seeded.root}/controls/GOV-01`);
    expect(await readConclusion(page)).toBe('effective');
  });
});
