// Sampling in the browser selects exactly what the published rule selects (DESIGN §5): anyone can check it
// with nothing but SHA-256. The expected ids are computed here with node:crypto, not with Assay's code.
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { main } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

const SEED = 'acme-2026-h1-leavers';
/** Leavers in the period, as an HRIS export would list them (shuffled: the order must not matter). */
const POPULATION = Array.from({ length: 120 }, (_, i) => `EMP-${String(((i * 37) % 120) + 1).padStart(4, '0')}`);

/** The published rule: rank each id by the hex SHA-256 of `<seed>:<id>`, ascending, and take the first n. */
function publishedSelection(ids: readonly string[], seed: string, n: number): string[] {
  return ids
    .map((id) => ({ id, rank: createHash('sha256').update(`${seed}:${id}`, 'utf8').digest('hex') }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .slice(0, n)
    .map((r) => r.id);
}

describeE2E('sampling in the browser', (e2e) => {
  it('selects with a seed exactly the sample the published rule selects', async () => {
    const { page } = await e2e().signIn(PEOPLE.auditor);
    await page.goto(`${e2e().server.demo.root}/sampling`);
    const csv = ['id,terminated_on', ...POPULATION.map((id, i) => `${id},2026-0${(i % 6) + 1}-15`)].join('\n');
    await main(page).getByRole('textbox', { name: /^Population/ }).fill(csv);
    await main(page).getByRole('textbox', { name: /^Seed/ }).fill(SEED);

    // The size the rules propose: with no control chosen, an event-driven population of 120 (51–250: 10%, rounded up).
    const sizeField = main(page).getByRole('textbox', { name: /^Sample size/ });
    await expect.poll(() => sizeField.inputValue(), { timeout: 15_000 }).toBe('12');
    const proposed = 12;

    await main(page).getByRole('button', { name: 'Select sample', exact: true }).click();
    const selected = main(page).getByRole('table', { name: /selected sample/i });
    await selected.waitFor();
    const shown = (await selected.innerText()).match(/EMP-\d{4}/g) ?? [];
    expect(new Set(shown).size).toBe(proposed);
    expect([...new Set(shown)].sort()).toEqual(publishedSelection(POPULATION, SEED, proposed).sort());
    // The seed is shown with the selection, so anyone can re-run the rule.
    await main(page).getByText(SEED).first().waitFor();
  });
});
