// The dashboard says what to fix first on the demo (examples/acme, qualified by AC-04): the engine's what-if
// with AC-04 retested clean, the opinion it would give, and the criterion it restores, linked to the control.
import { expect, it } from 'vitest';
import { main, readOpinion } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

describeE2E('what to fix first', (e2e) => {
  it('shows the top fix on the dashboard and the opinion it would give', async () => {
    const { page } = await e2e().signIn(PEOPLE.compliance);
    await page.goto(e2e().server.demo.root);
    expect(await readOpinion(page)).toBe('qualified');
    const fixes = main(page).getByRole('list', { name: 'Fixes ranked by their effect on the opinion' });
    const top = fixes.getByRole('listitem').first();
    await top.waitFor();
    expect(await top.textContent()).toBe('Fix AC-04 (retest clean) and the opinion becomes unmodified; it restores CC6.2.');
    await top.getByRole('link', { name: 'AC-04' }).click();
    await page.waitForURL((url) => url.pathname === `${e2e().server.demo.root}/controls/AC-04`);
  });
});
