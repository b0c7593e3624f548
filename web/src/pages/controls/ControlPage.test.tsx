import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ControlPage } from './ControlPage.js';
import { AC04_REASON, API, fixtureResult, fixtureTest, OWNER_EMAIL, renderAt, ROOT, stubApi, type Answer } from './testing.js';
import { keys } from '../../api/keys.js';

afterEach(() => vi.unstubAllGlobals());

const show = () => renderAt(`${ROOT}/controls/AC-04`, <ControlPage />, '/controls/:controlId');

/** Waits until the role and the test are known: only then is an absent button really absent. */
async function loaded(client: ReturnType<typeof show>['client']) {
  await screen.findByRole('table', { name: 'Samples' });
  await waitFor(() => expect(client.getQueryState(keys.organizations)?.status).toBe('success'));
  await waitFor(() => expect(client.getQueryState(keys.me)?.status).toBe('success'));
  await waitFor(() => expect(client.getQueryState(keys.controls('org-1', 'eng-1', false))?.status).toBe('success'));
}

/** The same words as the browser tests' EDIT_BUTTON: buttons that change something. */
const EDIT_BUTTON = /^(add|edit|save|delete|remove|revoke|create|record|mark|make|change|upload|import|new|discard)\b/i;

const section = (name: string) => screen.getByRole('region', { name });

