import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderAt } from '../../testing.js';
import { fixtureView, ROOT, stubRemediation } from '../remediation/testing.js';
import { BurndownCard } from './BurndownCard.js';
import { quietCharts } from './testing.js';

beforeEach(() => quietCharts());
afterEach(() => vi.unstubAllGlobals());

const show = () => renderAt(ROOT, <BurndownCard root={ROOT} />, '');

describe('BurndownCard', () => {
  it('says how many corrective actions are done and overdue, with the chart and a link to them all', async () => {
    stubRemediation('viewer');
    show();
    const card = await screen.findByRole('region', { name: 'Corrective action burndown' });
    expect(await within(card).findByText('1 of 3 corrective actions done')).toBeInTheDocument();
    expect(within(card).getByText('1 overdue')).toBeInTheDocument();
    expect(within(card).getByRole('img').getAttribute('aria-label')).toMatch(/^Burndown from/);
    expect(within(card).getByRole('link', { name: 'All corrective actions' })).toHaveAttribute('href', `${ROOT}/remediation`);
  });

  it('says when nothing is planned yet', async () => {
    stubRemediation('viewer', fixtureView({ actions: [], counts: { total: 0, done: 0, overdue: 0, dueSoon: 0 }, burndown: { start: null, target: null, points: [] } }));
    show();
    const card = await screen.findByRole('region', { name: 'Corrective action burndown' });
    expect(await within(card).findByText('0 of 0 corrective actions done')).toBeInTheDocument();
    expect(within(card).getByText('No corrective action is planned yet.')).toBeInTheDocument();
  });
});
