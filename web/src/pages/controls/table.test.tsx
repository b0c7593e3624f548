import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ControlsPage } from './ControlsPage.js';
import {
  criteriaOf,
  filterControls,
  nextSort,
  NO_FILTERS,
  NO_OWNER,
  ownersOf,
  readTableState,
  sortControls,
  toRows,
  writeTableState,
  type ControlRow,
} from './table.js';
import { fixtureControls, fixtureResult, renderAt, ROOT, stubApi } from './testing.js';

afterEach(() => vi.unstubAllGlobals());

const rows = (): ControlRow[] => toRows(fixtureControls(), fixtureResult().controls);
const ids = (list: readonly ControlRow[]) => list.map((r) => r.id);

describe('controls table rows', () => {
  it('takes deviations and sample sizes from the examination, and none for a control it has not seen', () => {
    const [first, second] = toRows(fixtureControls().slice(0, 2), fixtureResult().controls.slice(1));
    expect(second).toMatchObject({ id: 'AC-04', deviations: 1, sampleSize: 5, requiredSampleSize: 5 });
    expect(first).toMatchObject({ id: 'AC-10', deviations: null, sampleSize: null, requiredSampleSize: null });
  });
});

describe('filterControls', () => {
  it('finds text in the id or the title, in any case', () => {
    expect(ids(filterControls(rows(), { ...NO_FILTERS, q: 'ac-0' }))).toEqual(['AC-04', 'AC-05']);
    expect(ids(filterControls(rows(), { ...NO_FILTERS, q: '  APPROVED ' }))).toEqual(['CM-01']);
  });

  it('narrows by criterion, conclusion and owner together', () => {
    expect(ids(filterControls(rows(), { ...NO_FILTERS, criterion: 'CC6.2' }))).toEqual(['AC-10', 'AC-04', 'AC-05']);
    expect(ids(filterControls(rows(), { ...NO_FILTERS, criterion: 'CC6.2', owner: 'it-ops@acme.example' }))).toEqual(['AC-04', 'AC-05']);
    expect(ids(filterControls(rows(), { ...NO_FILTERS, criterion: 'CC6.2', owner: 'it-ops@acme.example', conclusion: 'effective' }))).toEqual(['AC-05']);
    expect(ids(filterControls(rows(), { ...NO_FILTERS, owner: NO_OWNER }))).toEqual(['CM-01']);
    expect(filterControls(rows(), { ...NO_FILTERS, q: 'nothing like it' })).toEqual([]);
  });

  it('offers the criteria in the catalogue order and the owners with "no owner" last', () => {
    expect(criteriaOf(rows())).toEqual(['CC1.2', 'CC6.2', 'CC6.3', 'CC8.1']);
    expect(ownersOf(rows())).toEqual(['ceo@acme.example', 'it-ops@acme.example', 'security@acme.example', NO_OWNER]);
  });
});

describe('sortControls', () => {
  it('sorts ids naturally, both ways', () => {
    expect(ids(sortControls(rows(), { key: 'id', direction: 'asc' }))).toEqual(['AC-04', 'AC-05', 'AC-10', 'CM-01', 'GOV-02']);
    expect(ids(sortControls(rows(), { key: 'id', direction: 'desc' }))).toEqual(['GOV-02', 'CM-01', 'AC-10', 'AC-05', 'AC-04']);
  });

  it('sorts conclusions from effective to design deficiency, and frequencies from the rarest', () => {
    expect(ids(sortControls(rows(), { key: 'conclusion', direction: 'asc' }))).toEqual(['AC-05', 'AC-10', 'CM-01', 'AC-04', 'GOV-02']);
    expect(ids(sortControls(rows(), { key: 'frequency', direction: 'asc' }))).toEqual(['GOV-02', 'AC-10', 'AC-05', 'CM-01', 'AC-04']);
  });

  it('keeps empty values last whichever the direction, ties in the engagement order', () => {
    // Deviations: AC-10 1, AC-04 1, AC-05 0; CM-01 and GOV-02 untested.
    expect(ids(sortControls(rows(), { key: 'deviations', direction: 'asc' }))).toEqual(['AC-05', 'AC-10', 'AC-04', 'CM-01', 'GOV-02']);
    expect(ids(sortControls(rows(), { key: 'deviations', direction: 'desc' }))).toEqual(['AC-10', 'AC-04', 'AC-05', 'CM-01', 'GOV-02']);
    expect(ids(sortControls(rows(), { key: 'owner', direction: 'desc' })).at(-1)).toBe('CM-01');
  });

  it('sorts by the first criterion in the catalogue order', () => {
    expect(ids(sortControls(rows(), { key: 'criteria', direction: 'asc' }))).toEqual(['GOV-02', 'AC-10', 'AC-04', 'AC-05', 'CM-01']);
  });

  it('turns a header click into ascending, then descending', () => {
    expect(nextSort(null, 'title')).toEqual({ key: 'title', direction: 'asc' });
    expect(nextSort({ key: 'title', direction: 'asc' }, 'title')).toEqual({ key: 'title', direction: 'desc' });
    expect(nextSort({ key: 'title', direction: 'desc' }, 'owner')).toEqual({ key: 'owner', direction: 'asc' });
  });
});

