// Recording one failed sample moves the forecast: on an organisation whose examination is unmodified (the
// demo with AC-04's two late deprovisionings corrected), the auditor records a sample as failed on the
// control page, and the dashboard's opinion becomes qualified (AC-04 alone addresses CC6.2, which is then
// not met).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEMO_WORKSPACE } from '../src/cli/commands/demo.js';
import type { Examination } from '../src/domain/index.js';
import { loadWorkspace } from '../src/workspace/load.js';
import { writeWorkspace } from '../src/workspace/write.js';
import { readOpinion, samplesTable, setSampleResult } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

/** The demo, with every failed sample of AC-04 turned to pass: a copy written to a folder and loaded back. */
async function cleanCopyOfTheDemo(folder: string): Promise<Examination> {
  const demo = await loadWorkspace(DEMO_WORKSPACE);
  const clean: Examination = {
    ...demo,
    engagement: { ...demo.engagement, organization: 'Acme Cloud (clean copy)' },
    tests: demo.tests.map((test) =>
      test.control === 'AC-04' ? { ...test, samples: test.samples.map((s) => ({ ...s, result: 'pass' as const, note: null })) } : test,
    ),
  };
  await writeWorkspace(folder, clean);
  return loadWorkspace(folder);
}

describeE2E('recording a failed sample', (e2e) => {
  let folder: string | undefined;

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('turns the forecast from unmodified to qualified', async () => {
    folder = await mkdtemp(join(tmpdir(), 'assay-e2e-workspace-'));
    const clean = await e2e().server.seedOrganization('acme-clean', await cleanCopyOfTheDemo(join(folder, 'acme-clean')));
    const { page } = await e2e().signIn(PEOPLE.auditor);
    await page.goto(clean.root);
    expect(await readOpinion(page)).toBe('unmodified');

    await page.goto(`${clean.root}/controls/AC-04`);
    await samplesTable(page).waitFor();
    const recorded = page.waitForResponse(
      (response) => /\/controls\/AC-04\/test/.test(response.url()) && response.request().method() !== 'GET',
    );
    await setSampleResult(page, 'E1007', 'fail', { note: 'Access removed 9 days after termination', reason: 'Re-performed against the Okta log' });
    expect((await recorded).ok()).toBe(true);

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(() => readOpinion(page), { timeout: 30_000, interval: 250 }).toBe('qualified');
  });
});
