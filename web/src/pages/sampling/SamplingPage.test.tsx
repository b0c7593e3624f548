import { createHash } from 'node:crypto';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API, fixtureTest, renderAt, ROOT, stubApi, type Answer } from '../controls/testing.js';
import { recordPlan } from './record.js';
import { SamplingPage } from './SamplingPage.js';
import { keys } from '../../api/keys.js';

afterEach(() => vi.unstubAllGlobals());

/** The published rule, computed here with node:crypto and nothing of Assay's. */
function publishedSelection(ids: readonly string[], seed: string, n: number): string[] {
  return ids
    .map((id) => ({ id, rank: createHash('sha256').update(`${seed}:${id}`, 'utf8').digest('hex') }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .slice(0, n)
    .map((r) => r.id);
}

const IDS = Array.from({ length: 60 }, (_, i) => `TERM-${String(i + 1).padStart(4, '0')}`);
const csvOf = (ids: readonly string[]) => ['employee,id,terminated_on', ...ids.map((id, i) => `"Person, ${i}",${id},2026-03-01`)].join('\n');
/** The same ids in another order. */
const shuffled = IDS.map((_, i) => IDS[(i * 37) % IDS.length] as string);

const show = (search = '') => renderAt(`${ROOT}/sampling${search}`, <SamplingPage />, '/sampling');

/** Pastes the CSV (in one go: typing 60 rows key by key is slow), sets the seed, and selects. */
async function select(csv: string, seed: string) {
  fireEvent.change(screen.getByRole('textbox', { name: /^Population \(CSV\)/ }), { target: { value: csv } });
  const seedField = screen.getByRole('textbox', { name: /^Seed/ });
  await userEvent.clear(seedField);
  await userEvent.type(seedField, seed);
  await userEvent.click(screen.getByRole('button', { name: 'Select sample' }));
}

const selectedIds = () =>
  within(screen.getByRole('table', { name: 'Selected sample' }))
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent);

describe('SamplingPage', () => {
  it('selects what the published rule selects, in rank order, whatever the order of the file', async () => {
    stubApi({ role: 'auditor' });
    show('?control=AC-04');
    await screen.findByRole('textbox', { name: /^Population \(CSV\)/ });
    await select(csvOf(IDS), 'acme-2026-h1');
    // The id column is found by its name; AC-04 is event-driven: 60 items → 10%, 6 samples.
    expect(screen.getByRole('combobox', { name: /^Id column/ })).toHaveValue('id');
    expect(await screen.findByText('The rules ask for 6 samples for AC-04 (event-driven, population of 60).')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Sample size/ })).toHaveValue('6');
    const expected = publishedSelection(IDS, 'acme-2026-h1', 6);
    expect(selectedIds()).toEqual(expected);
    const firstRow = within(screen.getByRole('table', { name: 'Selected sample' })).getAllByRole('row')[1] as HTMLElement;
    expect(firstRow).toHaveTextContent(createHash('sha256').update(`acme-2026-h1:${expected[0]}`).digest('hex'));
    expect(screen.getByText('acme-2026-h1')).toBeInTheDocument();

    await select(csvOf(shuffled), 'acme-2026-h1');
    expect(selectedIds()).toEqual(expected);
    await select(csvOf(shuffled), 'another seed');
    expect(selectedIds()).toEqual(publishedSelection(IDS, 'another seed', 6));
  });

  it('names the lines of a duplicate id, and selects nothing', async () => {
    stubApi({ role: 'auditor' });
    show();
    await screen.findByRole('textbox', { name: /^Population \(CSV\)/ });
    await select('id,date\nA-1,2026-01-01\nA-2,2026-01-02\n\nA-1,2026-01-04', 'seed');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The population has duplicate item ids');
    expect(alert).toHaveTextContent('line 5: duplicate item id "A-1" (first at line 2)');
    expect(screen.queryByRole('table', { name: 'Selected sample' })).not.toBeInTheDocument();
  });

  it("adds the selection to the control's test as not yet tested, keeping its results and the population the auditor may not change", async () => {
    const put: Answer = { status: 200, body: { ...fixtureTest(), version: 5 } };
    const calls = stubApi({ role: 'auditor', overrides: { [`PUT ${API.replace('/api/v1', '')}/controls/AC-04/test`]: put } });
    show('?control=AC-04');
    await screen.findByRole('textbox', { name: /^Population \(CSV\)/ });
    await select(csvOf(IDS.slice(0, 42)), 's1');
    expect(await screen.findByText(/Your role cannot change the population.*keeps its population of 42\./)).toBeInTheDocument();
    expect(screen.getByText('Adds 5 samples not yet tested; the 5 samples the test has now stay as they are, with their results and notes.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: "Add to the control's test" }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PUT')).toEqual({
      method: 'PUT',
      url: `${API}/controls/AC-04/test`,
      body: {
        version: 4,
        method: 'inspection',
        populationSize: 42,
        scopeLimitation: null,
        samples: fixtureTest().samples,
        untested: publishedSelection(IDS.slice(0, 42), 's1', 5),
      },
    });
    expect(await screen.findByText('5 samples added to the test of AC-04, not yet tested')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: /Record each sample’s result/ })).toHaveAttribute('href', `${ROOT}/controls/AC-04`);
  });

  it('offers a test with results only a new version, with a reason, saying what the history keeps', async () => {
    const calls = stubApi({ role: 'compliance', overrides: { [`PUT ${API.replace('/api/v1', '')}/controls/AC-04/test`]: { status: 200, body: fixtureTest() } } });
    show('?control=AC-04');
    await screen.findByRole('textbox', { name: /^Population \(CSV\)/ });
    await select(csvOf(IDS.slice(0, 42)), 's1');
    // Never offered as replaced or recorded anew: the replacement is disabled with the API's own reason beside it.
    expect(screen.getByRole('heading', { name: 'Add to the test of AC-04' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: "Record as the control's test" })).not.toBeInTheDocument();
    const replace = screen.getByRole('button', { name: 'Replace the test' });
    expect(replace).toBeDisabled();
    expect(replace).toHaveAccessibleDescription(/^The test holds 5 recorded results \(1 failed\), which are evidence: it cannot be replaced/);
    await userEvent.click(await screen.findByRole('button', { name: 'Start a new test version…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Start a new test version of AC-04' });
    expect(within(dialog).getByText(/current test, with its 5 recorded results \(1 failed\) and their notes, stays in the control’s history/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start the new version' }));
    expect(within(dialog).getByText(/Say why the test starts over/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Why a new test version/ }), 'Redesigned in May');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Start the new version' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      version: 4,
      method: 'inspection',
      populationSize: 42,
      scopeLimitation: null,
      samples: [],
      untested: publishedSelection(IDS.slice(0, 42), 's1', 5),
      change: 'new-version',
      reason: 'Redesigned in May',
    });
  });

  it('shows beside each disabled action why, and the API’s refusal beside the actions', async () => {
    const audited = { ...fixtureTest(), recordedBy: { 'T-0003': 'auditor' as const } };
    const refusal: Answer = { status: 409, body: { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Control AC-04: Recording this test would drop or change 1 recorded result (T-0003 fail).' } };
    stubApi({ role: 'compliance', test: audited, overrides: { [`PUT ${API.replace('/api/v1', '')}/controls/AC-04/test`]: refusal } });
    show('?control=AC-04');
    await screen.findByRole('textbox', { name: /^Population \(CSV\)/ });
    await select(csvOf(IDS.slice(0, 42)), 's1');
    const newVersion = await screen.findByRole('button', { name: 'Start a new test version…' });
    expect(newVersion).toBeDisabled();
    expect(newVersion).toHaveAccessibleDescription(/^The auditor recorded the results of T-0003: the compliance role cannot change it/);
    await userEvent.click(screen.getByRole('button', { name: "Add to the control's test" }));
    await waitFor(() =>
      expect(screen.getAllByRole('alert').some((alert) => /^Not recorded.*Recording this test would drop or change 1 recorded result \(T-0003 fail\)/.test(alert.textContent ?? ''))).toBe(true),
    );
  });

  it('offers a viewer the selection but not the recording', async () => {
    stubApi({ role: 'viewer' });
    const { client } = show('?control=AC-04');
    await waitFor(() => expect(client.getQueryState(keys.organizations)?.status).toBe('success'));
    await select(csvOf(IDS.slice(0, 10)), 'seed');
    expect(selectedIds()).toHaveLength(5);
    expect(screen.queryByRole('button', { name: /^Record/ })).not.toBeInTheDocument();
  });
});

