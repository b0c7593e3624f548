import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DashboardPage } from './DashboardPage.js';
import type { ExaminationChanges } from '../../api/dashboard.js';
import { CHANGES_LISTED } from './ChangesCard.js';
import { BASIS, ENG, ORG, fixtureResult, point, quietCharts, renderAt, ROOT, stubApi } from './testing.js';

beforeEach(() => quietCharts());
afterEach(() => vi.unstubAllGlobals());

const show = () => renderAt(ROOT, <DashboardPage />, '');
/** The words a screen reader says of an element: its text pieces, without what is hidden from it. */
function spoken(element: HTMLElement): string {
  const copy = element.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  const pieces: string[] = [];
  while (walker.nextNode()) pieces.push(walker.currentNode.textContent?.trim() ?? '');
  return pieces.filter(Boolean).join(' ');
}
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

  it('gives the opinion both ways for each criterion proposed not applicable, pending the auditor', async () => {
    const pending = { id: 'p1', criterion: 'CC9.2', reason: 'No vendors', status: 'pending' as const, proposedBy: 'user:lead@acme.example', proposedAt: '2025-03-01T00:00:00.000Z', decidedBy: null, decidedAt: null, decisionNote: null, version: 1 };
    stubApi({
      role: 'viewer',
      proposals: { proposals: [pending], forecasts: [{ criterion: 'CC9.2', status: 'not_met', opinion: 'qualified', opinionIfAccepted: 'unmodified' }], hasAuditor: true },
    });
    show();
    const card = await section('Opinion forecast');
    const list = await within(card).findByRole('list', { name: 'The opinion with each pending proposal' });
    expect(list).toHaveTextContent('If the auditor accepts the proposal for CC9.2: an unmodified opinion; if not: a qualified opinion.');
    expect(within(list).getByRole('link', { name: 'CC9.2' })).toHaveAttribute('href', expect.stringContaining(`${ROOT}/criteria`));
    expect(within(card).getByText('A criterion proposed not applicable counts in the forecast only once the auditor accepts it.')).toBeInTheDocument();
  });

  it('says nothing of proposals when none is pending', async () => {
    const calls = stubApi({ role: 'viewer' });
    show();
    const card = await section('Opinion forecast');
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/not-applicable-proposals'))).toBe(true));
    expect(within(card).queryByText('Pending not applicable')).not.toBeInTheDocument();
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

  it('gives the readiness share of the applicable criteria only, and none when nothing applies', async () => {
    const result = fixtureResult();
    // CC7.2 not applicable too: 3 of the 5 applicable criteria met, one of them with exceptions.
    const criteria = result.criteria.map((c) => (c.id === 'CC7.2' ? { ...c, status: 'not_applicable' as const } : c));
    stubApi({ role: 'viewer', overrides: { [`GET /organizations/${ORG}/engagements/${ENG}/examination`]: { status: 200, body: { ...result, criteria } } } });
    const first = show();
    expect(await within(await section('Readiness')).findByText('3 of 5 applicable criteria met (60%)')).toBeInTheDocument();
    first.unmount();

    const none = result.criteria.map((c) => ({ ...c, status: 'not_applicable' as const }));
    stubApi({ role: 'viewer', overrides: { [`GET /organizations/${ORG}/engagements/${ENG}/examination`]: { status: 200, body: { ...result, criteria: none } } } });
    show();
    expect(await within(await section('Readiness')).findByText('No criterion applies.')).toBeInTheDocument();
  });

  it('counts deficiencies by severity and links the serious ones to their controls', async () => {
    stubApi({ role: 'viewer', whatIf: { opinion: 'qualified', fixes: [] } });
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

  it('ranks what to fix first with the opinion the engine then forecasts and the criteria each fix restores', async () => {
    stubApi({ role: 'viewer' });
    show();
    const card = await section('Deficiencies');
    const fixes = await within(card).findByRole('list', { name: 'Fixes ranked by their effect on the opinion' });
    expect(within(fixes).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Fix AC-04 (retest clean) and the opinion stays qualified; it restores CC6.2.',
      'Fix AC-01 (retest clean) and the opinion stays qualified; it restores no criterion on its own.',
    ]);
    expect(within(fixes).getByRole('link', { name: 'AC-04' })).toHaveAttribute('href', `${ROOT}/controls/AC-04`);
    expect(within(fixes).getByRole('link', { name: 'CC6.2' })).toHaveAttribute('href', `${ROOT}/criteria?q=CC6.2`);
  });

  it('says when a fix makes the opinion unmodified, and which criteria it would leave to test', async () => {
    stubApi({
      role: 'viewer',
      whatIf: {
        opinion: 'adverse',
        fixes: [
          {
            control: 'AC-04',
            conclusion: 'design_deficiency',
            severity: 'material_weakness',
            opinion: 'unmodified',
            restores: ['CC6.2', 'CC6.3'],
            criteria: [],
          },
          {
            control: 'AC-09',
            conclusion: 'not_effective',
            severity: 'material_weakness',
            opinion: 'disclaimer',
            restores: [],
            criteria: [{ id: 'CC7.2', before: 'not_met', after: 'unable_to_conclude' }],
          },
        ],
      },
    });
    show();
    const card = await section('Deficiencies');
    const fixes = await within(card).findByRole('list', { name: 'Fixes ranked by their effect on the opinion' });
    expect(within(fixes).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Fix AC-04 (redesign it) and the opinion becomes unmodified; it restores CC6.2, CC6.3.',
      'Fix AC-09 (retest clean) and the opinion becomes a disclaimer; it restores no criterion on its own. CC7.2 would then be unable to conclude: another key control needs a test.',
    ]);
  });

  it('names what changed since the week-old result: the opinion, the criteria worse and better, the controls', async () => {
    const changes: ExaminationChanges = {
      latest: point('2025-03-20T10:00:00Z', 'qualified', 2, 2, 4),
      baseline: point('2025-03-12T10:00:00Z', 'unmodified', 0, 0, 6),
      fullPeriod: true,
      comparison: {
        criteria: [
          { id: 'CC6.2', before: 'met', after: 'not_met', change: 'worse' },
          { id: 'CC7.2', before: 'unable_to_conclude', after: 'met', change: 'better' },
          { id: 'A1.2', before: 'met_with_exceptions', after: 'not_met', change: 'worse' },
          { id: 'C1.1', before: null, after: 'met', change: 'added' },
        ],
        controls: [
          { id: 'AC-04', before: 'effective', after: 'not_effective', change: 'worse' },
          { id: 'MON-02', before: 'not_tested', after: 'effective', change: 'better' },
        ],
        opinion: { before: 'unmodified', after: 'qualified', change: 'worse' },
      },
    };
    const calls = stubApi({ role: 'viewer', changes });
    show();
    const card = await section('What changed since last week');
    await waitFor(() => expect(within(card).getByText(/\(8 days ago\)/)).toBeInTheDocument());
    expect(calls.some((call) => call.url.endsWith('/examination/changes?sinceDays=7'))).toBe(true);
    expect(within(card).getByText('(worse)')).toBeInTheDocument();
    const items = (name: string) => within(within(card).getByRole('list', { name })).getAllByRole('listitem').map(spoken);
    expect(items('Criteria worse')).toEqual(['CC6.2 met became not met', 'A1.2 met with exceptions became not met']);
    expect(items('Criteria better')).toEqual(['CC7.2 unable to conclude became met']);
    expect(items('Criteria in or out of scope')).toEqual(['C1.1 not in scope became met']);
    expect(items('Controls whose conclusion changed')).toEqual([
      'AC-04 effective became not effective worse',
      'MON-02 not tested became effective better',
    ]);
    expect(within(card).getByRole('link', { name: 'CC6.2' })).toHaveAttribute('href', `${ROOT}/criteria?q=CC6.2`);
    expect(within(card).getByRole('link', { name: 'MON-02' })).toHaveAttribute('href', `${ROOT}/controls/MON-02`);
    // The counts stay as a summary line.
    expect(within(card).getByRole('link', { name: '2 more criteria not met' })).toHaveAttribute('href', `${ROOT}/criteria?status=not_met`);
    expect(within(card).getByText(/Deficiencies: 2 added, 0 removed/)).toBeInTheDocument();
    expect(within(card).getByText('material weaknesses: from 0 to 2 (+2)')).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('link', { name: 'AC-04' }));
    expect(screen.getByTestId('location')).toHaveTextContent(`${ROOT}/controls/AC-04`);
  });

  it('says how many more changed beyond the ones it lists, and when the baseline is only the oldest result', async () => {
    const ids = Array.from({ length: CHANGES_LISTED + 3 }, (_, i) => `C-${i + 10}`);
    stubApi({
      role: 'viewer',
      changes: {
        latest: point('2025-03-20T10:00:00Z', 'qualified'),
        baseline: point('2025-03-18T10:00:00Z', 'qualified'),
        fullPeriod: false,
        comparison: {
          criteria: [],
          controls: ids.map((id) => ({ id, before: 'effective', after: 'effective_with_exceptions', change: 'worse' })),
          opinion: { before: 'qualified', after: 'qualified', change: 'same' },
        },
      },
    });
    show();
    const card = await section('What changed since last week');
    expect(await within(card).findByText(/No result is a week old yet: compared with the oldest, .* \(2 days ago\)/)).toBeInTheDocument();
    expect(within(card).getByText('unchanged')).toBeInTheDocument();
    expect(within(card).getByRole('heading', { name: `Controls whose conclusion changed (${CHANGES_LISTED + 3})` })).toBeInTheDocument();
    expect(within(card).getAllByRole('link', { name: /^C-/ })).toHaveLength(CHANGES_LISTED);
    expect(within(card).getByText('and 3 more')).toBeInTheDocument();
    expect(within(card).queryByRole('list', { name: 'Criteria worse' })).not.toBeInTheDocument();
  });

  it('says when nothing changed', async () => {
    stubApi({
      role: 'viewer',
      changes: {
        latest: point('2025-03-20T10:00:00Z', 'qualified', 1),
        baseline: point('2025-03-10T10:00:00Z', 'qualified', 1),
        fullPeriod: true,
        comparison: { criteria: [], controls: [], opinion: { before: 'qualified', after: 'qualified', change: 'same' } },
      },
    });
    show();
    const card = await section('What changed since last week');
    expect(await within(card).findByText('No criterion, control or deficiency changed.')).toBeInTheDocument();
  });

  it('says so when there is no older result', async () => {
    stubApi({ role: 'viewer' });
    show();
    const card = await section('What changed since last week');
    expect(await within(card).findByText(/There is no older result to compare with/)).toBeInTheDocument();
  });

  it('shows the opinion while the changes are still coming, and an error in the card alone', async () => {
    stubApi({ role: 'viewer' });
    const answer = globalThis.fetch;
    // The changes never arrive: the opinion card must not wait for them.
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) =>
      input.includes('/examination/changes') ? new Promise<Response>(() => {}) : answer(input, init),
    );
    show();
    expect(within(await section('Opinion forecast')).getByLabelText('Forecast opinion: qualified')).toBeInTheDocument();
    expect(within(await section('What changed since last week')).getByLabelText('Loading the changes')).toBeInTheDocument();
  });

  it('tells the changes could not be loaded, in their card only', async () => {
    const failed = { status: 500, body: { title: 'Internal Server Error', status: 500, detail: 'Something went wrong on our side' } };
    stubApi({ role: 'viewer', overrides: { [`GET /organizations/${ORG}/engagements/${ENG}/examination/changes?sinceDays=7`]: failed } });
    show();
    const card = await section('What changed since last week');
    expect(await within(card).findByText('The changes could not be loaded')).toBeInTheDocument();
    expect(within(await section('Opinion forecast')).getByLabelText('Forecast opinion: qualified')).toBeInTheDocument();
  });
});
