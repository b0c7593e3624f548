import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DescriptionView } from '../../api/description.js';
import { renderAt, stubFetch } from '../../testing.js';
import { DescriptionPage } from './DescriptionPage.js';

afterEach(() => vi.unstubAllGlobals());

const E = '/organizations/org-1/engagements/eng-1';
const ROOT = '/o/org-1/e/eng-1';

const VIEW: DescriptionView = {
  recorded: true,
  version: 3,
  updatedAt: '2026-07-01T10:00:00.000Z',
  updatedBy: 'user:compliance@acme.example',
  description: {
    services: 'Hosted analytics',
    commitments: ['99.9% availability'],
    components: { infrastructure: 'AWS', software: 'The web application', people: '', procedures: 'Change management', data: 'Sales records' },
    incidents: [],
    changes: [],
    subserviceOrganizations: [{ name: 'Amazon Web Services', services: 'Hosting', method: 'carve_out', csocs: [{ text: 'Physical access is restricted', criteria: ['CC6.4'] }] }],
    userEntityControls: [{ text: 'Customers remove their leavers', criteria: ['CC6.2'] }],
  },
  notApplicable: [{ criterion: 'CC6.4', reason: 'Carved out' }],
  incidents: [{ finding: 'F-7', title: 'Pipeline outage', why: 'marked a significant incident' }],
  warnings: [
    { kind: 'empty_section', section: 'components', item: 'people', message: 'The people component of the system (DC3) is not described.' },
    { kind: 'undisclosed_incident', section: 'incidents', item: 'F-7', message: 'Significant incident F-7 (Pipeline outage; marked a significant incident) is not disclosed in the description (DC4).' },
  ],
  opinion: 'qualified',
};

describe('the system description page', () => {
  it('shows the warnings first, each leading to where it is fixed, and the description opinion', async () => {
    stubFetch({}, { [`GET ${E}/description`]: { status: 200, body: VIEW } });
    renderAt(`${ROOT}/description`, <DescriptionPage />, '/description');
    const warnings = await screen.findByTestId('description-warnings');
    expect(within(warnings).getByText(/2 warnings on the description/)).toBeInTheDocument();
    expect(within(warnings).getByRole('link', { name: 'Go to components of the system' })).toHaveAttribute('href', '#description-components');
    expect(within(warnings).getByRole('link', { name: 'Open F-7' })).toHaveAttribute('href', `${ROOT}/findings/F-7`);
    expect(screen.getByTestId('description-opinion')).toHaveTextContent('qualified');
    // CSOCs read as typed: one a line, with their criteria in brackets.
    expect(screen.getByDisplayValue('Physical access is restricted [CC6.4]')).toBeInTheDocument();
  });

  it('is read only for a role that may not edit management’s description', async () => {
    stubFetch({}, { [`GET ${E}/description`]: { status: 200, body: VIEW } });
    renderAt(`${ROOT}/description`, <DescriptionPage />, '/description');
    await screen.findByTestId('description-warnings');
    expect(screen.queryByRole('button', { name: 'Save the description' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Disclose F-7' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Services' })).toHaveAttribute('readonly');
  });
});
