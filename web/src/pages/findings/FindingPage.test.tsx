import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildAction } from '@assay/domain/findings/testing.js';
import { FindingPage } from './FindingPage.js';
import { API, fixtureFinding, OWNER_EMAIL, PATH, pick, renderAt, ROOT, STEP_TAKER, stubFindingsApi, type Answer } from './testing.js';
import { keys } from '../../api/keys.js';
import type { Role } from '../../api/types.js';
import { formatDate } from '../../dates.js';

afterEach(() => vi.unstubAllGlobals());

const show = () => renderAt(`${ROOT}/findings/F-AC-04`, <FindingPage />, '/findings/:findingCode');

/** Shows the finding and waits until it, the role and the control are known: only then is an absent button really absent. */
async function showLoaded() {
  const { client } = show();
  await screen.findByRole('heading', { name: /^F-AC-04 · / });
  await waitFor(() => expect(client.getQueryState(keys.organizations)?.status).toBe('success'));
  await waitFor(() => expect(client.getQueryState(keys.me)?.status).toBe('success'));
  await waitFor(() => expect(client.getQueryState(keys.control('org-1', 'eng-1', 'AC-04'))?.status).toBe('success'));
}

const section = (name: string) => screen.getByRole('region', { name });
const saved = (body: unknown): Answer => ({ status: 200, body });

/** Opens the root-cause dialog as `role`, the server answering a save with the finding traced to `rootCause`. */
async function openRootCause(role: Role, rootCause: string) {
  const calls = stubFindingsApi({ role, overrides: { [`PUT ${PATH}/findings/F-AC-04/root-cause`]: saved(fixtureFinding({ rootCause, version: 4 })) } });
  await showLoaded();
  await userEvent.click(within(section('Root cause')).getByRole('button', { name: 'Write the root cause' }));
  return { calls, dialog: await screen.findByRole('dialog', { name: 'Root cause of F-AC-04' }) };
}
/** A date field: jsdom has no date picker to type into. */
const setDate = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } });
/** A text field filled at once (typing key by key is slow and tells nothing more here). */
const fill = setDate;

