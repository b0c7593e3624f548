// People join by invitation: an admin invites an email in a role and copies the link shown once; the invitee opens
// it in a browser of their own, chooses a name and a password, and lands on the organisation's dashboard, signed in.
import { expect, it } from 'vitest';
import { main, readOpinion } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

describeE2E('joining by invitation', (e2e) => {
  it('invites a person, who opens the link in a fresh browser, sets a password and lands signed in', async () => {
    const { page } = await e2e().signIn(PEOPLE.admin);
    await page.goto(`${e2e().server.demo.root}/settings?tab=members`);
    await main(page).getByRole('button', { name: 'Invite member' }).click();
    const form = page.getByRole('dialog', { name: 'Invite a member' });
    await form.getByLabel('Email').fill('nina@acme.example');
    await form.getByRole('combobox', { name: /^Role/ }).click();
    await page.getByRole('option', { name: 'Auditor' }).click();
    await form.getByRole('button', { name: 'Create invitation' }).click();
    const link = await page.getByRole('dialog', { name: 'Copy the invitation link now' }).getByLabel('Invitation link for nina@acme.example').inputValue();
    expect(link).toMatch(new RegExp(`^${e2e().server.url}/invitation#[A-Za-z0-9_-]{43}$`));
    await page.getByRole('button', { name: 'Done' }).click();
    await main(page).getByRole('table', { name: 'Pending invitations' }).getByText('nina@acme.example').waitFor();

    const invitee = await (await e2e().newContext()).newPage();
    await invitee.goto(link);
    await invitee.getByRole('heading', { name: 'Join Acme Cloud, Inc.' }).waitFor();
    await invitee.getByLabel('Your name').fill('Nina Auditor');
    await invitee.getByRole('textbox', { name: 'Password', exact: true }).fill('nina’s own passphrase');
    await invitee.getByRole('textbox', { name: 'Password, again' }).fill('nina’s own passphrase');
    await invitee.getByRole('button', { name: 'Create my account and join' }).click();
    await invitee.waitForURL((url) => url.pathname === e2e().server.demo.root);
    expect(await readOpinion(invitee)).toBe('qualified');
    await invitee.getByRole('button', { name: 'Account of nina@acme.example' }).waitFor();

    // The link was used: opened again, it says so.
    const again = await (await e2e().newContext()).newPage();
    await again.goto(link);
    await again.getByText('This invitation has already been accepted; sign in instead').waitFor();
  });
});
