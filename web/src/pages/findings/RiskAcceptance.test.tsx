import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FindingPage } from './FindingPage.js';
import { renderAt, ROOT, stubFindingsApi } from './testing.js';
import { keys } from '../../api/keys.js';

afterEach(() => vi.unstubAllGlobals());

describe('accepting the risk of a finding', () => {
  it("is management's decision: the auditor is not offered it, and still takes the other steps", async () => {
    stubFindingsApi({ role: 'auditor' });
    const { client } = renderAt(`${ROOT}/findings/F-AC-04`, <FindingPage />, '/findings/:findingCode');
    await screen.findByRole('heading', { name: /^F-AC-04 · / });
    await waitFor(() => expect(client.getQueryState(keys.organizations)?.status).toBe('success'));
    const lifecycle = screen.getByRole('region', { name: 'Lifecycle' });
    await waitFor(() => expect(within(lifecycle).getByRole('button', { name: 'Start remediating' })).toBeInTheDocument());
    expect(within(lifecycle).getAllByRole('button').map((b) => b.textContent)).toEqual(['Reopen', 'Start remediating', 'Mark as false positive']);
  });
});
