import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatRefusal } from '@assay/domain/reports/documents.js';
import { keys } from '../../api/keys.js';
import type { ReportJob } from '../../api/reports.js';
import { API, renderAt, ROOT, stubApi, type Answer } from '../controls/testing.js';
import { ReportDocumentsCard } from './ReportDocumentsCard.js';

afterEach(() => vi.unstubAllGlobals());

const DOCUMENTS = `${API.replace('/api/v1', '')}/reports/documents`;

const job = (changes: Partial<ReportJob> = {}): ReportJob => ({
  id: 'job-1',
  type: 'soc2-draft',
  format: 'pdf',
  bridgeTo: null,
  status: 'running',
  progress: 0.4,
  error: null,
  fileName: null,
  size: null,
  requestedBy: 'viewer@acme.example',
  requestedAt: '2026-09-15T10:00:00.000Z',
  finishedAt: null,
  ...changes,
});

/** The API with the engagement's jobs listed as `listed` (else the job `job-1` as `current`), and a start answered with `started`. */
function stubDocuments(options: { listed?: ReportJob[]; current?: ReportJob; started?: Answer; role?: Parameters<typeof stubApi>[0]['role'] }) {
  return stubApi({
    role: options.role ?? 'viewer',
    overrides: {
      [`GET ${DOCUMENTS}`]: { status: 200, body: { items: options.listed ?? [options.current ?? job()] } },
      [`POST ${DOCUMENTS}`]: options.started ?? { status: 202, body: job({ progress: 0 }) },
    },
  });
}

const show = () => renderAt(`${ROOT}/reports`, <ReportDocumentsCard />, '/reports');

describe('ReportDocumentsCard', () => {
  it('starts the chosen document, shows its progress, then the download once it is done', async () => {
    const calls = stubDocuments({});
    show();
    await userEvent.click(await screen.findByRole('button', { name: 'Generate' }));
    const bar = await screen.findByRole('progressbar', { name: 'Writing the SOC 2 report draft' });
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ type: 'soc2-draft', format: 'pdf' });

    // The job ends while the page asks for the list every second; the job is not asked for on its own.
    stubDocuments({ current: job({ status: 'done', progress: 1, fileName: 'acme-soc2-2026-06-30-soc2-draft.pdf', size: 1200 }) });
    const download = await screen.findByRole('link', { name: 'Download acme-soc2-2026-06-30-soc2-draft.pdf' }, { timeout: 4000 });
    expect(download).toHaveAttribute('href', `${API}/reports/documents/job-1/file`);
    expect(download).toHaveAttribute('download');
    expect(calls.some((c) => c.url.endsWith('/job-1'))).toBe(false);
  });

  it("offers the workpapers only as a workbook, in the refusal's words, and asks the bridge letter's date", async () => {
    const calls = stubDocuments({});
    show();
    await userEvent.click(await screen.findByRole('combobox', { name: 'Document' }));
    await userEvent.click(await screen.findByRole('option', { name: 'workpapers', hidden: true }));
    expect(screen.getByRole('combobox', { name: 'Format' })).toHaveValue('Excel workbook (XLSX)');
    await userEvent.click(screen.getByRole('combobox', { name: 'Format' }));
    expect(await screen.findByRole('option', { name: `PDF (${formatRefusal('workpapers', 'pdf') ?? ''})`, hidden: true })).toHaveAttribute('data-combobox-disabled', 'true');
    expect(screen.queryByRole('textbox', { name: 'Bridge letter up to' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: 'Document' }));
    await userEvent.click(await screen.findByRole('option', { name: 'bridge letter', hidden: true }));
    await userEvent.type(screen.getByRole('textbox', { name: /Bridge letter up to/ }), '30/09/2026');
    await userEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await screen.findByRole('progressbar');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ type: 'bridge-letter', format: 'xlsx', to: '2026-09-30' });
  });

  it('says why a document was not started, and why one failed', async () => {
    stubDocuments({
      started: { status: 429, body: { title: 'Too Many Requests', status: 429, detail: '3 reports of the organisation are being generated, the most at once; try again in 10 seconds' } },
    });
    show();
    await userEvent.click(await screen.findByRole('button', { name: 'Generate' }));
    const refused = await screen.findByRole('alert');
    expect(within(refused).getByText('The document was not started')).toBeInTheDocument();
    expect(within(refused).getByText(/try again in 10 seconds/)).toBeInTheDocument();

    stubDocuments({ current: job({ status: 'failed', error: 'The report could not be written because of an unexpected error on the server.' }) });
    await userEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect(await screen.findByText('The report could not be written because of an unexpected error on the server.')).toBeInTheDocument();
  });

  it("lists the engagement's latest documents with a download for each one done, and links the auditor's package for the auditor", async () => {
    stubDocuments({ role: 'auditor', listed: [job({ id: 'job-2', type: 'readiness', format: 'html', status: 'done', progress: 1, fileName: 'r.html' }), job({ status: 'failed' })] });
    show();
    const table = await screen.findByRole('table', { name: 'Recent documents' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').slice(0, 3).map((cell) => cell.textContent))).toEqual([
      ['readiness assessment', 'HTML', 'done'],
      ['SOC 2 report draft', 'PDF', 'failed'],
    ]);
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'Download' })).toHaveAttribute('href', `${API}/reports/documents/job-2/file`);
    expect(within(rows[1] as HTMLElement).queryByRole('link')).not.toBeInTheDocument();
    expect(await screen.findByRole('link', { name: "Download the auditor's package" })).toHaveAttribute('href', `${API}/reports/package`);
  });

  it("offers a viewer no auditor's package, which is not theirs to export", async () => {
    stubDocuments({ listed: [job({ status: 'done', fileName: 'd.pdf' })] });
    const { client } = show();
    await screen.findByRole('table', { name: 'Recent documents' });
    await waitFor(() => expect(client.getQueryData(keys.organizations)).toBeDefined());
    expect(screen.queryByRole('link', { name: "Download the auditor's package" })).not.toBeInTheDocument();
  });
});
