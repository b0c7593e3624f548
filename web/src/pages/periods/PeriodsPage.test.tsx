import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Comparison } from '../../api/periods.js';
import type { Role } from '../../api/types.js';
import { ENG, fixtureEngagement, fixtureResult, ORG, renderAt, ROOT, stubApi } from '../dashboard/testing.js';
import { PeriodsPage } from './PeriodsPage.js';
import { formatPeriod } from '../../dates.js';

afterEach(() => vi.unstubAllGlobals());

const E = `/organizations/${ORG}/engagements/${ENG}`;
const PREVIOUS = { ...fixtureEngagement(), id: 'eng-0', name: 'Acme 2024 H2', periodStart: '2024-07-01', periodEnd: '2024-12-31' };
const OLDER = { ...fixtureEngagement(), id: 'eng-old', name: 'Acme 2024 H1', periodStart: '2024-01-01', periodEnd: '2024-06-30' };

function comparison(before = PREVIOUS): Comparison {
  const opinion = fixtureResult().opinion;
  return {
    before: { engagementId: before.id, name: before.name, periodStart: before.periodStart, periodEnd: before.periodEnd, opinion: { ...opinion, overall: 'unmodified', subjects: { ...opinion.subjects, operatingEffectiveness: 'unmodified' } } },
    after: { engagementId: ENG, name: 'Acme 2025', periodStart: '2025-01-01', periodEnd: '2025-06-30', opinion },
    criteria: [
      { id: 'CC1.1', before: 'met', after: 'met', change: 'same' },
      { id: 'CC6.2', before: 'met', after: 'not_met', change: 'worse' },
      { id: 'A1.2', before: null, after: 'met', change: 'added' },
    ],
    controls: [
      { id: 'AC-04', before: 'effective', after: 'not_effective', change: 'worse' },
      { id: 'GOV-01', before: 'effective', after: 'effective', change: 'same' },
    ],
    opinion: { before: 'unmodified', after: 'qualified', change: 'worse' },
  };
}

function stub(role: Role, overrides: Parameters<typeof stubApi>[0]['overrides'] = {}) {
  return stubApi({
    role,
    overrides: {
      [`GET ${E}`]: { status: 200, body: { ...fixtureEngagement(), previousEngagementId: PREVIOUS.id } },
      [`GET /organizations/${ORG}/engagements?limit=100`]: { status: 200, body: { items: [fixtureEngagement(), PREVIOUS, OLDER], total: 3, limit: 100, offset: 0 } },
      [`GET ${E}/comparison`]: { status: 200, body: comparison() },
      ...overrides,
    },
  });
}