describe('FindingPage', () => {
  it('shows the finding, its forecast, deviations and the steps the lifecycle allows from its status', async () => {
    stubFindingsApi({ role: 'compliance' });
    await showLoaded();
    expect(screen.getAllByLabelText('Status: analysing').length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'AC-04' })).toHaveAttribute('href', `${ROOT}/controls/AC-04`);
    expect(screen.getByRole('link', { name: 'CC6.2' })).toHaveAttribute('href', `${ROOT}/criteria?q=CC6.2`);

    const classification = section('Classification');
    expect(within(classification).getByText('AC-04 is not effective and leaves CC6.2 not met: a material weakness')).toBeInTheDocument();
    expect(within(classification).getByText("No override: the engine's forecast stands.")).toBeInTheDocument();
    // Only the auditor judges.
    expect(within(classification).queryByRole('button', { name: 'Override the forecast' })).not.toBeInTheDocument();

    const deviations = within(section('Deviations')).getByRole('table', { name: 'Deviations' });
    expect(within(deviations).getByRole('row', { name: /T-7 Deactivated 7 business days late/ })).toBeInTheDocument();

    // From analysing: back to open, on to remediating, or out as an accepted risk or a false positive.
    const lifecycle = section('Lifecycle');
    expect(within(lifecycle).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Reopen',
      'Start remediating',
      'Accept the risk',
      'Mark as false positive',
    ]);
    // Who took the step, from the audit log.
    expect(await within(lifecycle).findByRole('row', { name: `${formatDate('2026-07-01')} From open to analysing Root cause analysis started ${STEP_TAKER}` })).toBeInTheDocument();
  });

  it('offers the step forward as the primary button, following the status: ready for retest while remediating', async () => {
    stubFindingsApi({ role: 'compliance', finding: fixtureFinding({ status: 'remediating' }) });
    await showLoaded();
    const lifecycle = section('Lifecycle');
    const primary = within(lifecycle)
      .getAllByRole('button')
      .filter((b) => b.getAttribute('data-variant') === 'filled')
      .map((b) => b.textContent);
    expect(primary).toEqual(['Ready for retest']);
    expect(within(lifecycle).getByRole('button', { name: 'Start analysing' })).toHaveAttribute('data-variant', 'default');
  });

  it("shows the server's reasons when a step is refused", async () => {
    const refused: Answer = {
      status: 409,
      body: { title: 'Conflict', status: 409, detail: 'Finding F-AC-04 cannot go from analysing to remediating: Remediating needs a root cause: fix the cause, not the symptom.' },
    };
    const calls = stubFindingsApi({ role: 'compliance', overrides: { [`POST ${PATH}/findings/F-AC-04/transitions`]: refused } });
    await showLoaded();
    const lifecycle = section('Lifecycle');
    await userEvent.type(within(lifecycle).getByRole('textbox', { name: 'Reason for the step' }), 'Cause known');
    await userEvent.click(within(lifecycle).getByRole('button', { name: 'Start remediating' }));
    const alert = await within(lifecycle).findByRole('alert');
    expect(alert).toHaveTextContent('Not remediating');
    expect(alert).toHaveTextContent('Remediating needs a root cause: fix the cause, not the symptom.');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      { method: 'POST', url: `${API}/findings/F-AC-04/transitions`, body: { version: 3, to: 'remediating', reason: 'Cause known' } },
    ]);
  });

  it('accepts a risk only with its approver, reason and expiry', async () => {
    const calls = stubFindingsApi({
      role: 'admin',
      overrides: { [`POST ${PATH}/findings/F-AC-04/transitions`]: saved(fixtureFinding({ status: 'risk_accepted', version: 4 })) },
    });
    await showLoaded();
    const lifecycle = section('Lifecycle');
    await userEvent.click(within(lifecycle).getByRole('button', { name: 'Accept the risk' }));
    await userEvent.click(within(lifecycle).getByRole('button', { name: 'Record the acceptance' }));
    expect(within(lifecycle).getByText('Name who approves the risk')).toBeInTheDocument();
    expect(within(lifecycle).getByText('Give the date the acceptance expires')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    await userEvent.type(within(lifecycle).getByRole('textbox', { name: /^Approver/ }), 'cfo@acme.example');
    await userEvent.type(within(lifecycle).getByRole('textbox', { name: /^Why the risk is accepted/ }), 'Compensated weekly');
    setDate(within(lifecycle).getByLabelText(/^Expires/), '2026-12-31');
    await userEvent.click(within(lifecycle).getByRole('button', { name: 'Record the acceptance' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        {
          method: 'POST',
          url: `${API}/findings/F-AC-04/transitions`,
          body: { version: 3, to: 'risk_accepted', riskAcceptance: { approver: 'cfo@acme.example', reason: 'Compensated weekly', expires: '2026-12-31' } },
        },
      ]),
    );
    expect(await screen.findByText('F-AC-04 is risk accepted')).toBeInTheDocument();
  });

  it('writes a new root cause: category and the whys in order', async () => {
    const { calls, dialog } = await openRootCause('auditor', 'RC-2');
    await userEvent.click(within(dialog).getByText('Write a new one'));
    // The next free code.
    expect(within(dialog).getByRole('textbox', { name: /^Code/ })).toHaveValue('RC-2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the root cause' }));
    expect(await within(dialog).findByText('Pick the category')).toBeInTheDocument();

    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Tickets sent to an unwatched queue');
    await pick(dialog, /^Category/, 'technology');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Why 1' }), 'The ticket sat in a queue');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add a why' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Why 2' }), 'Nobody watched the queue');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the root cause' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'PUT')).toEqual([
        {
          method: 'PUT',
          url: `${API}/findings/F-AC-04/root-cause`,
          body: { version: 3, id: 'RC-2', title: 'Tickets sent to an unwatched queue', category: 'technology', whys: ['The ticket sat in a queue', 'Nobody watched the queue'] },
        },
      ]),
    );
  });

  it('picks an existing root cause as it stands, and shows it shared', async () => {
    const { calls, dialog } = await openRootCause('compliance', 'RC-1');
    await userEvent.click(within(dialog).getByText('Pick an existing one'));
    await pick(dialog, /^Root cause/, /^RC-1 · Offboarding/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the root cause' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([
      { version: 3, id: 'RC-1', title: 'Offboarding depends on a manual ticket from HR', category: 'process', whys: expect.any(Array) as unknown, rootCauseVersion: 1 },
    ]));
    const card = section('Root cause');
    expect(await within(card).findByText('Shared with F-HR-02: a systemic cause.')).toBeInTheDocument();
    expect(within(within(card).getByRole('list', { name: 'The 5 whys' })).getAllByRole('listitem')).toHaveLength(2);
  });

  it('plans a corrective action and marks it done with its completion date, saving the whole list', async () => {
    const planned = fixtureFinding({ rootCause: 'RC-1', correctiveActions: [buildAction({ id: 'CA-1', title: 'Automate deprovisioning', due: '2026-08-31' })] });
    const calls = stubFindingsApi({
      role: 'owner',
      email: OWNER_EMAIL,
      finding: planned,
      overrides: { [`PUT ${PATH}/findings/F-AC-04/corrective-actions`]: saved({ ...planned, version: 4 }) },
    });
    await showLoaded();
    // The owner of AC-04 plans its findings' actions, but takes no lifecycle step.
    expect(within(section('Lifecycle')).queryByRole('button')).not.toBeInTheDocument();
    const actions = section('Corrective actions');
    await userEvent.click(within(actions).getByRole('button', { name: 'Edit CA-1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit CA-1' });
    await pick(dialog, 'Status', 'done');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the action' }));
    expect(await within(dialog).findByText('a done action needs the date it was completed (completedOn)')).toBeInTheDocument();
    setDate(within(dialog).getByLabelText('Completed on'), '2026-08-20');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Evidence of completion/ }), 'CHG-1042, CHG-1043');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the action' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'PUT')).toEqual([
        {
          method: 'PUT',
          url: `${API}/findings/F-AC-04/corrective-actions`,
          body: {
            version: 3,
            actions: [
              {
                id: 'CA-1',
                title: 'Automate deprovisioning',
                owner: 'it-ops@acme.example',
                due: '2026-08-31',
                status: 'done',
                completedOn: '2026-08-20',
                evidence: ['CHG-1042', 'CHG-1043'],
                verification: null,
              },
            ],
          },
        },
      ]),
    );

    await userEvent.click(within(actions).getByRole('button', { name: 'Add an action' }));
    const adding = await screen.findByRole('dialog', { name: 'Add a corrective action' });
    await userEvent.click(within(adding).getByRole('button', { name: 'Save the action' }));
    expect(await within(adding).findByText('Name who owns the action')).toBeInTheDocument();
    expect(within(adding).getByText('Give the date it is due')).toBeInTheDocument();
  });

  it('takes an owner from the members, asks why a due date is before the finding, and shows the server’s refusal on its field', async () => {
    const refusal: Answer = {
      status: 422,
      body: { title: 'The corrective actions cannot be saved', status: 422, issues: [{ location: '$.actions[0].evidence', message: 'CHG-9 is not a change of ours' }] },
    };
    const calls = stubFindingsApi({ role: 'compliance', overrides: { [`PUT ${PATH}/findings/F-AC-04/corrective-actions`]: refusal } });
    await showLoaded();
    await userEvent.click(within(section('Corrective actions')).getByRole('button', { name: 'Add an action' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a corrective action' });
    fill(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Automate deprovisioning');
    fill(within(dialog).getByRole('combobox', { name: /^Owner/ }), 'not-an-email');
    // The finding was identified on 2026-06-30.
    setDate(within(dialog).getByLabelText(/^Due/), '2026-06-01');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the action' }));
    expect(await within(dialog).findByText('not-an-email is not a member of the organisation')).toBeInTheDocument();
    expect(within(dialog).getByText(/due 2026-06-01 is before the finding was identified \(2026-06-30\)/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);

    fill(within(dialog).getByRole('combobox', { name: /^Owner/ }), OWNER_EMAIL);
    fill(within(dialog).getByRole('textbox', { name: /^Why it is due before the finding/ }), 'Fix started before the examination');
    await pick(dialog, 'Status', 'done');
    setDate(within(dialog).getByLabelText('Completed on'), '2026-07-01');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the action' }));
    expect(await within(dialog).findByText(/needs its evidence of completion/)).toBeInTheDocument();
    fill(within(dialog).getByRole('textbox', { name: /^Evidence of completion/ }), 'CHG-9');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the action' }));
    expect(await within(dialog).findByText('CHG-9 is not a change of ours')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([
      {
        version: 3,
        actions: [expect.objectContaining({ owner: OWNER_EMAIL, due: '2026-06-01', status: 'done', completedOn: '2026-07-01', evidence: ['CHG-9'] })],
        dueBeforeIdentifiedReason: 'Fix started before the examination',
      },
    ]);
  });

  it('offers an owner nothing to plan on a finding of another control', async () => {
    stubFindingsApi({ role: 'owner', email: 'someone-else@acme.example' });
    await showLoaded();
    expect(within(section('Corrective actions')).queryByRole('button')).not.toBeInTheDocument();
    expect(within(section('Retests')).queryByRole('button')).not.toBeInTheDocument();
  });

  it('records a retest over a period after the fix, and shows its conclusion', async () => {
    const fixed = fixtureFinding({ status: 'ready_for_retest', rootCause: 'RC-1', correctiveActions: [buildAction({ status: 'done', completedOn: '2026-08-20' })] });
    const sent = {
      date: '2026-10-05',
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
      method: 'inspection',
      populationSize: 1,
      samples: [{ item: 'TERM-2026-031', result: 'pass', note: null }],
    };
    const retested = {
      ...fixed,
      version: 4,
      retests: [{ id: 'RT-1', control: 'AC-04', ...sent, conclusion: 'effective', reasons: ['AC-04 operated without deviation in 1 of 1 samples'] }],
    };
    const calls = stubFindingsApi({ role: 'auditor', finding: fixed, overrides: { [`POST ${PATH}/findings/F-AC-04/retests`]: saved(retested) } });
    await showLoaded();
    const card = section('Retests');
    expect(within(card).getByText(/Retest the control over a period starting after 2026-08-20/)).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: 'Record a retest' }));
    const dialog = await screen.findByRole('dialog', { name: 'Retest AC-04' });
    setDate(within(dialog).getByLabelText(/^Performed on/), '2026-10-05');
    setDate(within(dialog).getByLabelText(/^Period start/), '2026-08-01');
    setDate(within(dialog).getByLabelText(/^Period end/), '2026-09-30');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Population size/ }), '1');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Item' }), 'TERM-2026-031');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record the retest' }));
    expect(await within(dialog).findByText(/^Start after 2026-08-20/)).toBeInTheDocument();
    setDate(within(dialog).getByLabelText(/^Period start/), '2026-09-01');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record the retest' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        {
          method: 'POST',
          url: `${API}/findings/F-AC-04/retests`,
          body: { version: 3, ...sent },
        },
      ]),
    );
    const retest = await within(section('Retests')).findByRole('article', { name: 'Retest RT-1' });
    expect(within(retest).getByLabelText('Retest conclusion: effective')).toBeInTheDocument();
    expect(within(retest).getByText('AC-04 operated without deviation in 1 of 1 samples')).toBeInTheDocument();
  });

  it("lets the auditor record a judgment beside the forecast, with a reason", async () => {
    const judged = fixtureFinding({
      version: 4,
      classification: {
        ...fixtureFinding().classification,
        override: { severity: 'significant_deficiency', pervasive: null, reason: 'Detected within the month', by: 'auditor@acme.example', on: '2026-07-15' },
      },
    });
    const calls = stubFindingsApi({ role: 'auditor', overrides: { [`PUT ${PATH}/findings/F-AC-04/override`]: saved(judged) } });
    await showLoaded();
    await userEvent.click(within(section('Classification')).getByRole('button', { name: 'Override the forecast' }));
    const dialog = await screen.findByRole('dialog', { name: 'Judge the classification of F-AC-04' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the judgment' }));
    expect(await within(dialog).findByText('Judge the severity, the pervasiveness or both')).toBeInTheDocument();
    expect(within(dialog).getByText('Say why the judgment departs from the forecast')).toBeInTheDocument();
    await pick(dialog, 'Severity', 'significant deficiency');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Reason/ }), 'Detected within the month');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save the judgment' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'PUT')).toEqual([
        { method: 'PUT', url: `${API}/findings/F-AC-04/override`, body: { version: 3, severity: 'significant_deficiency', pervasive: null, reason: 'Detected within the month' } },
      ]),
    );
    const classification = section('Classification');
    expect(await within(classification).findByText('significant deficiency (auditor), not pervasive')).toBeInTheDocument();
    expect(within(classification).getByText('Reason: Detected within the month')).toBeInTheDocument();
    // The forecast stays beside the judgment.
    expect(within(classification).getByText('material weakness')).toBeInTheDocument();
  });

  it('says when there is no such finding', async () => {
    stubFindingsApi({ role: 'viewer', overrides: { [`GET ${PATH}/findings/F-AC-04`]: { status: 404, body: { title: 'Not found', status: 404, detail: 'Finding F-AC-04 not found' } } } });
    show();
    expect(await screen.findByText('There is no finding F-AC-04 in this engagement')).toBeInTheDocument();
  });
});
