import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ValidationError, canClose, examine, recordedResponseIssues, systemicCauses } from '../domain/index.js';
import { loadFindings } from './findings.js';
import { loadWorkspace } from './load.js';
import { VALID_ASSAY, VALID_CONTROL, VALID_TEST, writeWorkspace } from './testing.js';

const ACME = join(import.meta.dirname, '../../examples/acme');

const ROOT_CAUSE = `id: RC-1
title: Offboarding depends on a manual ticket from HR
category: process
whys: [Access removed late, IT waits for a ticket]
`;

/** A finding of the AC-04 deficiency of the base workspace (T-5 failed). */
const FINDING = `id: F-AC-04
title: Late deprovisioning
source: deficiency
control: AC-04
status: open
`;

/** Loads a workspace of AC-04 with its test, the root cause RC-1 and the given finding files. */
async function load(findings: Record<string, string>, extra: Record<string, string> = {}) {
  const dir = await writeWorkspace({
    'assay.yaml': VALID_ASSAY,
    'controls/ac-04.yaml': VALID_CONTROL,
    'tests/ac-04.yaml': VALID_TEST,
    'root-causes/rc-1.yaml': ROOT_CAUSE,
    ...Object.fromEntries(Object.entries(findings).map(([name, text]) => [`findings/${name}`, text])),
    ...extra,
  });
  return { dir, examination: await loadWorkspace(dir) };
}

/** The `file:line: message` lines of a refused load, with the folder left out. */
async function problems(findings: Record<string, string>, extra: Record<string, string> = {}): Promise<string[]> {
  const { dir, examination } = await load(findings, extra);
  const error = await loadFindings(dir, examination).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => `${i.location}: ${i.message}`.replaceAll(`${dir}/`, ''));
}

describe('loadFindings: the demo', () => {
  it('reads the findings and shared root causes of examples/acme', async () => {
    const examination = await loadWorkspace(ACME);
    const { findings, rootCauses } = await loadFindings(ACME, examination);
    expect(findings.map((f) => [f.code, f.status])).toEqual([
      ['F-AC-04', 'remediating'],
      ['F-AC-06', 'closed'],
      ['F-MON-01', 'analysing'],
    ]);
    const ac04 = findings[0];
    // The forecast and the failed samples come from the examination.
    expect(ac04?.classification).toMatchObject({ kind: 'operating', severity: 'material_weakness', pervasive: false, override: null });
    expect(ac04?.failedSamples.map((d) => d.item)).toEqual(['E1007', 'E1011']);
    expect(ac04?.criteria).toEqual(['CC6.2']);
    expect(ac04?.correctiveActions.map((a) => [a.id, a.status])).toEqual([
      ['CA-1', 'in_progress'],
      ['CA-2', 'done'],
    ]);
    const ac06 = findings[1];
    expect(ac06?.retests[0]).toMatchObject({ conclusion: 'effective' });
    const controls = new Map(examination.controls.map((c) => [c.id, c]));
    expect(canClose(ac06!, { control: (id) => controls.get(id), sampling: examination.engagement.sampling }).ok).toBe(true);
    expect(rootCauses.map((r) => r.id)).toEqual(['RC-01', 'RC-02']);
    expect(systemicCauses(findings, rootCauses)[0]).toMatchObject({ rootCause: { id: 'RC-01' }, findings: ['F-AC-04', 'F-MON-01'], systemic: true });
  });

  it('does not change the forecast: the examination is the same without the findings', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'assay-acme-'));
    await cp(ACME, copy, { recursive: true });
    await rm(join(copy, 'findings'), { recursive: true });
    await rm(join(copy, 'root-causes'), { recursive: true });
    expect(examine(await loadWorkspace(ACME))).toEqual(examine(await loadWorkspace(copy)));
  });
});