const show = () => renderAt(`${ROOT}/periods`, <PeriodsPage />, '/periods');
const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('PeriodsPage', () => {
  it('shows both opinions and every criterion and control side by side, the earlier period first', async () => {
    stub('viewer');
    show();
    const earlier = await screen.findByRole('region', { name: 'Earlier period' });
    expect(within(earlier).getByText('Acme 2024 H2')).toBeInTheDocument();
    // Overall and operating effectiveness.
    expect(within(earlier).getAllByText('unmodified')).toHaveLength(2);
    const later = screen.getByRole('region', { name: 'Later period' });
    expect(within(later).getByText('Acme 2025 (this engagement)')).toBeInTheDocument();
    expect(within(later).getAllByText('qualified')).toHaveLength(2);

    const criteria = screen.getByRole('table', { name: 'Criteria in the two periods' });
    expect(within(criteria).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Criterion', 'Acme 2024 H2', 'Acme 2025', 'Change']);
    expect(rowsOf(criteria)).toEqual([
      ['CC1.1', 'met', 'met', 'same'],
      ['CC6.2', 'met', 'not met', 'worse'],
      ['A1.2', 'not in this period', 'met', 'added'],
    ]);
    expect(within(criteria).getByRole('link', { name: 'CC6.2' })).toHaveAttribute('href', `${ROOT}/criteria?q=CC6.2`);
    const controls = screen.getByRole('table', { name: 'Controls in the two periods' });
    expect(rowsOf(controls)).toEqual([
      ['AC-04', 'effective', 'not effective', 'worse'],
      ['GOV-01', 'effective', 'effective', 'same'],
    ]);
    expect(screen.getByText('2 of 3 criteria changed.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('switch', { name: 'Only what changed' }));
    expect(rowsOf(screen.getByRole('table', { name: 'Controls in the two periods' }))).toEqual([['AC-04', 'effective', 'not effective', 'worse']]);
    // A viewer does not open periods.
    expect(screen.queryByRole('form', { name: 'Open the next period' })).not.toBeInTheDocument();
  });

  it('compares with another period chosen from the organisation’s engagements', async () => {
    const calls = stub('viewer', { [`GET ${E}/comparison?with=eng-old`]: { status: 200, body: comparison(OLDER) } });
    show();
    await screen.findByRole('region', { name: 'Earlier period' });
    const picker = screen.getByRole('combobox', { name: 'Compare with' });
    expect(picker).toHaveValue(`Acme 2024 H2 (${formatPeriod('2024-07-01', '2024-12-31')})`);
    await userEvent.click(picker);
    // The shared render has Mantine's transitions on: the list is in the page, still hidden, when clicked.
    await userEvent.click(await screen.findByRole('option', { name: `Acme 2024 H1 (${formatPeriod('2024-01-01', '2024-06-30')})`, hidden: true }));
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Earlier period' })).getByText('Acme 2024 H1')).toBeInTheDocument());
    expect(calls.map((c) => c.url)).toContain(`/api/v1${E}/comparison?with=eng-old`);
  });

  it('says so when the engagement has no previous period, without asking for a comparison', async () => {
    const calls = stub('auditor', { [`GET ${E}`]: { status: 200, body: fixtureEngagement() } });
    show();
    expect(await screen.findByText(/This engagement was not opened from a previous period/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(calls.filter((c) => c.url.includes('/comparison'))).toEqual([]);
  });

  it('says the organisation has one period and offers to open the next, without asking for a comparison', async () => {
    const calls = stub('compliance', {
      [`GET ${E}`]: { status: 200, body: fixtureEngagement() },
      [`GET /organizations/${ORG}/engagements?limit=100`]: { status: 200, body: { items: [fixtureEngagement()], total: 1, limit: 100, offset: 0 } },
    });
    show();
    expect(await screen.findByText('This is the only period')).toBeInTheDocument();
    expect(screen.getByText(/Open the next period below/)).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Open the next period' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Compare with' })).not.toBeInTheDocument();
    expect(calls.filter((c) => c.url.includes('/comparison'))).toEqual([]);
  });

  it('says so when the previous period can no longer be read', async () => {
    stub('auditor', { [`GET ${E}/comparison`]: { status: 404, body: { title: 'Not Found', status: 404, detail: 'A previous period of engagement Acme 2025 was not found' } } });
    show();
    expect(await screen.findByText(/This engagement was not opened from a previous period/)).toBeInTheDocument();
  });

  it('opens the next period for the compliance lead and goes to its dashboard', async () => {
    const next = { ...fixtureEngagement(), id: 'eng-2', name: 'Acme 2025 H2', periodStart: '2025-07-01', periodEnd: '2025-12-31' };
    const calls = stub('compliance', { [`POST ${E}/re-examination`]: { status: 201, body: next } });
    show();
    const form = await screen.findByRole('form', { name: 'Open the next period' });
    expect(within(form).getByLabelText(/Period start/)).toHaveValue('01/07/2025');
    expect(within(form).getByLabelText(/Period end/)).toHaveValue('31/12/2025');

    await userEvent.click(within(form).getByRole('button', { name: 'Open the next period' }));
    expect(await within(form).findByText('Enter a name for the new engagement')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await userEvent.type(within(form).getByLabelText(/Name of the new engagement/), 'Acme 2025 H2');
    await userEvent.click(within(form).getByRole('button', { name: 'Open the next period' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/o/${ORG}/e/eng-2`));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      url: `/api/v1${E}/re-examination`,
      body: { name: 'Acme 2025 H2', periodStart: '2025-07-01', periodEnd: '2025-12-31' },
    });
  });

  it('places the server’s refusal on the field it names', async () => {
    stub('admin', {
      [`POST ${E}/re-examination`]: {
        status: 422,
        body: { title: 'Unprocessable', status: 422, detail: 'The next period cannot be opened', issues: [{ location: '$.periodStart', message: 'overlaps a period' }] },
      },
    });
    show();
    const form = await screen.findByRole('form', { name: 'Open the next period' });
    await userEvent.type(within(form).getByLabelText(/Name of the new engagement/), 'Acme 2025 H2');
    await userEvent.click(within(form).getByRole('button', { name: 'Open the next period' }));
    expect(await within(form).findByText('overlaps a period')).toBeInTheDocument();
    expect(within(form).getByRole('alert')).toHaveTextContent('Not opened');
    expect(screen.getByTestId('location')).toHaveTextContent(`${ROOT}/periods`);
  });
});
