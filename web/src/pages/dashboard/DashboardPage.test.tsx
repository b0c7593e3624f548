import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DashboardPage } from './DashboardPage.js';
import { BASIS, point, quietCharts, renderAt, ROOT, stubApi } from './testing.js';

beforeEach(() => quietCharts());
afterEach(() => vi.unstubAllGlobals());

const show = () => renderAt(ROOT, <DashboardPage />, '');
// The chart cards load their code lazily: give them time on a busy machine.
const section = async (name: string) => screen.findByRole('region', { name }, { timeout: 10_000 });

describe('DashboardPage', () => {
  it('shows the forecast opinion, per subject, and its basis in words', async () => {
    stubApi({ role: 'viewer' });
    show();
    const card = await section('Opinion forecast');
    expect(within(card).getByLabelText('Forecast opinion: qualified')).toBeInTheDocument();
    expect(within(card).getByText(BASIS)).toBeInTheDocument();
    const subjects = within(card).getByText('Operating effectiveness').closest('div') as HTMLElement;
    expect(within(subjects).getByText('qualified')).toBeInTheDocument();
    expect(within(card).getByText(/No: the matters are confined/)).toBeInTheDocument();
  });

  it('links to the criteria behind the opinion, filtered by status', async () => {
    stubApi({ role: 'viewer' });
    show();
    const card = await section('Opinion forecast');
    expect(within(card).getByRole('link', { name: '2 not met' })).toHaveAttribute('href', `${ROOT}/criteria?status=not_met`);
    expect(within(card).getByRole('link', { name: '1 unable to conclude' })).toHaveAttribute(
      'href',
      `${ROOT}/criteria?status=unable_to_conclude`,
    );
    expect(within(card).getByRole('link', { name: 'CC6.2' })).toHaveAttribute('href', `${ROOT}/criteria?q=CC6.2`);
    await userEvent.click(within(card).getByRole('link', { name: '2 not met' }));
    expect(screen.getByTestId('location')).toHaveTextContent(`${ROOT}/criteria?status=not_met`);
  });

  it('gives the readiness numbers per series in a table', async () => {
    stubApi({ role: 'viewer' });
    show();
    const card = await section('Readiness');
    const table = within(card).getByRole('table');
    const cc6 = within(table).getByRole('rowheader', { name: 'CC6' }).closest('tr') as HTMLElement;
    // met, with exceptions, unable to conclude, not met, n/a, total
    expect(within(cc6).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['0', '1', '0', '1', '0', '2']);
    expect(within(card).getByText('3 of 6 applicable criteria met (50%)')).toBeInTheDocument();
    expect(within(card).getByRole('img').getAttribute('aria-label')).toMatch(/7 criteria in 5 series: 2 met, 1 met with exceptions/);
  });

  it('counts deficiencies by severity and links the serious ones to their controls', async () => {
    stubApi({ role: 'viewer' });
    show();
    const card = await section('Deficiencies');
    const counts = within(card).getByRole('list', { name: 'Deficiencies by severity' });
    expect(within(counts).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'material weakness2',
      'significant deficiency0',
      'deficiency1',
    ]);
    const weaknesses = within(card).getByRole('heading', { name: 'Material weaknesses' }).nextElementSibling as HTMLElement;
    expect(within(weaknesses).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'AC-04 (operating): leaves CC6.2 not met',
      'No control (design): leaves A1.3 not met',
    ]);
    expect(within(card).getByRole('link', { name: 'AC-04' })).toHaveAttribute('href', `${ROOT}/controls/AC-04`);
    expect(within(card).getByRole('link', { name: 'A1.3' })).toHaveAttribute('href', `${ROOT}/criteria?q=A1.3`);
    // A plain deficiency is counted, not listed.
    expect(within(card).queryByRole('link', { name: 'AC-01' })).not.toBeInTheDocument();
  });

  it('tells what changed since the week-old result', async () => {
    stubApi({
      role: 'viewer',
      history: [point('2025-03-20T10:00:00Z', 'qualified', 2, 2, 4), point('2025-03-12T10:00:00Z', 'unmodified', 0, 0, 6)],
    });
    show();
    const card = await section('What changed since last week');
    await waitFor(() => expect(within(card).getByText(/\(8 days ago\)/)).toBeInTheDocument());
    expect(within(card).getByText('(worse)')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: '2 more criteria not met' })).toHaveAttribute('href', `${ROOT}/criteria?status=not_met`);
    expect(within(card).getByText(/Deficiencies: 2 added, 0 removed/)).toBeInTheDocument();
    expect(within(card).getByText('material weakness: 0 → 2 (+2)')).toBeInTheDocument();
  });

  it('says so when there is no older result', async () => {
    stubApi({ role: 'viewer', history: [point('2025-03-20T10:00:00Z', 'qualified', 2)] });
    show();
    const card = await section('What changed since last week');
    expect(await within(card).findByText(/There is no older result to compare with/)).toBeInTheDocument();
  });
});