describe('loadFindings: valid files', () => {
  it('copies the failed samples of a deficiency, accepts them listed in full (under their older name too), and reads a workspace without findings', async () => {
    const { dir, examination } = await load({ 'f.yaml': FINDING });
    const { findings } = await loadFindings(dir, examination);
    expect(findings[0]?.failedSamples).toEqual([{ item: 'T-5', note: 'Removed 9 days late' }]);
    for (const key of ['failedSamples', 'deviations']) {
      const listed = await load({ 'f.yaml': `${FINDING}${key}:\n  - { item: T-5, note: Removed 9 days late }\n` });
      expect((await loadFindings(listed.dir, listed.examination)).findings[0]?.failedSamples).toEqual([{ item: 'T-5', note: 'Removed 9 days late' }]);
    }
    const bare = await writeWorkspace({ 'assay.yaml': VALID_ASSAY });
    expect(await loadFindings(bare, await loadWorkspace(bare))).toEqual({ findings: [], rootCauses: [], managementResponses: [] });
  });

  it('keeps an auditor override beside the forecast', async () => {
    const { dir, examination } = await load({
      'f.yaml': `${FINDING}classification:\n  override:\n    severity: significant_deficiency\n    reason: The HR reconciliation caught it within the month\n    by: auditor@firm.example\n`,
    });
    const { findings } = await loadFindings(dir, examination);
    expect(findings[0]?.classification).toMatchObject({
      severity: 'material_weakness',
      override: { severity: 'significant_deficiency', pervasive: null, reason: 'The HR reconciliation caught it within the month', by: 'auditor@firm.example' },
    });
  });
  it('reads `criteria: []` as a finding mapped to no criterion yet, and refuses it for a deficiency', async () => {
    const imported = `id: F-OSCAL-1\ntitle: Imported from another framework\nsource: auditor_observation\ncriteria: []\nclassification: { kind: operating, severity: deficiency }\n`;
    const { dir, examination } = await load({ 'f.yaml': imported });
    const { findings } = await loadFindings(dir, examination);
    expect(findings[0]).toMatchObject({ code: 'F-OSCAL-1', control: null, criteria: [] });
    expect(await problems({ 'f.yaml': `${FINDING}criteria: []\n` })).toContain(
      'findings/f.yaml:6: must list at least one criterion (an empty list is only for a finding that is not a deficiency)',
    );
  });
});

