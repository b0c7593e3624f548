// Subscribing to a published trust page, in the browser, with a mailer that keeps what it sends: a visitor
// subscribes by e-mail, is told to confirm, and counts for the admin only once the mailed confirm link is followed;
// the next publication mails them a link that unsubscribes them. A webhook subscribes at once, shows its secrets
// this once, and its unsubscribe secret stops it. The admin sees each change in the subscriber counts.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { OPERATOR } from '../src/services/platform/actor.js';
import { keepingMailer } from '../src/services/trust/testing.js';
import { main } from './support/pages.js';
import { PEOPLE } from './support/server.js';
import { describeE2E } from './support/suite.js';

const VISITOR = 'security@customer.example';
// A documentation address (TEST-NET-3): public as far as the check goes, and never called, as nothing is published
// while the webhook is subscribed.
const WEBHOOK = 'https://203.0.113.10/trust-hook';

const outbox = keepingMailer();

/** The link of a kind (`confirm` or `unsubscribe`) in the last mail to `to`. */
function linkIn(to: string, action: 'confirm' | 'unsubscribe'): string {
  const mail = outbox.sent.filter((message) => message.to === to).at(-1);
  const link = new RegExp(`https?://\\S+/subscription#${action}=\\S+`).exec(mail?.text ?? '')?.[0];
  if (link === undefined) throw new Error(`no ${action} link mailed to ${to}: ${JSON.stringify(outbox.sent)}`);
  return link;
}

/** Opens a subscription link as its reader does, presses its one button, and waits for the page to say it is done. */
async function follow(page: Page, link: string, button: string, done: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(link);
  await page.getByRole('button', { name: button }).click();
  await page.getByText(done).waitFor();
}

describeE2E(
  'trust page subscriptions',
  (e2e) => {
    it('subscribes by e-mail and by webhook, counts each once active, and unsubscribes both through their links', async () => {
      const { server } = e2e();
      const { organizationId, engagementId, root } = server.demo;
      const publish = (subprocessors: { name: string; purpose: string; location: string }[]) =>
        server.services.trust.publish(OPERATOR, organizationId, { engagementId, series: ['CC6'], subprocessors, contact: 'trust@acme.example', offerReport: false }, server.url);
      await publish([{ name: 'Cloud Host', purpose: 'hosting', location: 'EU' }]);

      const { page: admin } = await e2e().signIn(PEOPLE.admin);
      const counts = async (): Promise<string> => {
        await admin.goto(`${root}/settings?tab=trust`);
        const line = main(admin).getByLabel('Subscribers');
        await line.waitFor();
        return ((await line.textContent()) ?? '').replace(/^.*: /, '');
      };
      expect(await counts()).toBe('0 by e-mail, 0 by webhook.');

      // By e-mail: pending until the mailed link is followed, and not counted meanwhile.
      const visitor = await (await e2e().newContext()).newPage();
      await visitor.goto('/trust/acme');
      const subscribe = visitor.getByRole('form', { name: 'Subscribe to changes' });
      await subscribe.getByRole('textbox', { name: /^E-mail/ }).fill(VISITOR);
      await subscribe.getByRole('button', { name: 'Subscribe' }).click();
      await visitor.getByText('Check your e-mail').waitFor();
      expect(outbox.sent.map((mail) => mail.to)).toEqual([VISITOR]);
      expect(await counts()).toBe('0 by e-mail, 0 by webhook.');

      await follow(visitor, linkIn(VISITOR, 'confirm'), 'Confirm my subscription', 'You are subscribed');
      expect(await counts()).toBe('1 by e-mail, 0 by webhook.');

      // A changed list of subprocessors is mailed, with the link that stops the mails.
      await publish([
        { name: 'Cloud Host', purpose: 'hosting', location: 'EU' },
        { name: 'Mail Relay', purpose: 'e-mail', location: 'US' },
      ]);
      expect(outbox.sent.at(-1)?.text).toContain('Mail Relay');
      await follow(visitor, linkIn(VISITOR, 'unsubscribe'), 'Unsubscribe', 'You are unsubscribed');
      expect(await counts()).toBe('0 by e-mail, 0 by webhook.');

      // By webhook: active at once, its secrets shown this once; the unsubscribe secret ends it.
      await visitor.goto('/trust/acme');
      // A segmented control hides its radio inputs behind their labels: click the label.
      await subscribe.getByText('webhook', { exact: true }).click();
      await subscribe.getByRole('textbox', { name: /^Webhook URL/ }).fill(WEBHOOK);
      await subscribe.getByRole('button', { name: 'Subscribe' }).click();
      const shown = visitor.getByRole('alert').filter({ hasText: 'Webhook subscribed' });
      await shown.waitFor();
      const token = ((await shown.getByText(/^Unsubscribe secret:/).locator('code').textContent()) ?? '').trim();
      expect(token).not.toBe('');
      expect(await counts()).toBe('0 by e-mail, 1 by webhook.');

      await follow(visitor, `${server.url}/trust/acme/subscription#unsubscribe=${token}`, 'Unsubscribe', 'You are unsubscribed');
      expect(await counts()).toBe('0 by e-mail, 0 by webhook.');
    });
  },
  { mailer: outbox },
);