describe('the table state in the address', () => {
  it('reads back what it writes, and ignores what it does not know', () => {
    const filters = { q: 'access', criterion: 'CC6.2', conclusion: 'not_effective' as const, owner: NO_OWNER };
    const params = writeTableState(filters, { key: 'deviations', direction: 'desc' });
    expect(params.toString()).toBe('q=access&criterion=CC6.2&conclusion=not_effective&owner=%28no+owner%29&sort=deviations&dir=desc');
    expect(readTableState(params)).toEqual({ filters, sort: { key: 'deviations', direction: 'desc' } });
    expect(readTableState(new URLSearchParams('conclusion=great&sort=colour'))).toEqual({ filters: NO_FILTERS, sort: null });
  });
});

describe('ControlsPage', () => {
  const rowIds = async () => {
    const table = await screen.findByRole('table', { name: 'Controls' });
    return within(table)
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent);
  };

  it('filters by the address, sorts by a header click with aria-sort, and links each row to its control', async () => {
    stubApi({ role: 'viewer' });
    renderAt(`${ROOT}/controls?criterion=CC6.2`, <ControlsPage />, '/controls');
    expect(await rowIds()).toEqual(['AC-10', 'AC-04', 'AC-05']);
    expect(screen.getByText('Showing 3 of 5 controls')).toBeInTheDocument();

    const header = screen.getByRole('columnheader', { name: /Deviations/ });
    expect(header).toHaveAttribute('aria-sort', 'none');
    await userEvent.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(await rowIds()).toEqual(['AC-05', 'AC-10', 'AC-04']);
    await userEvent.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(await rowIds()).toEqual(['AC-10', 'AC-04', 'AC-05']);
    expect(screen.getByTestId('location')).toHaveTextContent('?criterion=CC6.2&sort=deviations&dir=desc');

    const row = screen.getByRole('row', { name: /AC-04/ });
    expect(within(row).getByText('not effective')).toBeInTheDocument();
    expect(within(row).getByText('5')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'AC-04' })).toHaveAttribute('href', `${ROOT}/controls/AC-04`);

    await userEvent.type(screen.getByLabelText('Search'), 'monthly');
    expect(await rowIds()).toEqual(['AC-05']);
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await rowIds()).toHaveLength(5);
    expect(screen.queryByRole('button', { name: 'New control' })).not.toBeInTheDocument();
  });

  it('offers compliance a new control, checked before it is sent', async () => {
    const calls = stubApi({ role: 'compliance', overrides: { [`POST /organizations/org-1/engagements/eng-1/controls`]: { status: 201, body: {} } } });
    renderAt(`${ROOT}/controls`, <ControlsPage />, '/controls');
    await rowIds();
    await userEvent.click(await screen.findByRole('button', { name: 'New control' }));
    const dialog = await screen.findByRole('dialog', { name: 'New control' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Id/ }), 'AC-04');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Owner/ }), 'not an email');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create the control' }));
    expect(await within(dialog).findByText('A control with the id AC-04 already exists in this engagement')).toBeInTheDocument();
    expect(within(dialog).getByText('Say what the control does')).toBeInTheDocument();
    expect(within(dialog).getByText('Pick at least one criterion the control addresses')).toBeInTheDocument();
    expect(within(dialog).getByText(/Not an email address/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });
});