describe('loadFindings: refused with file:line', () => {
  it('names unknown controls, criteria and root causes', async () => {
    expect(
      await problems({
        'f.yaml': `id: F-1\ntitle: t\nsource: self_identified\ncontrol: AC-99\ncriteria: [CC6.2, CC6.99, A1.1]\nclassification: { kind: operating, severity: deficiency }\nrootCause: RC-9\n`,
      }),
    ).toEqual([
      'findings/f.yaml:4: unknown control "AC-99"',
      'findings/f.yaml:5: unknown criterion "CC6.99"',
      'findings/f.yaml:5: criterion "A1.1" is not in the chosen categories',
      'findings/f.yaml:7: unknown root cause "RC-9" (root causes are defined in root-causes/*.yaml)',
    ]);
  });

  it('names a bad status, a bad date, a missing field and an unknown field', async () => {
    expect(
      await problems({
        'f.yaml': `id: F-1\nsource: deficiency\ncontrol: AC-04\nstatus: fixed\nidentifiedOn: 2026-02-30\ncolour: red\n`,
      }),
    ).toEqual([
      'findings/f.yaml:1: title: is required',
      'findings/f.yaml:4: status: must be one of open, analysing, remediating, ready_for_retest, closed, risk_accepted, false_positive (got "fixed")',
      'findings/f.yaml:5: identifiedOn: must be a real date written YYYY-MM-DD (got "2026-02-30")',
      'findings/f.yaml:6: unknown field "colour"',
    ]);
  });

  it('refuses a closed finding without a passing retest, on the line of its status', async () => {
    const closed = `${FINDING.replace('status: open', 'status: closed')}rootCause: RC-1
correctiveActions:
  - { id: CA-1, title: Automate, owner: it@acme.example, due: 2026-08-31, status: done, completedOn: 2026-08-20 }
`;
    expect(await problems({ 'f.yaml': closed })).toEqual([
      'findings/f.yaml:5: status closed: No retest yet: the control must be retested over a period starting after 2026-08-20, when the last corrective action was completed.',
    ]);
    const failingRetest = `${closed}retests:
  - { date: 2026-10-01, periodStart: 2026-09-01, periodEnd: 2026-09-30, method: inspection, populationSize: 10, samples: [{ item: T-20, result: fail }, { item: T-21, result: pass }, { item: T-22, result: pass }, { item: T-23, result: pass }, { item: T-24, result: pass }] }
`;
    const [message] = await problems({ 'f.yaml': failingRetest });
    expect(message).toMatch(/^findings\/f\.yaml:5: status closed: Retest RT-1 concludes not effective; closing needs effective\./);
    const passing = failingRetest.replace('{ item: T-20, result: fail }', '{ item: T-20, result: pass }');
    const { dir, examination } = await load({ 'f.yaml': passing });
    expect((await loadFindings(dir, examination)).findings[0]?.status).toBe('closed');
  });

  it('refuses the other statuses the lifecycle forbids, and leftovers of another status', async () => {
    expect(await problems({ 'f.yaml': FINDING.replace('status: open', 'status: remediating') })).toEqual([
      'findings/f.yaml:5: status remediating: Remediating needs a root cause: fix the cause, not the symptom. Remediating needs at least one corrective action.',
    ]);
    expect(await problems({ 'f.yaml': FINDING.replace('status: open', 'status: risk_accepted') })).toEqual([
      'findings/f.yaml:5: status risk_accepted: An accepted risk needs its acceptance: approver, reason and expiry date.',
    ]);
    expect(await problems({ 'f.yaml': `${FINDING}riskAcceptance: { approver: CFO, reason: r, expires: 2026-12-31 }\n` })).toEqual([
      'findings/f.yaml:6: riskAcceptance is kept only while the status is risk_accepted (it is open)',
    ]);
  });

  it('refuses a classification that contradicts the engine, and an override without a reason or a change', async () => {
    expect(await problems({ 'f.yaml': `${FINDING}classification: { severity: deficiency }\n` })).toEqual([
      'findings/f.yaml:6: the engine forecasts severity material_weakness for AC-04; record a different judgment as classification.override with a reason',
    ]);
    expect(await problems({ 'f.yaml': `${FINDING}classification:\n  override: { severity: deficiency }\n` })).toEqual([
      'findings/f.yaml:7: classification.override.reason: is required',
    ]);
    expect(await problems({ 'f.yaml': `${FINDING}classification:\n  override: { reason: because }\n` })).toEqual([
      'findings/f.yaml:7: an override must set severity, pervasive or both',
    ]);
    expect(await problems({ 'f.yaml': `id: F-2\ntitle: t\nsource: auditor_observation\ncriteria: [CC6.2]\n` })).toEqual([
      'findings/f.yaml:1: classification.kind and classification.severity are required: a finding of source auditor_observation carries its own classification',
    ]);
  });

  it('refuses a finding that drops a deviation or names a sample that passed, and one list under both its names', async () => {
    expect(await problems({ 'f.yaml': `${FINDING}failedSamples:\n  - { item: T-1 }\n` })).toEqual([
      'findings/f.yaml:6: the test of AC-04 also failed "T-5": a finding keeps every deviation (remediation never erases a deviation)',
      'findings/f.yaml:7: "T-1" is not a failed sample of the test of AC-04',
    ]);
    const both = `${FINDING}failedSamples:\n  - { item: T-5 }\ndeviations:\n  - { item: T-5 }\n`;
    expect(await problems({ 'f.yaml': both })).toEqual([
      'findings/f.yaml:8: failedSamples and deviations are one list (deviations is its older name): keep failedSamples',
    ]);
  });

  it('checks corrective actions, retests and history', async () => {
    const text = `${FINDING}correctiveActions:
  - { id: CA-1, title: a, owner: o, due: 2026-08-31, status: done }
  - { id: CA-1, title: b, owner: o, due: 2026-08-31, completedOn: 2026-08-01 }
retests:
  - { control: AC-77, date: 2026-10-01, periodStart: 2026-09-30, periodEnd: 2026-09-01, method: inspection, populationSize: 1, samples: [{ item: A, result: pass }, { item: A, result: pass }] }
history:
  - { on: 2026-07-01, from: open, to: closed }
`;
    expect(await problems({ 'f.yaml': text })).toEqual([
      'findings/f.yaml:7: a done action needs the date it was completed (completedOn)',
      'findings/f.yaml:8: action id "CA-1" appears twice (first at findings/f.yaml:7)',
      'findings/f.yaml:8: completedOn is set but the action is planned, not done',
      'findings/f.yaml:10: retest of an unknown control "AC-77"',
      'findings/f.yaml:10: the period starts (2026-09-30) after it ends (2026-09-01)',
      'findings/f.yaml:10: 2 samples tested from a population of only 1',
      'findings/f.yaml:10: sample item "A" appears twice (first at findings/f.yaml:10)',
      'findings/f.yaml:12: a finding cannot go from open to closed',
    ]);
  });

  it('refuses duplicate ids across files, naming the first', async () => {
    const lines = await problems(
      { 'a.yaml': FINDING, 'b.yaml': FINDING },
      { 'root-causes/rc-2.yaml': ROOT_CAUSE.replace('category: process', 'category: luck') },
    );
    expect(lines).toEqual([
      'findings/b.yaml:1: duplicate finding id "F-AC-04" (also in findings/a.yaml:1)',
      'root-causes/rc-2.yaml:1: duplicate root cause id "RC-1" (also in root-causes/rc-1.yaml:1)',
      'root-causes/rc-2.yaml:3: category: must be one of people, process, technology, third_party, design_gap, monitoring_gap (got "luck")',
    ]);
  });

  it('reports malformed YAML and a file that is not a mapping', async () => {
    expect(await problems({ 'a.yaml': 'id: [unclosed\n', 'b.yaml': '- just a list\n' })).toEqual([
      expect.stringMatching(/^findings\/a\.yaml:\d+: malformed YAML: /),
      'findings/b.yaml:1: expected a mapping of fields (key: value)',
    ]);
  });
});

