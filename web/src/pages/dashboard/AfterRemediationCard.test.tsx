import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AfterRemediation } from '../../api/periods.js';
import { stubFetch } from '../../testing.js';
import { AfterRemediationCard } from './AfterRemediationCard.js';
import { ENG, fixtureResult, ORG, renderAt, ROOT } from './testing.js';

afterEach(() => vi.unstubAllGlobals());

const URL = `GET /api/v1/organizations/${ORG}/engagements/${ENG}/examination/after-remediation`;

function forecast(overrides: Partial<AfterRemediation> = {}): AfterRemediation {
  const result = fixtureResult();
  return {
    opinion: { ...result.opinion, overall: 'unmodified', basis: [] },
    current: result.opinion,
    controls: [
      { control: 'AC-04', finding: 'F-AC-04', retest: 'RT-1', before: 'not_effective', after: 'effective' },
      { control: 'GOV-01', finding: 'F-3', retest: 'RT-2', before: 'effective', after: 'effective' },
    ],
    result,
    ...overrides,
  };
}

const show = () => renderAt(ROOT, <AfterRemediationCard root={ROOT} />, '');
const card = () => screen.findByRole('region', { name: 'Forecast after remediation' });

describe('AfterRemediationCard', () => {
  it("shows the opinion after remediation, the controls whose retest moved them, and the period's own forecast as found", async () => {
    stubFetch({ [URL]: { status: 200, body: forecast() } });
    show();
    const section = await card();
    expect(await within(section).findByText('Forecast opinion after remediation: unmodified')).toBeInTheDocument();
    const moved = within(section).getByRole('list', { name: 'Controls whose retest changes their conclusion' });
    expect(within(moved).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['AC-04: not effective → effective on retest RT-1 of F-AC-04']);
    expect(within(moved).getByRole('link', { name: 'AC-04' })).toHaveAttribute('href', `${ROOT}/controls/AC-04`);
    expect(within(moved).getByRole('link', { name: 'F-AC-04' })).toHaveAttribute('href', `${ROOT}/findings/F-AC-04`);
    expect(within(section).getByText(/The period's own forecast stays as found \(qualified\)/)).toBeInTheDocument();
  });

  it('says when no closed finding has moved anything yet', async () => {
    stubFetch({ [URL]: { status: 200, body: forecast({ opinion: fixtureResult().opinion, controls: [] }) } });
    show();
    const section = await card();
    expect(await within(section).findByText('Forecast opinion after remediation: qualified')).toBeInTheDocument();
    expect(within(section).getByText(/No finding is closed on a passing retest yet/)).toBeInTheDocument();
    expect(within(section).queryByRole('list')).not.toBeInTheDocument();
  });

  it('counts retested controls that conclude as they did', async () => {
    stubFetch({ [URL]: { status: 200, body: forecast({ controls: [{ control: 'GOV-01', finding: 'F-3', retest: 'RT-2', before: 'effective', after: 'effective' }] }) } });
    show();
    expect(await within(await card()).findByText('1 control retested after a closed finding concludes as in the period.')).toBeInTheDocument();
  });

  it('says why when the forecast cannot be loaded', async () => {
    stubFetch({ [URL]: { status: 403, body: { title: 'Forbidden', status: 403 } } });
    show();
    expect(await within(await card()).findByText(/could not be loaded: You are not allowed to do this/)).toBeInTheDocument();
  });
});
