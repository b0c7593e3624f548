import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError, examine } from '../../domain/index.js';
import { loadFindings } from '../../workspace/findings.js';
import { loadWorkspace } from '../../workspace/load.js';
import { assessmentResults } from './assessment-results.js';
import { MAX_IMPORTED_FINDINGS } from '../../domain/limits.js';
import { findingsFromOscal, MAX_IMPORT_WARNINGS } from './import.js';
import { planOfActionAndMilestones } from './poam.js';
import { jsonPath, validateOscal } from './schema.js';
import { ACME, NIST_AR, NIST_POAM, SCHEMA_FILE, acmeWithOverride, generatedAssessmentResults, generatedPoam, readJson } from './testing.js';

/** An importer who may write everything a document carries (an admin). */
const EVERY_RIGHT = { overrides: true, completedActions: true };

/** The issues of a refused import. */
function refusal(json: unknown): { summary: string; issues: string[] } {
  try {
    findingsFromOscal(json, EVERY_RIGHT);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    return { summary: e.summary, issues: e.issues.map((i) => `${i.location}: ${i.message}`) };
  }
  throw new Error('the import was not refused');
}

describe("import of NIST's examples", () => {
  it('maps the assessment results: the risk and the not-satisfied finding that relates to it become one finding', () => {
    const imported = findingsFromOscal(readJson(NIST_AR), EVERY_RIGHT);
    expect(imported).toMatchObject({ model: 'assessment-results', documentUuid: 'ec0dad37-54e0-40fd-a925-6d0bdea94c0d', warnings: [], rootCauses: [] });
    expect(imported.findings).toHaveLength(1);
    const [finding] = imported.findings;
    expect(finding).toMatchObject({
      code: 'OSCAL-0cfa750e',
      title: 'GoodRead System Engineers Have Over-Privileged Access to Cloud Infrastructure Account',
      source: 'auditor_observation',
      control: null,
      criteria: [],
      // The risk is "investigating".
      status: 'analysing',
      identifiedOn: '2023-06-02',
      classification: { kind: 'operating', severity: 'deficiency', override: null },
      correctiveActions: [],
    });
    // The observation the finding relates to (the engineer role), not the developer's, which passed.
    expect(finding?.failedSamples.map((d) => d.item)).toEqual(['AwesomeCloud IAM Roles Test - GoodRead System Engineer Role']);
    expect(finding?.failedSamples[0]?.note).toMatch(/awesomecloud:auditlog:DeleteAccountAuditLog/);
    // NIST's target is a NIST SP 800-53 objective, kept in the description.
    expect(finding?.description).toContain('OSCAL targets: ac-6.1_obj (not-satisfied).');
    expect(finding?.history).toEqual([
      { on: '2024-02-01', from: null, to: 'analysing', reason: expect.stringMatching(/^Imported from OSCAL assessment results "IFA GoodRead/) },
    ]);
  });

  it('maps the POA&M: an item per finding, the accepted risk with its expiry, the planned remediation with its milestone', () => {
    const imported = findingsFromOscal(readJson(NIST_POAM), EVERY_RIGHT);
    expect(imported.model).toBe('plan-of-action-and-milestones');
    expect(imported.findings.map((f) => [f.code, f.status])).toEqual([
      ['OSCAL-e174dfb9', 'risk_accepted'],
      ['OSCAL-48c8368d', 'open'],
    ]);
    const [accepted, open] = imported.findings;
    expect(accepted?.riskAcceptance).toMatchObject({ approver: 'not named in the OSCAL document', expires: '2024-01-01' });
    expect(accepted?.riskAcceptance?.reason).toMatch(/^The GoodRead Product Team does not have sufficient personnel/);
    expect(accepted?.correctiveActions).toEqual([]);
    expect(accepted?.failedSamples.map((d) => d.item)).toEqual(['Django Framework Examination']);
    // Impact high, likelihood low: a significant deficiency until someone judges otherwise.
    expect(accepted?.classification).toMatchObject({ severity: 'significant_deficiency', override: null });
    expect(open?.correctiveActions).toEqual([
      {
        id: 'CA-1',
        title: 'IFA-GOODREAD-RISK1-RESPONSE: IFA GoodRead Prouct Team Response',
        owner: null,
        due: '2024-06-23',
        status: 'planned',
        completedOn: null,
        evidence: [],
        verification: null,
      },
    ]);
    // NIST's first item points its related-risk at a mitigating factor: resolved through the shared observation.
    expect(imported.warnings).toEqual([
      'poam-item e174dfb9-0ae3-4a8f-8e7c-081527b84337 refers to a risk 401c15c9-ad6b-4d4a-a591-7d53a3abb3b6 the document does not define; took risk 8b8bae66-b28c-4fa5-9a20-b79e7322fc00, which shares its observations.',
    ]);
  });

  it('gives the same findings for the same document', () => {
    expect(findingsFromOscal(readJson(NIST_POAM), EVERY_RIGHT)).toEqual(findingsFromOscal(JSON.stringify(readJson(NIST_POAM)), EVERY_RIGHT));
  });
});

describe("import of Assay's own exports", () => {
  it('reads back the findings of its POA&M: ids, statuses, root causes, actions, classification', async () => {
    const examination = await loadWorkspace(ACME);
    const workspace = await loadFindings(ACME, examination);
    const poam = planOfActionAndMilestones({ examination, result: examine(examination), ...workspace });
    const imported = findingsFromOscal(JSON.parse(JSON.stringify(poam)), EVERY_RIGHT);
    expect(imported.rootCauses).toEqual(workspace.rootCauses);
    const original = new Map(workspace.findings.map((f) => [f.code, f]));
    for (const finding of imported.findings) {
      const before = original.get(finding.code);
      if (!before) continue;
      expect(finding).toMatchObject({
        title: before.title,
        source: before.source,
        control: before.control,
        criteria: before.criteria,
        rootCause: before.rootCause,
        failedSamples: before.failedSamples,
        classification: { kind: before.classification.kind, severity: before.classification.severity },
        correctiveActions: before.correctiveActions.map((a) => ({ id: a.id, title: a.title, owner: a.owner, due: a.due, status: a.status, completedOn: a.completedOn })),
      });
    }
    expect(imported.findings.map((f) => [f.code, f.status])).toEqual([
      ['F-AC-04', 'remediating'],
      // A retest's samples are not in OSCAL, so a closed finding comes back ready for its retest.
      ['F-AC-06', 'ready_for_retest'],
      ['F-MON-01', 'analysing'],
      ['F-OPS-03', 'open'],
    ]);
    expect(imported.warnings).toEqual([expect.stringMatching(/^F-AC-06 is closed in the document but imported as ready_for_retest: No retest yet/)]);
  });

  it('reads back an override of the forecast from its assessment results', async () => {
    const { examination, findings } = await acmeWithOverride();
    const imported = findingsFromOscal(assessmentResults(examination, examine(examination), findings), EVERY_RIGHT);
    expect(imported.findings.find((f) => f.code === 'F-AC-04')?.classification).toMatchObject({
      severity: 'material_weakness',
      override: { severity: 'significant_deficiency', reason: 'HR reconciliation', by: 'a@firm.example' },
    });
  });
});

describe('import within the importer’s rights', () => {
  it('leaves out an auditor’s override without finding.judge, with a warning', async () => {
    const { examination, findings } = await acmeWithOverride();
    const imported = findingsFromOscal(assessmentResults(examination, examine(examination), findings), { overrides: false, completedActions: true });
    expect(imported.findings.find((f) => f.code === 'F-AC-04')?.classification).toMatchObject({ severity: 'material_weakness', override: null });
    expect(imported.warnings).toContain("F-AC-04: the auditor's override (significant deficiency) is not imported: it needs the finding.judge permission.");
  });

  it('leaves out corrective actions marked done without finding.remediate, and settles the status on what is left', async () => {
    const examination = await loadWorkspace(ACME);
    const workspace = await loadFindings(ACME, examination);
    const poam = JSON.parse(JSON.stringify(planOfActionAndMilestones({ examination, result: examine(examination), ...workspace }))) as unknown;
    const full = findingsFromOscal(poam, EVERY_RIGHT);
    const limited = findingsFromOscal(poam, { overrides: true, completedActions: false });
    const done = full.findings.filter((f) => f.correctiveActions.some((a) => a.status === 'done'));
    expect(done.length).toBeGreaterThan(0);
    for (const finding of limited.findings) expect(finding.correctiveActions.every((a) => a.status !== 'done'), finding.code).toBe(true);
    for (const finding of done) {
      const ids = finding.correctiveActions.filter((a) => a.status === 'done').map((a) => a.id);
      const [actions, are] = ids.length === 1 ? ['corrective action', 'is'] : ['corrective actions', 'are'];
      expect(limited.warnings).toContain(`${finding.code}: ${actions} ${ids.join(', ')} marked done ${are} not imported: completing one needs the finding.remediate permission.`);
    }
    // What was planned is the document's plan, and stays.
    const planned = (f: { correctiveActions: { status: string }[] }) => f.correctiveActions.filter((a) => a.status !== 'done').length;
    expect(limited.findings.map(planned)).toEqual(full.findings.map(planned));
  });
});

describe('import of large documents', () => {
  it('makes the ids unique, resolves every reference through its index, and keeps the first warnings with their count', () => {
    const items = 3000;
    const imported = findingsFromOscal(generatedPoam(items), EVERY_RIGHT);
    expect(imported.findings).toHaveLength(items);
    expect(new Set(imported.findings.map((f) => f.code)).size).toBe(items);
    expect(imported.findings.slice(0, 3).map((f) => f.code)).toEqual(['F-GEN', 'F-GEN-2', 'F-GEN-3']);
    // Each item's dangling risk is found through the observation it shares with the risk the document defines.
    expect(imported.findings.every((f, i) => f.failedSamples.map((d) => d.item).join() === `Sample ${i}`)).toBe(true);
    expect(imported.warningCount).toBe(2 * items);
    expect(imported.warnings).toHaveLength(MAX_IMPORT_WARNINGS);
    expect(imported.warnings[0]).toMatch(/refers to a risk .* took risk/);

    const results = findingsFromOscal(generatedAssessmentResults(items), EVERY_RIGHT);
    expect(results.findings).toHaveLength(items);
    expect(results.findings.every((f) => f.criteria.join() === 'CC6.1')).toBe(true);
    expect(results.warningCount).toBe(0);
  });

  it('refuses a document of more findings than one import takes, naming the limit', () => {
    const { summary, issues } = refusal(generatedPoam(MAX_IMPORTED_FINDINGS + 1, 0));
    expect(summary).toBe(`The document holds more findings than one import takes (${MAX_IMPORTED_FINDINGS})`);
    expect(issues).toEqual([`$.plan-of-action-and-milestones: more than ${MAX_IMPORTED_FINDINGS} findings (poam-items): at most ${MAX_IMPORTED_FINDINGS} are imported from one document; split it`]);
    expect(findingsFromOscal(generatedPoam(MAX_IMPORTED_FINDINGS, 0), EVERY_RIGHT).findings).toHaveLength(MAX_IMPORTED_FINDINGS);
  });
});

describe('import refuses what is not OSCAL assessment results or a POA&M', () => {
  it('text that is not JSON', () => {
    const { summary, issues } = refusal('{"plan-of-action-and-milestones": ');
    expect(summary).toBe('The document is not OSCAL');
    expect(issues[0]).toMatch(/^\$: not JSON: /);
  });

  it('JSON of another shape, or another OSCAL model', () => {
    expect(refusal({ hello: 'world' }).issues).toEqual([
      '$: not an OSCAL assessment-results or plan-of-action-and-milestones document: the top level must hold exactly one of "assessment-results", "plan-of-action-and-milestones"; it holds "hello"',
    ]);
    expect(refusal([1, 2]).issues[0]).toMatch(/; it is a list$/);
    expect(refusal(readJson(SCHEMA_FILE)).issues[0]).toMatch(/^\$: not an OSCAL/);
    const plan = { 'assessment-plan': { uuid: 'x' } };
    expect(refusal(plan).issues[0]).toMatch(/it holds "assessment-plan"$/);
  });

  it('a POA&M that breaks the schema, naming the JSON path of every problem', () => {
    const broken = readJson(NIST_POAM) as { 'plan-of-action-and-milestones': Record<string, unknown> & { 'poam-items': Record<string, unknown>[]; risks: Record<string, unknown>[] } };
    const body = broken['plan-of-action-and-milestones'];
    body['poam-items'][0]!.uuid = 'not-a-uuid';
    delete body['poam-items'][1]!.description;
    body.risks[0]!.status = 'very bad';
    body.colour = 'red';
    const { summary, issues } = refusal(broken);
    expect(summary).toBe('The document is not valid OSCAL assessment results or a POA&M');
    expect(issues).toEqual(
      expect.arrayContaining([
        '$.plan-of-action-and-milestones.colour: property not allowed here',
        expect.stringMatching(/^\$\.plan-of-action-and-milestones\.poam-items\[0\]\.uuid: must be a valid UUID/),
        '$.plan-of-action-and-milestones.poam-items[1]: missing required property "description"',
        expect.stringMatching(/^\$\.plan-of-action-and-milestones\.risks\[0\]\.status: must be a valid Token/),
      ]),
    );
  });

  it('assessment results without their results', () => {
    const broken = readJson(NIST_AR) as { 'assessment-results': Record<string, unknown> };
    delete broken['assessment-results'].results;
    expect(refusal(broken).issues).toEqual(['$.assessment-results: missing required property "results"']);
  });
});

describe('validateOscal', () => {
  it("uses NIST's schema as released (the hash data/oscal/README.md records)", () => {
    const readme = readFileSync(join(SCHEMA_FILE, '../README.md'), 'utf8');
    const hash = createHash('sha256').update(readFileSync(SCHEMA_FILE)).digest('hex');
    expect(readme).toContain(`\`${hash}\``);
    expect(hash).toBe('078848cb4000024a65679110f6ee2d99b300b06471a33fc536b19b670b65aa51');
  });

  it("accepts NIST's examples, and limits a model when asked", () => {
    expect(validateOscal(readJson(NIST_AR))).toEqual([]);
    expect(validateOscal(readJson(NIST_POAM), ['plan-of-action-and-milestones'])).toEqual([]);
    expect(validateOscal(readJson(NIST_AR), ['plan-of-action-and-milestones'])[0]?.message).toMatch(/^not an OSCAL plan-of-action-and-milestones document/);
  });

  it('writes JSON paths the way people read them', () => {
    expect(jsonPath(['assessment-results', 'results', '0', 'uuid'])).toBe('$.assessment-results.results[0].uuid');
    expect(jsonPath(['a b', 3])).toBe('$["a b"][3]');
  });
});