/** The finding of FINDING with a management response of these lines (indented under `managementResponse:`). */
const withResponse = (...lines: string[]) => `${FINDING}managementResponse:\n${lines.map((l) => `  ${l}\n`).join('')}`;
const TEXTS = ['whatHappened: Two leavers kept access', 'rootCause: A manual ticket', 'correctiveAction: Automated from the HR system'];

describe('loadFindings: management responses', () => {
  it('reads the demo: an approved response to F-AC-06 and a draft of F-AC-04, keyed by finding, times in UTC', async () => {
    const examination = await loadWorkspace(ACME);
    const { managementResponses } = await loadFindings(ACME, examination);
    expect(managementResponses.map((r) => [r.finding, r.status, r.approvedBy])).toEqual([
      ['F-AC-04', 'draft', null],
      ['F-AC-06', 'approved', 'admin@acme.example'],
    ]);
    expect(managementResponses[1]).toMatchObject({ remediatedOn: '2026-07-15', editedOn: '2026-10-14T09:20:00.000Z', approvedOn: '2026-10-15T16:05:00.000Z' });
    expect(managementResponses[1]?.whatHappened).toMatch(/^The access review for the first quarter of 2026 did not cover/);
  });

  it('reads a date as the start of that day and a timestamp in any zone as UTC; when it was edited may be left out', async () => {
    const { dir, examination } = await load({
      'f.yaml': withResponse(...TEXTS, 'status: approved', 'editedBy: carmen@acme.example', 'editedOn: 2026-07-20', 'approvedBy: ada@acme.example', 'approvedOn: 2026-07-21T10:30:00+02:00'),
      'g.yaml': withResponse(...TEXTS, 'status: draft').replace('F-AC-04', 'F-2').replace('source: deficiency', 'source: self_identified\nclassification: { kind: operating, severity: deficiency }'),
    });
    const { managementResponses } = await loadFindings(dir, examination);
    expect(managementResponses).toEqual([
      {
        finding: 'F-AC-04',
        whatHappened: 'Two leavers kept access',
        rootCause: 'A manual ticket',
        correctiveAction: 'Automated from the HR system',
        remediatedOn: null,
        status: 'approved',
        editedBy: 'carmen@acme.example',
        editedOn: '2026-07-20T00:00:00.000Z',
        approvedBy: 'ada@acme.example',
        approvedOn: '2026-07-21T08:30:00.000Z',
      },
      expect.objectContaining({ finding: 'F-2', status: 'draft', editedBy: null, editedOn: null, approvedBy: null, approvedOn: null }),
    ]);
  });

  it('refuses an approval without approver or date, an approver who last edited it, and one older than the text', async () => {
    expect(await problems({ 'f.yaml': withResponse(...TEXTS, 'status: approved') })).toEqual([
      'findings/f.yaml:6: an approved response names who approved it (approvedBy)',
      'findings/f.yaml:6: an approved response says when it was approved (approvedOn)',
    ]);
    expect(
      await problems({
        'f.yaml': withResponse(...TEXTS, 'status: approved', 'editedBy: Carmen@Acme.example', 'editedOn: 2026-07-20T12:00:00Z', 'approvedBy: carmen@acme.example', 'approvedOn: 2026-07-20'),
      }),
    ).toEqual([
      'findings/f.yaml:13: carmen@acme.example last edited it: someone else must approve it (four eyes)',
      'findings/f.yaml:14: approved (2026-07-20T00:00:00.000Z) before it was last edited (2026-07-20T12:00:00.000Z): an approval covers the text as last edited',
    ]);
    expect(await problems({ 'f.yaml': withResponse(...TEXTS, 'status: draft', 'approvedBy: ada@acme.example') })).toEqual([
      'findings/f.yaml:11: a draft has no approver: approvedBy is kept only while the status is approved',
    ]);
  });

  it('names a bad status, a bad time, an empty or overlong text, a missing part and an unknown field', async () => {
    expect(
      await problems({
        'f.yaml': withResponse(
          'whatHappened: ""',
          `rootCause: ${'x'.repeat(8001)}`,
          'status: published',
          'editedOn: 2026-07-20 09:00',
          'remediatedOn: 2026-02-30',
          'signedBy: someone',
        ),
      }),
    ).toEqual([
      'findings/f.yaml:7: managementResponse.whatHappened: must not be empty (got "")',
      'findings/f.yaml:7: managementResponse.correctiveAction: is required',
      expect.stringMatching(/^findings\/f\.yaml:8: managementResponse\.rootCause: must be at most 8000 characters/),
      'findings/f.yaml:9: managementResponse.status: must be one of draft, approved (got "published")',
      'findings/f.yaml:10: managementResponse.editedOn: must be a date (YYYY-MM-DD) or a timestamp with its zone (YYYY-MM-DDTHH:MM:SSZ) (got "2026-07-20 09:00")',
      'findings/f.yaml:11: managementResponse.remediatedOn: must be a real date written YYYY-MM-DD (got "2026-02-30")',
      'findings/f.yaml:12: unknown field "managementResponse.signedBy"',
    ]);
  });
});

describe('recordedResponseIssues: four eyes on recorded responses', () => {
  const email = fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.constantFrom('acme.example', 'firm.example')).map(([name, domain]) => `${name}@${domain}`);
  const response = (editedBy: string, approvedBy: string) => ({
    finding: 'F-1',
    whatHappened: 'w',
    rootCause: 'r',
    correctiveAction: 'c',
    remediatedOn: null,
    status: 'approved' as const,
    editedBy,
    editedOn: '2026-07-20T00:00:00.000Z',
    approvedBy,
    approvedOn: '2026-07-21T00:00:00.000Z',
  });

  prop.prop([email, fc.boolean()])('refuses the last editor as approver, however the email is cased', (editor, upper) => {
    const issues = recordedResponseIssues(response(editor, upper ? editor.toUpperCase() : editor));
    expect(issues.map((i) => i.field)).toEqual(['approvedBy']);
  });

  prop.prop([email, email])('accepts any other approver', (editor, approver) => {
    fc.pre(editor.toLowerCase() !== approver.toLowerCase());
    expect(recordedResponseIssues(response(editor, approver))).toEqual([]);
  });
});
