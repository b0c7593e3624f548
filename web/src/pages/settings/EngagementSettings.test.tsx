/** The engagement form: the server's checks before sending, the PATCH it sends, and what a refusal shows. */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngagementSettings } from './EngagementSettings.js';
import { placeIssues } from '../../api/problem.js';
import { changesOf, ENGAGEMENT_FIELD_ALIASES, valuesOf } from './engagement-form.js';
import { ENGAGEMENT, engagement, fakeApi, ORG, renderAt, type Routes, user } from './test-support.js';

afterEach(() => vi.unstubAllGlobals());

const URL = `/organizations/${ORG}/engagements/${ENGAGEMENT}`;

async function openForm(routes: Routes = {}) {
  const api = fakeApi('compliance', routes);
  renderAt(<EngagementSettings />);
  await screen.findByRole('button', { name: 'Save settings' });
  return api;
}

const field = (label: RegExp | string) => screen.getByLabelText(label, { selector: 'input, textarea' });
const save = () => user.click(screen.getByRole('button', { name: 'Save settings' }));

async function retype(label: RegExp | string, value: string) {
  const input = field(label);
  await user.clear(input);
  if (value !== '') await user.type(input, value);
}

describe('engagement form validation', () => {
  it('refuses a Type 2 period that starts after it ends, and sends nothing', async () => {
    const api = await openForm();
    fireEvent.change(field(/^Period start/), { target: { value: '2026-07-01' } });
    await save();
    expect(await screen.findByText(/^the period starts \(2026-07-01\) after it ends/)).toBeInTheDocument();
    expect(api.writes()).toEqual([]);
  });

  it('needs a period start for Type 2 but none for Type 1', async () => {
    const api = await openForm();
    fireEvent.change(field(/^Period start/), { target: { value: '' } });
    await save();
    expect(await screen.findByText('A Type 2 report needs the first day of the period')).toBeInTheDocument();
    expect(api.writes()).toEqual([]);

    await user.click(screen.getByRole('radio', { name: /Type 1/ }));
    expect(screen.queryByLabelText(/^Period start/)).not.toBeInTheDocument();
    expect(field(/^As of/)).toHaveValue('30/06/2026');
  });

  it('keeps rates strictly between 0 and 1', async () => {
    const api = await openForm();
    await retype('Confidence', '1');
    await retype('Tolerable rate', '0');
    await save();
    expect(await screen.findAllByText('Must be between 0 and 1 (both excluded)')).toHaveLength(2);
    expect(api.writes()).toEqual([]);
  });

  it('refuses an empty misstatement and an empty minimum series', async () => {
    const api = await openForm();
    await user.click(screen.getByRole('button', { name: 'Add misstatement' }));
    await retype('Minimum series', '');
    await save();
    expect(await screen.findByText('Enter the misstatement')).toBeInTheDocument();
    expect(screen.getByText('A whole number from 1 to 30')).toBeInTheDocument();
    expect(api.writes()).toEqual([]);
  });
});

describe('engagement form saving', () => {
  it('sends every setting with the version it was read at', async () => {
    const api = await openForm({ [`PATCH ${URL}`]: (body) => ({ status: 200, body: { ...engagement(), ...(body as object), version: 4 } }) });
    await retype('Tolerable rate', '0.05');
    await user.click(screen.getByRole('checkbox', { name: 'Confidentiality' }));
    await user.click(screen.getByRole('button', { name: 'Add misstatement' }));
    await user.type(field('Misstatement 1'), 'The March outage is not disclosed');
    await user.click(screen.getByRole('checkbox', { name: 'Pervasive' }));
    await save();
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toEqual({
      method: 'PATCH',
      path: URL,
      body: {
        version: 3,
        name: 'Acme Analytics Platform: SOC 2 Type 2',
        system: 'Acme Analytics Platform',
        reportType: 'type2',
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
        categories: ['security', 'availability', 'confidentiality'],
        sampling: { confidence: 0.9, tolerableRate: 0.05 },
        pervasiveness: { minSeries: 3, minShare: 0.25 },
        misstatements: [{ text: 'The March outage is not disclosed', pervasive: true }],
      },
    });
  });

  it('sends no period start for Type 1', async () => {
    const api = await openForm({ [`PATCH ${URL}`]: (body) => ({ status: 200, body: { ...engagement(), ...(body as object), version: 4 } }) });
    await user.click(screen.getByRole('radio', { name: /Type 1/ }));
    await save();
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]?.body).toMatchObject({ reportType: 'type1', periodStart: null, periodEnd: '2026-06-30' });
  });

  it('on a conflict says someone else changed it and reloads on request', async () => {
    let reads = 0;
    await openForm({
      [`GET ${URL}`]: () => {
        reads += 1;
        return { status: 200, body: engagement(reads > 1 ? { version: 5, sampling: { confidence: 0.95, tolerableRate: 0.1 } } : {}) };
      },
      [`PATCH ${URL}`]: () => ({ status: 409, body: { type: 'https://assay.dev/problems/409', title: 'Conflict', status: 409, detail: 'The engagement was changed by someone else' } }),
    });
    await retype('Tolerable rate', '0.05');
    await save();
    expect(await screen.findAllByText(/The engagement was changed by someone else/)).not.toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(field('Confidence')).toHaveValue('0.95'));
    expect(field('Tolerable rate')).toHaveValue('0.1');
  });

  it("shows the server's issues beside their fields, and the others above the form", async () => {
    await openForm({
      [`PATCH ${URL}`]: () => ({
        status: 422,
        body: {
          type: 'https://assay.dev/problems/400',
          title: 'Unprocessable content',
          status: 422,
          detail: 'The engagement cannot be changed',
          issues: [
            { location: '$.periodStart', message: 'the period starts (2026-06-01) after it ends (2026-05-01)' },
            { location: '$.notApplicable[0].criterion', message: 'criterion "P1.1" is not in the chosen categories' },
          ],
        },
      }),
    });
    await save();
    expect(await screen.findByText('the period starts (2026-06-01) after it ends (2026-05-01)')).toBeInTheDocument();
    expect(screen.getByText('notApplicable › 1 › criterion: criterion "P1.1" is not in the chosen categories')).toBeInTheDocument();
    expect(field(/^Period start/)).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('engagement form values', () => {
  it('keeps security in and drops the period start of a Type 1 report', () => {
    const values = { ...valuesOf(engagement({ categories: ['availability'] })), reportType: 'type1' as const };
    expect(changesOf(values)).toMatchObject({ categories: ['security', 'availability'], periodStart: null });
  });

  it('places nested issues on the form field they name', () => {
    const placed = placeIssues(
      {
        type: 'https://assay.dev/problems/400',
        title: 'Bad request',
        status: 400,
        issues: [
          { location: '$.sampling.confidence', message: 'Too big' },
          { location: '$.misstatements[1].text', message: 'must not be empty' },
        ],
      },
      ['confidence', 'misstatements'],
      ENGAGEMENT_FIELD_ALIASES,
    );
    expect(placed).toEqual({ errors: { confidence: 'Too big', 'misstatements.1.text': 'must not be empty' }, other: [] });
  });
});
