import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ManagementResponse } from '../../api/management-responses.js';
import type { Role } from '../../api/types.js';
import { renderAt, stubFetch, type Answer } from '../../testing.js';
import { ManagementResponseCard } from './ManagementResponseCard.js';
import { keys } from '../../api/keys.js';
import { formatDate } from '../../dates.js';

afterEach(() => vi.unstubAllGlobals());

const ORG = 'org-1';
const ROOT = `/o/${ORG}/e/eng-1`;
const URL = `/api/v1/organizations/${ORG}/engagements/eng-1/findings/F-AC-04/management-response`;
const ME = 'me@acme.example';

const drafted: ManagementResponse = {
  finding: 'F-AC-04',
  whatHappened: 'Two leavers kept their access for a week.',
  rootCause: 'Offboarding depends on a manual ticket (process).',
  correctiveAction: 'Automate deprovisioning (completed on 2026-08-20).',
  remediatedOn: '2026-08-20',
  status: 'draft',
  editedBy: 'writer@acme.example',
  editedOn: '2026-09-01T10:00:00.000Z',
  approvedBy: null,
  approvedOn: null,
  version: 1,
};

function stub(role: Role, response: ManagementResponse | null, answers: Record<string, Answer> = {}) {
  return stubFetch({
    'GET /api/v1/auth/me': { status: 200, body: { kind: 'user', user: { id: 'u1', email: ME, displayName: 'Me' }, csrfToken: 't' } },
    'GET /api/v1/organizations': { status: 200, body: { items: [{ id: ORG, slug: 'acme', name: 'Acme', role, version: 1 }] } },
    [`GET ${URL}`]: { status: 200, body: response },
    ...answers,
  });
}

async function show(owns = false) {
  const view = renderAt(ROOT, <ManagementResponseCard finding="F-AC-04" owns={owns} />, '');
  await waitFor(() => expect(view.client.getQueryState(keys.organizations)?.status).toBe('success'));
  await waitFor(() => expect(view.client.getQueryState(keys.me)?.status).toBe('success'));
  return view;
}

const card = () => screen.getByRole('region', { name: 'Management response' });

describe('ManagementResponseCard', () => {
  it('drafts the first response from the finding', async () => {
    const calls = stub('compliance', null, { [`POST ${URL}/draft`]: { status: 200, body: { ...drafted, editedBy: ME } } });
    await show();
    expect(await within(card()).findByText(/No management response yet/)).toBeInTheDocument();
    await userEvent.click(within(card()).getByRole('button', { name: 'Draft from the finding' }));
    expect(await within(card()).findByText('Two leavers kept their access for a week.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ url: `${URL}/draft`, body: {} });
    expect(within(card()).getByLabelText('Status: draft')).toBeInTheDocument();
    // The person who drafted it cannot approve it.
    expect(within(card()).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(within(card()).getByText(/someone else approves it \(four eyes\)/)).toBeInTheDocument();
  });

  it('edits the four fields at the version read, refusing a bad date before sending', async () => {
    const calls = stub('compliance', drafted, { [`PUT ${URL}`]: { status: 200, body: { ...drafted, rootCause: 'HR raises the ticket by hand.', editedBy: ME, version: 2 } } });
    await show();
    await userEvent.click(await within(card()).findByRole('button', { name: 'Edit response' }));
    const form = screen.getByRole('form', { name: 'Edit the management response' });
    const rootCause = within(form).getByRole('textbox', { name: 'Root cause' });
    await userEvent.clear(rootCause);
    await userEvent.type(rootCause, 'HR raises the ticket by hand.');
    const date = within(form).getByRole('textbox', { name: /Date remediated/ });
    await userEvent.clear(date);
    await userEvent.type(date, '2026-13-45');
    await userEvent.click(within(form).getByRole('button', { name: 'Save response' }));
    expect(await within(form).findByText(/Write the date as dd\/mm\/yyyy/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);

    await userEvent.clear(date);
    await userEvent.click(within(form).getByRole('button', { name: 'Save response' }));
    expect(await within(card()).findByText('HR raises the ticket by hand.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      version: 1,
      whatHappened: drafted.whatHappened,
      rootCause: 'HR raises the ticket by hand.',
      correctiveAction: drafted.correctiveAction,
      remediatedOn: null,
    });
  });

  it('asks before drafting an existing response again, and sends nothing when the person cancels', async () => {
    const approved: ManagementResponse = { ...drafted, status: 'approved', approvedBy: 'admin@acme.example', approvedOn: '2026-09-02T08:00:00.000Z', version: 2 };
    const redrafted = { ...drafted, whatHappened: 'Written again from the finding.', editedBy: ME, version: 3 };
    const calls = stub('compliance', approved, { [`POST ${URL}/draft`]: { status: 200, body: redrafted } });
    await show();
    await userEvent.click(await within(card()).findByRole('button', { name: 'Draft again from the finding' }));
    let dialog = await screen.findByRole('dialog', { name: 'Draft the response again?' });
    expect(within(dialog).getByText(/the approved response becomes a draft again/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await userEvent.click(within(card()).getByRole('button', { name: 'Draft again from the finding' }));
    dialog = await screen.findByRole('dialog', { name: 'Draft the response again?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Draft again' }));
    expect(await within(card()).findByText('Written again from the finding.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ url: `${URL}/draft`, body: { version: 2 } });
  });

  it('lets another lead approve a draft, and shows who approved it', async () => {
    const approved = { ...drafted, status: 'approved', approvedBy: ME, approvedOn: '2026-09-02T08:00:00.000Z', version: 2 };
    const calls = stub('admin', drafted, { [`POST ${URL}/approve`]: { status: 200, body: approved } });
    await show();
    await userEvent.click(await within(card()).findByRole('button', { name: 'Approve' }));
    expect(await within(card()).findByLabelText('Status: approved')).toBeInTheDocument();
    expect(within(card()).getByText(new RegExp(`approved by me@acme.example on ${formatDate('2026-09-02T08:00:00.000Z')}`))).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ url: `${URL}/approve`, body: { version: 1 } });
    expect(within(card()).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('gives the auditor, a viewer and an owner of another control nothing to change', async () => {
    for (const [role, owns] of [['auditor', false], ['viewer', false], ['owner', false]] as const) {
      stub(role, drafted);
      const view = await show(owns);
      expect(await within(card()).findByText(drafted.whatHappened)).toBeInTheDocument();
      expect(within(card()).queryAllByRole('button')).toEqual([]);
      view.unmount();
      vi.unstubAllGlobals();
    }
    // An owner of the finding's control writes it, but does not approve it.
    stub('owner', drafted);
    await show(true);
    expect(await within(card()).findByRole('button', { name: 'Edit response' })).toBeInTheDocument();
    expect(within(card()).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });
});
