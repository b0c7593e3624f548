import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ControlCoverageView, EngagementCoverage } from '../../api/coverage.js';
import { renderAt, stubFetch } from '../../testing.js';
import { calendarRows, coverageSummary } from './calendar.js';
import { ControlCoveragePage } from './ControlCoveragePage.js';
import { CoveragePage } from './CoveragePage.js';

afterEach(() => vi.unstubAllGlobals());

const E = '/organizations/org-1/engagements/eng-1';
const ROOT = '/o/org-1/e/eng-1';
const period = { reportType: 'type2' as const, periodStart: '2026-01-01', periodEnd: '2026-06-30' };
const q = (label: string, from: string, to: string, status: 'evidenced' | 'missing' | 'not_tracked', evidence: string[] = []) => ({ label, from, to, status, evidence });

const REVIEW = {
  control: 'AC-01',
  title: 'Quarterly access review',
  frequency: 'quarterly' as const,
  periodic: true,
  tracked: true,
  occurrences: [q('2026-Q1', '2026-01-01', '2026-03-31', 'evidenced', ['ev-1']), q('2026-Q2', '2026-04-01', '2026-06-30', 'missing')],
  missing: ['2026-Q2'],
};
const BACKUPS = {
  control: 'OPS-02',
  title: 'Semiannual restore test',
  frequency: 'semiannual' as const,
  periodic: true,
  tracked: false,
  occurrences: [q('2026-H1', '2026-01-01', '2026-06-30', 'not_tracked')],
  missing: [],
};
const CHANGES = { control: 'CM-01', title: 'Changes approved', frequency: 'event' as const, periodic: false, tracked: false, occurrences: [], missing: [] };

const ENGAGEMENT: EngagementCoverage = { ...period, controls: [BACKUPS, CHANGES, REVIEW] };

describe('calendar words', () => {
  it('puts the controls short of evidence first, the untracked last, and the ones that owe nothing apart', () => {
    const complete = { ...REVIEW, control: 'AC-02', occurrences: REVIEW.occurrences.map((o) => ({ ...o, status: 'evidenced' as const })), missing: [] };
    const rows = calendarRows([BACKUPS, CHANGES, complete, REVIEW]);
    expect(rows.periodic.map((r) => r.control)).toEqual(['AC-01', 'AC-02', 'OPS-02']);
    expect(rows.other.map((r) => r.control)).toEqual(['CM-01']);
  });

  it('counts what is evidenced, or says why nothing is counted', () => {
    expect(coverageSummary(REVIEW)).toBe('1 of 2 occurrences evidenced');
    expect(coverageSummary(BACKUPS)).toBe('1 occurrence owed; not tracked by evidence yet');
    expect(coverageSummary(CHANGES)).toBe('Not periodic: no occurrences owed');
  });
});