describe('ControlPage', () => {
  it('shows the conclusion with its reasons, the figures behind it and the links around the control', async () => {
    stubApi({ role: 'viewer' });
    const { client } = show();
    await loaded(client);
    const conclusion = section('Conclusion');
    expect(within(conclusion).getByLabelText('Conclusion: not effective')).toBeInTheDocument();
    expect(within(conclusion).getByText(AC04_REASON)).toBeInTheDocument();
    expect(within(conclusion).getByText('No control that compensates AC-04 is effective')).toBeInTheDocument();
    expect(within(conclusion).getByText('1 of 5 samples')).toBeInTheDocument();
    expect(within(conclusion).getByText('58.4% (tolerable: 10.0%)')).toBeInTheDocument();
    expect(within(conclusion).getByText('upper limit at 90.0% confidence (Clopper–Pearson)')).toBeInTheDocument();
    expect(within(conclusion).getByText(/^38, with no further deviation/)).toBeInTheDocument();
    expect(within(conclusion).getByText('The sample was selected before the period ended')).toBeInTheDocument();

    const details = section('Control');
    expect(within(details).getByRole('link', { name: 'CC6.2' })).toHaveAttribute('href', `${ROOT}/criteria?q=CC6.2`);
    expect(within(details).getByRole('link', { name: 'AC-05' })).toHaveAttribute('href', `${ROOT}/controls/AC-05`);
    expect(within(details).getByText(OWNER_EMAIL)).toBeInTheDocument();

    const test = section('Test');
    expect(within(test).getByText('5 (event-driven, population of 42)')).toBeInTheDocument();
    expect(within(test).getByText('5 (1 failed)')).toBeInTheDocument();
  });

  it('gives a viewer nothing to change and tells who reads the history', async () => {
    stubApi({ role: 'viewer' });
    const { client } = show();
    await loaded(client);
    const main = document.body;
    const changes = within(main)
      .queryAllByRole('button')
      .map((b) => b.getAttribute('aria-label') ?? b.textContent ?? '')
      .filter((name) => EDIT_BUTTON.test(name.trim()));
    expect(changes).toEqual([]);
    expect(screen.queryByRole('radiogroup', { name: 'Result' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Note' })).not.toBeInTheDocument();
    const samples = screen.getByRole('table', { name: 'Samples' });
    expect(within(within(samples).getByRole('row', { name: /T-0003/ })).getByText('fail')).toBeInTheDocument();
    expect(within(section('History')).getByText('The history of changes is visible to admin, compliance and auditor.')).toBeInTheDocument();
  });

  it("lets the auditor record results but not edit the control or its population", async () => {
    stubApi({ role: 'auditor' });
    const { client } = show();
    await loaded(client);
    expect(screen.getAllByRole('radiogroup', { name: 'Result' })).toHaveLength(5);
    expect(screen.getAllByRole('textbox', { name: 'Note' })).toHaveLength(5);
    expect(screen.queryByRole('button', { name: 'Edit control' })).not.toBeInTheDocument();
    expect(screen.getByText(/you test it as it stands/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Edit test' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('textbox', { name: /Population size/ })).toBeDisabled();
    expect(within(dialog).getByRole('textbox', { name: /Scope limitation/ })).toBeDisabled();

    const history = section('History');
    expect(await within(history).findByText('Sample recorded')).toBeInTheDocument();
    expect(within(history).getByText('T-0003: result: pass → fail; note: none → Access removed 9 days late')).toBeInTheDocument();
    expect(within(history).getByText(`owner: none → ${OWNER_EMAIL}`)).toBeInTheDocument();
  });

  it('changes a recorded result only with a reason, and a fail only with a note saying what deviated', async () => {
    const recorded: Answer = { status: 200, body: { control: 'AC-04', item: 'T-0001', result: 'fail', note: 'Nine days late', testVersion: 5 } };
    const calls = stubApi({ role: 'auditor', overrides: { [`PATCH ${API.replace('/api/v1', '')}/controls/AC-04/test/samples/T-0001`]: recorded } });
    const { client } = show();
    await loaded(client);
    const row = within(screen.getByRole('table', { name: 'Samples' })).getByRole('row', { name: /T-0001/ });
    await userEvent.click(within(row).getByRole('radio', { name: 'fail' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change the result of T-0001' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Change to fail' }));
    expect(within(dialog).getByText('Say what deviated: a failed sample needs a note')).toBeInTheDocument();
    expect(within(dialog).getByText('Say why the recorded result changes: it goes into the control’s history')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PATCH')).toEqual([]);

    await userEvent.type(within(dialog).getByRole('textbox', { name: /Note/ }), 'Nine days late');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason for the change/ }), 'Ticket closed before removal');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Change to fail' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toEqual([
      {
        method: 'PATCH',
        url: `${API}/controls/AC-04/test/samples/T-0001`,
        body: { result: 'fail', note: 'Nine days late', reason: 'Ticket closed before removal' },
      },
    ]));
    // The examination (and with it the dashboard's forecast) is fetched again.
    await waitFor(() => expect(calls.filter((c) => c.url === `${API}/examination`).length).toBeGreaterThan(1));
  });

  it("disables the change of a result the auditor recorded for compliance, saying why; an admin changes it only with a reason", async () => {
    const test = { ...fixtureTest(), recordedBy: { 'T-0001': 'auditor' as const, 'T-0002': 'compliance' as const } };
    stubApi({ role: 'compliance', test });
    const { client, unmount } = show();
    await loaded(client);
    const rows = within(screen.getByRole('table', { name: 'Samples' }));
    const audited = rows.getByRole('row', { name: /T-0001/ });
    expect(within(audited).getByRole('radio', { name: 'fail' })).toBeDisabled();
    expect(within(audited).getByText('Recorded by the auditor: only the auditor, or an admin with a reason, can change it.')).toBeInTheDocument();
    expect(within(audited).queryByRole('textbox', { name: 'Note' })).not.toBeInTheDocument();
    const own = rows.getByRole('row', { name: /T-0002/ });
    expect(within(own).getByRole('radio', { name: 'fail' })).toBeEnabled();
    expect(within(own).getByRole('textbox', { name: 'Note' })).toBeInTheDocument();
    unmount();

    stubApi({ role: 'admin', test });
    const admin = show();
    await loaded(admin.client);
    const row = within(screen.getByRole('table', { name: 'Samples' })).getByRole('row', { name: /T-0001/ });
    expect(within(row).queryByRole('textbox', { name: 'Note' })).not.toBeInTheDocument();
    await userEvent.click(within(row).getByRole('radio', { name: 'fail' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change the result of T-0001' });
    expect(within(dialog).getByText(/Recorded as pass by the auditor; changing it to fail/)).toBeInTheDocument();
  });

  it('adds a sample with the item, result and note typed', async () => {
    const added: Answer = { status: 201, body: { control: 'AC-04', item: 'T-0100', result: 'fail', note: 'No ticket', testVersion: 5 } };
    const calls = stubApi({ role: 'auditor', overrides: { [`POST ${API.replace('/api/v1', '')}/controls/AC-04/test/samples`]: added } });
    const { client } = show();
    await loaded(client);
    await userEvent.click(screen.getByRole('button', { name: 'Add sample' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a sample to AC-04' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Item id/ }), 'T-0003');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the sample' }));
    expect(await within(dialog).findByText('sample item "T-0003" is already in the test')).toBeInTheDocument();

    await userEvent.clear(within(dialog).getByRole('textbox', { name: /Item id/ }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Item id/ }), ' T-0100 ');
    await userEvent.click(within(within(dialog).getByRole('radiogroup', { name: 'Result' })).getByRole('radio', { name: 'fail' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Note' }), 'No ticket');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the sample' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        { method: 'POST', url: `${API}/controls/AC-04/test/samples`, body: { item: 'T-0100', result: 'fail', note: 'No ticket' } },
      ]),
    );
    expect(await screen.findByText('Sample T-0100 added')).toBeInTheDocument();
  });

  it('lists the samples not yet tested apart from the tested ones, and records the result of one', async () => {
    const added: Answer = { status: 201, body: { control: 'AC-04', item: 'N-2', result: 'fail', note: 'No ticket', testVersion: 5 } };
    const test = { ...fixtureTest(), untested: ['N-1', 'N-2'] };
    const calls = stubApi({ role: 'auditor', test, overrides: { [`POST ${API.replace('/api/v1', '')}/controls/AC-04/test/samples`]: added } });
    const { client } = show();
    await loaded(client);
    expect(within(screen.getByRole('table', { name: 'Samples' })).queryByText('N-1')).not.toBeInTheDocument();
    const untested = screen.getByRole('table', { name: 'Samples not yet tested' });
    expect(within(untested).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['N-1', 'N-2']);
    await userEvent.click(within(untested).getByRole('button', { name: 'Record the result of N-2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record the result of N-2' });
    await userEvent.click(within(within(dialog).getByRole('radiogroup', { name: 'Result' })).getByRole('radio', { name: 'fail' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Note' }), 'No ticket');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record the result' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        { method: 'POST', url: `${API}/controls/AC-04/test/samples`, body: { item: 'N-2', result: 'fail', note: 'No ticket' } },
      ]),
    );
  });

  it("lets the control's owner edit it and state its population, not record results", async () => {
    const stated: Answer = { status: 200, body: { control: 'AC-04', method: 'inspection', populationSize: 40, scopeLimitation: null, samples: [], version: 5 } };
    const calls = stubApi({ role: 'owner', email: OWNER_EMAIL.toUpperCase(), overrides: { [`PUT ${API.replace('/api/v1', '')}/controls/AC-04/test/population`]: stated } });
    const { client } = show();
    await loaded(client);
    expect(screen.getByRole('button', { name: 'Edit control' })).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup', { name: 'Result' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add sample' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Edit test' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText(/^Method/)).toBeDisabled();
    const population = within(dialog).getByRole('textbox', { name: /Population size/ });
    await userEvent.clear(population);
    await userEvent.type(population, '4');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the test' }));
    expect(await within(dialog).findByText('5 samples tested from a population of only 4')).toBeInTheDocument();
    await userEvent.type(population, '0');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the test' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'PUT')).toEqual([
        { method: 'PUT', url: `${API}/controls/AC-04/test/population`, body: { version: 4, populationSize: 40, scopeLimitation: null } },
      ]),
    );
  });

  it("offers an owner nothing on another owner's control", async () => {
    stubApi({ role: 'owner', email: 'someone-else@acme.example' });
    const { client } = show();
    await loaded(client);
    expect(screen.queryByRole('button', { name: 'Edit control' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit test' })).not.toBeInTheDocument();
  });

  it('says when someone else changed the control, and offers a reload', async () => {
    const conflict: Answer = { status: 409, body: { title: 'Conflict', status: 409, detail: 'Control AC-04 was changed by someone else (now at version 3, you had version 2); reload and try again' } };
    stubApi({ role: 'compliance', overrides: { [`PATCH ${API.replace('/api/v1', '')}/controls/AC-04`]: conflict } });
    const { client } = show();
    await loaded(client);
    await userEvent.click(screen.getByRole('button', { name: 'Edit control' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit control AC-04' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Title/ }), ' (revised)');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the control' }));
    expect(await screen.findByText('Changed by someone else')).toBeInTheDocument();
    expect(screen.getByText(/changed by someone else .*reload and try again/)).toBeInTheDocument();
  });
});

describe('ControlPage: findings on the control', () => {
  const PATH = API.replace('/api/v1', '');
  const FINDINGS = `${PATH}/findings?control=AC-04`;
  const deficient = { ...fixtureResult(), deficiencies: [{ control: 'AC-04', kind: 'operating' as const, severity: 'material_weakness' as const, criteria: ['CC6.2'], criteriaNotMet: ['CC6.2'], reasons: [] }] };
  const examination: Answer = { status: 200, body: deficient };
  const none: Answer = { status: 200, body: { items: [], total: 0 } };

  it('raises the finding of a deficiency and opens it', async () => {
    const created: Answer = { status: 201, body: { code: 'F-AC-04' } };
    const calls = stubApi({
      role: 'compliance',
      overrides: {
        [`GET ${PATH}/examination`]: examination,
        [`GET ${FINDINGS}`]: none,
        [`POST ${PATH}/findings`]: created,
      },
    });
    const { client } = show();
    await loaded(client);
    await userEvent.click(await within(section('Conclusion')).findByRole('button', { name: 'Raise a finding' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([{ method: 'POST', url: `${API}/findings`, body: { source: 'deficiency', control: 'AC-04' } }]),
    );
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`${ROOT}/findings/F-AC-04`));
  });

  it('links the finding raised already, and offers a viewer nothing to raise', async () => {
    const found: Answer = { status: 200, body: { items: [{ code: 'F-AC-04', status: 'remediating' }], total: 1 } };
    stubApi({ role: 'compliance', overrides: { [`GET ${PATH}/examination`]: examination, [`GET ${FINDINGS}`]: found } });
    const { client, unmount } = show();
    await loaded(client);
    const link = await within(section('Conclusion')).findByRole('link', { name: 'Finding F-AC-04' });
    expect(link).toHaveAttribute('href', `${ROOT}/findings/F-AC-04`);
    expect(within(section('Conclusion')).getByLabelText('Status: remediating')).toBeInTheDocument();
    expect(within(section('Conclusion')).queryByRole('button', { name: 'Raise a finding' })).not.toBeInTheDocument();
    unmount();

    vi.unstubAllGlobals();
    stubApi({ role: 'viewer', overrides: { [`GET ${PATH}/examination`]: examination, [`GET ${FINDINGS}`]: none } });
    const viewer = show();
    await loaded(viewer.client);
    expect(await within(section('Conclusion')).findByText('No finding has been raised for this deficiency yet.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Raise a finding' })).not.toBeInTheDocument();
  });
});