describe('recordPlan', () => {
  const items = ['T-9', 'T-8'];
  it('states the population as the file for whoever manages the evidence, adding the selection as not yet tested', () => {
    const plan = recordPlan({ test: fixtureTest(), populationSize: 50, items, method: 'reperformance', canEvidence: true, role: 'compliance' });
    expect(plan).toMatchObject({
      ok: true,
      test: { version: 4, method: 'reperformance', populationSize: 50, scopeLimitation: null, samples: fixtureTest().samples, untested: items },
      notes: ['The population changes from 42 to 50, the rows of your file.', expect.stringMatching(/^Adds 2 samples not yet tested; the 5 samples/)],
      startOver: {
        kind: 'new-version',
        keeps: '5 recorded results (1 failed)',
        test: { samples: [], untested: items, change: 'new-version' },
        replaceRefused: expect.stringMatching(/^The test holds 5 recorded results \(1 failed\), which are evidence: it cannot be replaced\. Start a new test version/),
        refusal: null,
      },
    });
  });

  it('refuses the new version, saying why, to a role that may not retire the auditor’s results, or for a selection that does not fit', () => {
    const audited = { ...fixtureTest(), recordedBy: { 'T-0003': 'auditor' as const } };
    const byCompliance = recordPlan({ test: audited, populationSize: 42, items, method: 'inspection', canEvidence: true, role: 'compliance' });
    expect(byCompliance.startOver).toMatchObject({ kind: 'new-version', refusal: expect.stringMatching(/^The auditor recorded the results of T-0003: .*a new test version would retire them$/) });
    expect(recordPlan({ test: audited, populationSize: 42, items, method: 'inspection', canEvidence: true, role: 'auditor' }).startOver).toMatchObject({ refusal: null });
    const crowded = recordPlan({ test: { ...fixtureTest(), populationSize: 1 }, populationSize: 1, items, method: 'inspection', canEvidence: false, role: 'auditor' });
    expect(crowded.startOver).toMatchObject({ kind: 'new-version', refusal: '2 samples selected (2 not yet tested) from a population of only 1' });
  });

  it('never marks a sample passed, and replaces a test without results only as a confirmed step naming what goes', () => {
    expect(recordPlan({ test: null, populationSize: 50, items, method: 'inspection', canEvidence: true, role: 'compliance' })).toMatchObject({
      ok: true,
      test: { populationSize: 50, samples: [], untested: items },
      startOver: null,
    });
    const selected = { ...fixtureTest(), samples: [], untested: ['A', 'T-9'] };
    expect(recordPlan({ test: selected, populationSize: 42, items, method: 'inspection', canEvidence: true, role: 'compliance' })).toMatchObject({
      ok: true,
      test: { samples: [], untested: ['A', 'T-9', 'T-8'] },
      notes: [expect.stringMatching(/^Adds 1 sample not yet tested \(1 of the selection is in the test already\)/)],
      startOver: { kind: 'replace', loses: '1 sample not yet tested (A)', test: { samples: [], untested: items, change: 'replace' } },
    });
    expect(recordPlan({ test: { ...selected, untested: items }, populationSize: 42, items, method: 'inspection', canEvidence: true, role: 'compliance' })).toEqual({
      ok: false,
      reason: 'Every selected item is in the test of AC-04 already.',
      startOver: null,
    });
  });

  it('refuses without a test when the person may not state the population', () => {
    expect(recordPlan({ test: null, populationSize: 50, items, method: 'inspection', canEvidence: false, role: 'compliance' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no test yet.*compliance/),
    });
  });

  it('refuses more samples than the population the test keeps, counting those not yet tested', () => {
    const test = { ...fixtureTest(), populationSize: 3, samples: [], untested: ['A', 'B'] };
    expect(recordPlan({ test, populationSize: 50, items, method: 'inspection', canEvidence: false, role: 'compliance' })).toMatchObject({
      ok: false,
      reason: '4 samples selected (4 not yet tested) from a population of only 3',
    });
  });
});
