/** The page a subscription's links open: nothing happens until the button is pressed, and the secret goes in the body. */
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage, stubFetch } from '../../testing.js';
import { TrustSubscriptionPage } from './TrustSubscriptionPage.js';

afterEach(() => vi.unstubAllGlobals());

const user = userEvent.setup({ delay: null });
const ROUTE = '/trust/:slug/subscription';

describe('TrustSubscriptionPage', () => {
  it('confirms only when asked, posting the secret from the address fragment', async () => {
    const calls = stubFetch({}, { 'POST /public/trust/acme/subscriptions/confirm': { status: 200, body: { status: 'active' } } });
    renderPage('/trust/acme/subscription#confirm=s3cret', <TrustSubscriptionPage />, ROUTE);
    const button = await screen.findByRole('button', { name: 'Confirm my subscription' });
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    await user.click(button);
    expect(await screen.findByText(/You are subscribed/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([{ method: 'POST', url: '/api/v1/public/trust/acme/subscriptions/confirm', body: { token: 's3cret' } }]);
  });

  it('unsubscribes, and shows the refusal of a link that no longer works', async () => {
    stubFetch({}, { 'POST /public/trust/acme/subscriptions/unsubscribe': { status: 404, body: { title: 'Not Found', status: 404, detail: 'The subscription was not found' } } });
    renderPage('/trust/acme/subscription#unsubscribe=gone', <TrustSubscriptionPage />, ROUTE);
    await user.click(await screen.findByRole('button', { name: 'Unsubscribe' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The subscription was not found');
  });

  it('says so when the address holds no link', async () => {
    stubFetch({}, {});
    renderPage('/trust/acme/subscription', <TrustSubscriptionPage />, ROUTE);
    expect(await screen.findByText(/holds no subscription link/)).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
