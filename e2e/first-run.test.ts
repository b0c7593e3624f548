// A fresh installation, as `assay serve` leaves it: the first admin signs in, is taken to the setup page, creates
// the organisation and its first engagement from the starter set, and lands on a dashboard that examines the
// starter controls. An engagement without controls says what to do first; sign-out is always reachable; a person
// who belongs to no organisation is told how to join, not left on a blank page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { engagementSettings } from '../test/support/factories.js';
import { OPERATOR } from '../src/services/platform/actor.js';
import { hashPassword } from '../src/services/platform/passwords.js';
import { createUsersRepository } from '../src/store/users-repository.js';
import { main, opinionCard, signInThroughForm } from './support/pages.js';
import { startEmptyServer, type EmptyServer } from './support/server.js';
import { describeE2E } from './support/suite.js';

describeE2E('first run', (e2e) => {
  let fresh: EmptyServer | undefined;
  beforeAll(async () => {
    fresh = await startEmptyServer();
  });
  afterAll(async () => {
    await fresh?.stop();
  });
  const server = () => {
    if (!fresh) throw new Error('the empty server did not start');
    return fresh;
  };
  const browse = async () => (await e2e().newContext({ baseURL: server().url })).newPage();

  it('takes the first admin through setup to a dashboard of starter controls, and signs out', async () => {
    const page = await browse();
    await signInThroughForm(page, server().admin);
    await page.waitForURL((url) => url.pathname === '/setup');
    await page.getByRole('heading', { name: 'Set up Assay' }).waitFor();

    await page.getByLabel('Organisation name').fill('Acme Cloud, Inc.');
    expect(await page.getByLabel('Short name').inputValue()).toBe('acme-cloud-inc');
    await page.getByRole('button', { name: 'Create organisation' }).click();

    const engagement = page.getByRole('region', { name: '2. The first engagement' });
    await engagement.getByRole('textbox', { name: 'System' }).fill('Acme Analytics Platform');
    await engagement.getByRole('checkbox', { name: 'Availability' }).check();
    await engagement.getByRole('switch', { name: 'Does the system run on a cloud provider?' }).check();
    await engagement.getByRole('switch', { name: 'Does the organisation develop its own software?' }).check();
    await engagement.getByRole('button', { name: 'Create engagement' }).click();

    await page.waitForURL((url) => /^\/o\/[^/]+\/e\/[^/]+$/.test(url.pathname));
    await opinionCard(page).waitFor();
    await page.getByRole('link', { name: 'Controls' }).first().click();
    await main(page).getByText('PHY-01').first().waitFor();
    await main(page).getByText('CHG-02').first().waitFor();
    expect(await main(page).getByText('PHY-02').count()).toBe(0);

    await page.getByRole('button', { name: `Account of ${server().admin}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/login');
  });

  it('says what to do first on an engagement without controls, and adds the starter set from there', async () => {
    const { services } = server();
    const organization = await services.organizations.create(OPERATOR, { slug: 'empty-co', name: 'Empty Co' });
    await services.users.add(OPERATOR, organization.id, { email: server().admin, role: 'admin', password: 'unused' });
    const engagement = await services.engagements.create(OPERATOR, organization.id, engagementSettings({ name: 'Readiness', reportType: 'type1', periodStart: null }));
    const page = await browse();
    await signInThroughForm(page, server().admin);
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(`/o/${organization.id}/e/${engagement.id}`);
    const first = page.getByRole('region', { name: 'What to do first' });
    await first.getByText('This engagement has no controls yet').waitFor();
    await first.getByRole('link', { name: 'Invite people' }).waitFor();
    await first.getByRole('link', { name: 'Import a workspace as an engagement' }).waitFor();
    await first.getByRole('button', { name: 'Add starter controls' }).click();
    await opinionCard(page).waitFor();
    expect(await page.getByRole('region', { name: 'What to do first' }).count()).toBe(0);
    await page.getByRole('button', { name: `Account of ${server().admin}` }).waitFor();
  });

  it('tells a person who belongs to no organisation how to join, with sign-out at hand', async () => {
    const email = 'newcomer@acme.example';
    await createUsersRepository(server().store.db).create({ email, displayName: 'Newcomer', passwordHash: await hashPassword('correct horse battery staple') });
    const page = await browse();
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/setup');
    await page.getByRole('heading', { name: 'You belong to no organisation yet' }).waitFor();
    expect(await page.getByRole('button', { name: 'Create organisation' }).count()).toBe(0);
    await page.getByRole('button', { name: `Account of ${email}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/login');
  });
});
