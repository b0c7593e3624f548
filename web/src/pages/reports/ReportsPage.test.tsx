import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API, renderAt, ROOT, stubApi as stubControlsApi, type Answer } from '../controls/testing.js';
import { ReportsPage } from './ReportsPage.js';
import { MAX_OSCAL_DOCUMENT_BYTES } from '@assay/contract/limits.js';
import { keys } from '../../api/keys.js';

afterEach(() => vi.unstubAllGlobals());

const SUMMARY = `GET ${API.replace('/api/v1', '')}/reports/other-information/summary`;

/** The API of the controls pages, with the other-information summary: one approved response, one draft, unless overridden. */
function stubApi(options: Parameters<typeof stubControlsApi>[0]) {
  return stubControlsApi({
    ...options,
    overrides: {
      [SUMMARY]: { status: 200, body: { approved: ['F-AC-06'], drafts: ['F-AC-04'], fileName: 'acme-soc2-2026-06-30-other-information.md' } },
      [`GET ${API.replace('/api/v1', '')}/reports/documents`]: { status: 200, body: { items: [] } },
      ...options.overrides,
    },
  });
}

/** The API as `role` sees it, answering an OSCAL import with `answer`. */
const stubImport = (role: Parameters<typeof stubApi>[0]['role'], answer: Answer) =>
  stubApi({ role, overrides: { [`POST ${API.replace('/api/v1', '')}/findings/import-oscal`]: answer } });

const show = () => renderAt(`${ROOT}/reports`, <ReportsPage />, '/reports');

async function upload(name: string, text: string, size?: number) {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  const file = new File([text], name, { type: 'application/json' });
  // A file as large as the server refuses, without making one.
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  await userEvent.upload(input, file);
  await userEvent.click(screen.getByRole('button', { name: 'Import' }));
}

describe('ReportsPage', () => {
  it("offers the other-information section as a download, with the approved and draft responses counted and the drafts linked", async () => {
    stubApi({ role: 'viewer' });
    show();
    const card = await screen.findByRole('region', { name: 'Management responses (other information)' });
    expect(within(card).getByRole('link', { name: 'Other information (Markdown)' })).toHaveAttribute('href', `${API}/reports/other-information`);
    expect(within(card).getByRole('link', { name: 'Other information (Markdown)' })).toHaveAttribute('download');
    expect(await within(card).findByText('1 approved')).toBeInTheDocument();
    expect(within(card).getByText('1 draft')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'F-AC-04' })).toHaveAttribute('href', `${ROOT}/findings/F-AC-04`);
  });

  it('says when every response is approved, and when they cannot be counted', async () => {
    stubApi({ role: 'viewer', overrides: { [SUMMARY]: { status: 200, body: { approved: ['F-1', 'F-2'], drafts: [], fileName: 'x.md' } } } });
    const first = show();
    const card = await screen.findByRole('region', { name: 'Management responses (other information)' });
    expect(await within(card).findByText('2 approved')).toBeInTheDocument();
    expect(within(card).getByText('0 drafts')).toBeInTheDocument();
    expect(within(card).queryByText(/Awaiting approval/)).not.toBeInTheDocument();
    first.unmount();

    stubApi({ role: 'viewer', overrides: { [SUMMARY]: { status: 500, body: { title: 'Internal error', status: 500, detail: 'boom' } } } });
    show();
    expect(await screen.findByText(/The responses could not be counted/)).toBeInTheDocument();
    // The download is offered all the same.
    expect(screen.getByRole('link', { name: 'Other information (Markdown)' })).toBeInTheDocument();
  });

  it('links the OSCAL downloads to the API, and offers no import to a viewer', async () => {
    const calls = stubApi({ role: 'viewer' });
    const { client } = show();
    const ar = await screen.findByRole('link', { name: 'Assessment results' });
    expect(ar).toHaveAttribute('href', `${API}/oscal/assessment-results`);
    expect(ar).toHaveAttribute('download');
    expect(screen.getByRole('link', { name: 'Plan of action and milestones (POA&M)' })).toHaveAttribute('href', `${API}/oscal/poam`);
    // The role arrives with the organisations: wait for it before saying what is not offered.
    await waitFor(() => expect(client.getQueryData(keys.organizations)).toBeDefined());
    expect(calls.map((c) => c.url)).toContain('/api/v1/organizations');
    expect(screen.queryByText('Import OSCAL findings')).not.toBeInTheDocument();
  });

  it('sends the chosen document and shows the findings it created, with the warnings', async () => {
    const calls = stubImport('auditor', {
      status: 201,
      body: { created: ['OSCAL-e174dfb9', 'OSCAL-48c8368d'], rootCauses: [], warnings: ['poam-item e174dfb9 refers to a risk the document does not define'], warningCount: 3 },
    });
    show();
    await screen.findByText('Import OSCAL findings');
    await upload('poam.json', '{"plan-of-action-and-milestones": {"uuid": "x"}}');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Imported 2 findings')).toBeInTheDocument();
    expect(within(alert).getByRole('link', { name: 'OSCAL-48c8368d' })).toHaveAttribute('href', `${ROOT}/findings/OSCAL-48c8368d`);
    expect(within(alert).getByText(/refers to a risk/)).toBeInTheDocument();
    expect(within(alert).getByText('And 2 more warnings like these.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ 'plan-of-action-and-milestones': { uuid: 'x' } });
  });

  it('shows the problems of a refused document by JSON path, and refuses a file that is not JSON without sending it', async () => {
    const calls = stubImport('compliance', {
      status: 422,
      body: {
        title: 'Unprocessable content',
        status: 422,
        detail: 'The document is not valid OSCAL assessment results or a POA&M',
        issues: [{ location: '$.plan-of-action-and-milestones.poam-items[0].uuid', message: 'must be a valid UUID' }],
      },
    });
    show();
    await screen.findByText('Import OSCAL findings');
    await upload('broken.json', '{"plan-of-action-and-milestones": {}}');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Nothing was imported')).toBeInTheDocument();
    expect(within(alert).getByText('The document is not valid OSCAL assessment results or a POA&M')).toBeInTheDocument();
    expect(within(alert).getByText('$.plan-of-action-and-milestones.poam-items[0].uuid')).toBeInTheDocument();

    await upload('notes.json', 'hello');
    expect(await screen.findByText(/^notes\.json is not JSON: /)).toBeInTheDocument();
    await upload('huge.json', '{}', MAX_OSCAL_DOCUMENT_BYTES + 1);
    expect(await screen.findByText('huge.json is larger than the 20 MB one import takes: split it')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });
});
