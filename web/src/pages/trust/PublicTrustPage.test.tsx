/** The public trust page: the published snapshot only, and a request that carries the NDA version accepted. */
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch, renderPage, type Answer } from '../../testing.js';
import { PublicTrustPage } from './PublicTrustPage.js';

afterEach(() => vi.unstubAllGlobals());

const user = userEvent.setup({ delay: null });
const PAGE = {
  snapshot: {
    organizationName: 'Acme Cloud, Inc.',
    categories: ['security'],
    report: { type: 'type2', periodStart: '2026-01-01', periodEnd: '2026-06-30' },
    controlAreas: [{ series: 'CC6', status: 'met_with_exceptions' }],
    subprocessors: [{ name: 'Cloud Host', purpose: 'hosting', location: 'EU' }],
    contact: 'trust@acme.example',
    publishedAt: '2026-12-01T10:00:00.000Z',
  },
  nda: { version: 3, text: 'Keep it confidential.', sha256: 'ab'.repeat(32) },
};
const NOT_FOUND: Answer = { status: 404, body: { title: 'Not Found', status: 404, detail: 'The trust page was not found' } };

describe('PublicTrustPage', () => {
  it('shows the snapshot and asks for the report only with the NDA accepted, naming its version', async () => {
    const calls = stubFetch({}, { 'GET /public/trust/acme': { status: 200, body: PAGE }, 'POST /public/trust/acme/requests': { status: 202, body: { received: true } } });
    renderPage('/trust/acme', <PublicTrustPage />, '/trust/:slug');
    expect(await screen.findByRole('heading', { name: 'Acme Cloud, Inc.: trust' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Control areas' })).toHaveTextContent('CC6');
    expect(screen.getByRole('table', { name: 'Subprocessors' })).toHaveTextContent('Cloud Host');
    expect(screen.getByLabelText('NDA text')).toHaveTextContent('Keep it confidential.');

    await user.type(screen.getByLabelText(/^Your name/), 'Bea');
    await user.type(screen.getByLabelText(/^Company/), 'Customer Ltd');
    await user.type(screen.getByLabelText(/^Work e-mail/), 'bea@customer.example');
    await user.click(screen.getByRole('button', { name: 'Request the report' }));
    expect(await screen.findByText('Accept the NDA to ask for the report')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await user.click(screen.getByRole('checkbox', { name: /I accept the non-disclosure agreement \(version 3\)/ }));
    await user.click(screen.getByRole('button', { name: 'Request the report' }));
    expect(await screen.findByText('Request received')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      { method: 'POST', url: '/api/v1/public/trust/acme/requests', body: { name: 'Bea', company: 'Customer Ltd', email: 'bea@customer.example', ndaVersion: 3, acceptNda: true } },
    ]);
  });

  it('subscribes an e-mail address, saying a confirm link was sent, and refuses one that is not an address', async () => {
    const calls = stubFetch({}, { 'GET /public/trust/acme': { status: 200, body: PAGE }, 'POST /public/trust/acme/subscriptions': { status: 202, body: { kind: 'email', status: 'pending' } } });
    renderPage('/trust/acme', <PublicTrustPage />, '/trust/:slug');
    const form = await screen.findByRole('form', { name: 'Subscribe to changes' });
    await user.type(within(form).getByLabelText(/^E-mail/), 'not an address');
    await user.click(within(form).getByRole('button', { name: 'Subscribe' }));
    expect(await within(form).findByText('Enter your e-mail address')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await user.clear(within(form).getByLabelText(/^E-mail/));
    await user.type(within(form).getByLabelText(/^E-mail/), 'bea@customer.example');
    await user.click(within(form).getByRole('button', { name: 'Subscribe' }));
    expect(await screen.findByText('Check your e-mail')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([{ method: 'POST', url: '/api/v1/public/trust/acme/subscriptions', body: { kind: 'email', email: 'bea@customer.example' } }]);
  });

  it('subscribes a webhook and shows its secrets once', async () => {
    const calls = stubFetch({}, {
      'GET /public/trust/acme': { status: 200, body: PAGE },
      'POST /public/trust/acme/subscriptions': { status: 201, body: { kind: 'webhook', status: 'active', secret: 'sign-me', token: 'stop-me' } },
    });
    renderPage('/trust/acme', <PublicTrustPage />, '/trust/:slug');
    const form = await screen.findByRole('form', { name: 'Subscribe to changes' });
    await user.click(within(form).getByText('webhook'));
    await user.type(within(form).getByLabelText(/^Webhook URL/), 'https://hooks.customer.example/assay');
    await user.click(within(form).getByRole('button', { name: 'Subscribe' }));
    expect(await screen.findByText('sign-me')).toBeInTheDocument();
    expect(screen.getByText('stop-me')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([{ method: 'POST', url: '/api/v1/public/trust/acme/subscriptions', body: { kind: 'webhook', url: 'https://hooks.customer.example/assay' } }]);
  });

  it('says there is nothing here for an unpublished page', async () => {
    stubFetch({}, { 'GET /public/trust/acme': NOT_FOUND });
    renderPage('/trust/acme', <PublicTrustPage />, '/trust/:slug');
    expect(await screen.findByText('There is no published trust page at this address.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Request the report' })).not.toBeInTheDocument();
  });
});
