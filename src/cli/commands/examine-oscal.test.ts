import { describe, expect, it } from 'vitest';
import type { AssessmentResultsDocument } from '../../reports/oscal/assessment-results.js';
import type { PoamDocument } from '../../reports/oscal/poam.js';
import { ACME, schemaErrors } from '../../reports/oscal/testing.js';
import { VALID_ASSAY, VALID_CONTROL, VALID_TEST, writeWorkspace } from '../../workspace/testing.js';
import { runCli } from '../testing.js';

describe('assay examine --format oscal-ar | oscal-poam', () => {
  it('prints the assessment results of the demo as valid OSCAL', async () => {
    const { code, stdout, stderr } = await runCli('examine', ACME, '--format', 'oscal-ar');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as AssessmentResultsDocument;
    expect(schemaErrors(document)).toEqual([]);
    const cc62 = document['assessment-results'].results[0]?.findings?.find((f) => f.target['target-id'] === 'cc6.2');
    expect(cc62?.target.status.state).toBe('not-satisfied');
    // The same workspace prints the same document.
    expect((await runCli('examine', ACME, '--format', 'oscal-ar')).stdout).toBe(stdout);
  });

  it('prints the POA&M of the demo, from the findings of the workspace', async () => {
    const { code, stdout } = await runCli('examine', ACME, '--format', 'oscal-poam');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as PoamDocument;
    expect(schemaErrors(document)).toEqual([]);
    expect(document['plan-of-action-and-milestones']['poam-items'].map((i) => i.title)).toContain(
      'Departing personnel kept their access for up to eight business days',
    );
  });

  it('refuses a workspace whose finding names an unknown control, with file:line and exit 2, printing nothing', async () => {
    const dir = await writeWorkspace({
      'assay.yaml': VALID_ASSAY,
      'controls/ac-04.yaml': VALID_CONTROL,
      'tests/ac-04.yaml': VALID_TEST,
      'findings/f-1.yaml': 'id: F-1\ntitle: Late\nsource: deficiency\ncontrol: AC-40\n',
    });
    for (const format of ['oscal-ar', 'oscal-poam']) {
      const { code, stdout, stderr } = await runCli('examine', dir, '--format', format);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`${dir}/findings/f-1.yaml:4: unknown control "AC-40"`);
    }
    // The forecast itself does not read the findings.
    expect((await runCli('examine', dir, '--format', 'json')).code).toBe(0);
  });
});
