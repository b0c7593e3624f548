import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderAt } from '../../testing.js';
import { OverdueBadge } from './OverdueBadge.js';
import { fixtureView, ROOT, stubRemediation } from './testing.js';

afterEach(() => vi.unstubAllGlobals());

describe('OverdueBadge', () => {
  it('shows how many corrective actions are overdue', async () => {
    stubRemediation('viewer', fixtureView({ counts: { total: 5, done: 0, overdue: 3, dueSoon: 0 } }));
    renderAt(ROOT, <OverdueBadge />, '');
    expect(await screen.findByLabelText('3 overdue')).toHaveTextContent('3');
  });

  it('shows nothing when nothing is overdue', async () => {
    const calls = stubRemediation('viewer', fixtureView({ counts: { total: 5, done: 5, overdue: 0, dueSoon: 0 } }));
    renderAt(ROOT, <OverdueBadge />, '');
    await vi.waitFor(() => expect(calls.some((c) => c.url.includes('/remediation?'))).toBe(true));
    expect(screen.queryByLabelText(/overdue/)).not.toBeInTheDocument();
  });
});