describe('CoveragePage', () => {
  it('shows each periodic control with its windows, the missing quarter marked, each control linking to its calendar', async () => {
    stubFetch({}, { [`GET ${E}/coverage`]: { status: 200, body: ENGAGEMENT } });
    renderAt(`${ROOT}/coverage`, <CoveragePage />, '/coverage');
    const review = await screen.findByRole('region', { name: 'AC-01 coverage' });
    expect(within(review).getByRole('listitem', { name: /^2026-Q2, .*: missing$/ })).toHaveAttribute('data-status', 'missing');
    expect(within(review).getByRole('listitem', { name: /^2026-Q1, .*: evidenced$/ })).toBeInTheDocument();
    expect(within(review).getByRole('link', { name: /AC-01/ })).toHaveAttribute('href', `${ROOT}/coverage/AC-01`);
    expect(screen.getByText('1 missing occurrence across the controls tracked by evidence.')).toBeInTheDocument();
    const untracked = screen.getByRole('region', { name: 'OPS-02 coverage' });
    expect(within(untracked).getByText(/1 occurrence owed; not tracked by evidence yet/)).toBeInTheDocument();
    expect(within(untracked).queryByRole('listitem')).toBeNull();
    expect(screen.getByText(/no occurrences owed: CM-01\./)).toBeInTheDocument();
    // The control short of evidence comes first.
    expect(screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'))).toEqual(['AC-01 coverage', 'OPS-02 coverage']);
  });

  it('shows a daily control’s many windows as named squares rather than labels', async () => {
    const days = Array.from({ length: 30 }, (_, i) => `2026-04-${String(i + 1).padStart(2, '0')}`);
    const daily = {
      ...REVIEW,
      control: 'OPS-09',
      frequency: 'daily' as const,
      occurrences: days.map((d, i) => q(d, d, d, i === 4 ? 'missing' : 'evidenced', i === 4 ? [] : [`ev-${i}`])),
      missing: ['2026-04-05'],
    };
    stubFetch({}, { [`GET ${E}/coverage`]: { status: 200, body: { ...period, controls: [daily] } } });
    renderAt(`${ROOT}/coverage`, <CoveragePage />, '/coverage');
    const row = await screen.findByRole('region', { name: 'OPS-09 coverage' });
    expect(within(row).getAllByRole('listitem')).toHaveLength(30);
    expect(within(row).queryByText('2026-04-05')).toBeNull();
    expect(within(row).getByRole('listitem', { name: /^2026-04-05, .*: missing$/ })).toHaveAttribute('data-status', 'missing');
  });

  it('says a Type 1 report owes no occurrence', async () => {
    stubFetch({}, { [`GET ${E}/coverage`]: { status: 200, body: { reportType: 'type1', periodStart: null, periodEnd: '2026-06-30', controls: [] } } });
    renderAt(`${ROOT}/coverage`, <CoveragePage />, '/coverage');
    expect(await screen.findByText('A Type 1 report is as of a date')).toBeInTheDocument();
  });
});

describe('ControlCoveragePage', () => {
  const view: ControlCoverageView = {
    ...period,
    ...REVIEW,
    evidenceRecords: [{ id: 'ev-1', fileName: 'q1-access-review.pdf', coversFrom: '2026-03-28', coversTo: '2026-03-28' }],
  };

  it('shows every window, the evidence covering each and the missing ones named', async () => {
    stubFetch({}, { [`GET ${E}/controls/AC-01/coverage`]: { status: 200, body: view } });
    renderAt(`${ROOT}/coverage/AC-01`, <ControlCoveragePage />, '/coverage/:controlId');
    const q1 = await screen.findByRole('article', { name: 'Occurrence 2026-Q1' });
    expect(within(q1).getByText('evidenced')).toBeInTheDocument();
    expect(within(q1).getByRole('link', { name: 'q1-access-review.pdf' })).toHaveAttribute('href', `/api/v1${E}/evidence/ev-1/content`);
    const q2 = screen.getByRole('article', { name: 'Occurrence 2026-Q2' });
    expect(within(q2).getByText('missing')).toBeInTheDocument();
    expect(within(q2).queryByRole('listitem')).toBeNull();
    expect(screen.getByText('Missing occurrences')).toBeInTheDocument();
    expect(screen.getByText(/No evidence covers 2026-Q2: each counts as a deviation/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'The control, its test and conclusion' })).toHaveAttribute('href', `${ROOT}/controls/AC-01`);
  });

  it('explains a control whose occurrences are not tracked yet', async () => {
    stubFetch({}, { [`GET ${E}/controls/OPS-02/coverage`]: { status: 200, body: { ...period, ...BACKUPS, evidenceRecords: [] } } });
    renderAt(`${ROOT}/coverage/OPS-02`, <ControlCoveragePage />, '/coverage/:controlId');
    expect(await screen.findByText('Not tracked by evidence yet')).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Occurrence 2026-H1' })).toHaveAttribute('data-status', 'not_tracked');
  });
});
