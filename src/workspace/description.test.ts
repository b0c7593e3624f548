import { describe, expect, it } from 'vitest';
import type { ExaminationResult } from '../domain/index.js';
import { runCli } from '../cli/testing.js';
import { VALID_ASSAY, VALID_CONTROL, VALID_TEST, writeWorkspace } from './testing.js';

const DESCRIPTION = `services: Hosted analytics
commitments: [99.9% availability]
components:
  infrastructure: AWS
  software: The web application
  people: Engineering
  procedures: Change management
  data: Sales records
subserviceOrganizations:
  - name: Amazon Web Services
    services: Hosting
    method: carve_out
    csocs:
      - { text: Physical access is restricted, criteria: [CC6.4] }
userEntityControls:
  - { text: Customers remove their leavers, criteria: [CC6.2] }
`;

const INCIDENT = `id: F-7
title: The ingestion pipeline lost a day of data
source: self_identified
criteria: [CC7.4]
classification: { kind: operating, severity: deficiency }
status: open
significantIncident: true
`;

const workspace = (files: Record<string, string>) =>
  writeWorkspace({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL, 'tests/ac-04.yaml': VALID_TEST, ...files });

async function examined(dir: string) {
  const { code, stdout, stderr } = await runCli('examine', dir, '--format', 'json');
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as ExaminationResult & { descriptionWarnings?: { kind: string; item: string | null }[] };
}

describe('description.yaml', () => {
  it('leaves a workspace without one exactly as DESIGN §5 says, without the warnings key', async () => {
    const result = await examined(await workspace({ 'findings/f-7.yaml': INCIDENT }));
    expect(result.opinion.subjects.description).toBe('unmodified');
    expect(result).not.toHaveProperty('descriptionWarnings');
  });

  it('qualifies the description opinion for a significant incident it does not disclose, and warns where', async () => {
    const dir = await workspace({ 'description.yaml': DESCRIPTION, 'findings/f-7.yaml': INCIDENT });
    const result = await examined(dir);
    expect(result.opinion.subjects.description).toBe('qualified');
    expect(result.opinion.basis).toContain('Description misstated: The system description does not disclose significant incident F-7 → qualified.');
    expect(result.descriptionWarnings).toEqual([expect.objectContaining({ kind: 'undisclosed_incident', section: 'incidents', item: 'F-7' })]);
    const text = await runCli('examine', dir);
    expect(text.stdout).toMatch(/System description: 1 warning \(.*description\.yaml\)\n {2}- \[incidents\] Significant incident F-7/);
  });

  it('is unmodified once the incident is disclosed, and says the description is complete', async () => {
    const dir = await workspace({
      'description.yaml': `${DESCRIPTION}incidents:\n  - { finding: F-7, date: 2026-03-02, text: The pipeline lost a day of data }\n`,
      'findings/f-7.yaml': INCIDENT,
    });
    const result = await examined(dir);
    expect(result.opinion.subjects.description).toBe('unmodified');
    expect(result.descriptionWarnings).toEqual([]);
    expect((await runCli('examine', dir)).stdout).toContain('System description: complete, no warning.');
  });

  it('warns of an empty section and a carve-out without CSOCs, the opinion unchanged', async () => {
    const dir = await workspace({
      'description.yaml': 'services: Hosted analytics\nsubserviceOrganizations:\n  - { name: Stripe, services: Payments, method: carve_out }\n',
    });
    const result = await examined(dir);
    expect(result.opinion.subjects.description).toBe('unmodified');
    expect(result.descriptionWarnings?.map((w) => [w.kind, w.item])).toEqual([
      ['empty_section', null],
      ['empty_section', 'data'],
      ['empty_section', 'infrastructure'],
      ['empty_section', 'people'],
      ['empty_section', 'procedures'],
      ['empty_section', 'software'],
      ['carve_out_without_csocs', 'Stripe'],
    ]);
  });

  it('counts a monitoring regression of a key control as a significant incident', async () => {
    const regression = `id: F-MON-1
title: Leavers kept access again
source: monitoring
control: AC-04
criteria: [CC6.2]
classification: { kind: operating, severity: deficiency }
status: open
history:
  - { on: 2026-03-01, to: open }
  - { on: 2026-03-20, from: open, to: closed }
  - { on: 2026-05-02, from: closed, to: open, reason: The check fails again }
`;
    const result = await examined(await workspace({ 'description.yaml': DESCRIPTION, 'findings/f-mon-1.yaml': regression }));
    expect(result.descriptionWarnings).toEqual([expect.objectContaining({ kind: 'undisclosed_incident', item: 'F-MON-1' })]);
    expect(result.opinion.subjects.description).toBe('qualified');
  });

  it('refuses bad input with every problem at file:line and exit code 2', async () => {
    const dir = await workspace({
      'description.yaml': `${DESCRIPTION}incidents:\n  - { finding: F-404, text: Unknown }\nchanges: [""]\nextra: 1\n`.replace('method: carve_out', 'method: carved').replace('[CC6.2]', '[CC6.99]'),
    });
    const { code, stderr } = await runCli('examine', dir);
    expect(code).toBe(2);
    const lines = stderr.split('\n').filter((line) => line.includes('description.yaml:'));
    expect(lines.map((line) => line.slice(line.indexOf('description.yaml:')))).toEqual([
      'description.yaml:12: subserviceOrganizations[0].method: must be one of carve_out, inclusive (got "carved")',
      'description.yaml:19: changes[0]: must not be empty (got "")',
      'description.yaml:20: unknown field "extra"',
    ]);
    const domainOnly = await workspace({ 'description.yaml': `${DESCRIPTION}incidents:\n  - { finding: F-404, text: Unknown }\n`.replace('[CC6.2]', '[CC6.99]') });
    const refused = await runCli('examine', domainOnly);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('description.yaml:16: unknown criterion "CC6.99"');
    expect(refused.stderr).toContain('description.yaml:18: no finding F-404 in this engagement');
  });
});
