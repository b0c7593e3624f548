import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test as prop } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { deriveFindings, examine, type Examination, type ExaminationResult, type RootCause } from '../../domain/index.js';
import { buildFinding } from '../../domain/findings/testing.js';
import { arbExamination, buildControl, buildExamination } from '../../domain/testing/builders.js';
import { loadFindings, type WorkspaceFindings } from '../../workspace/findings.js';
import { loadWorkspace } from '../../workspace/load.js';
import { writeWorkspace as writeExaminationWorkspace } from '../../workspace/write.js';
import { assessmentResults } from './assessment-results.js';
import { ASSAY_NS } from './common.js';
import { planOfActionAndMilestones, type PoamDocument } from './poam.js';
import { ACME, schemaErrors, uuidsIn } from './testing.js';

let examination: Examination;
let result: ExaminationResult;
let workspace: WorkspaceFindings;
let document: PoamDocument;
const poam = () => document['plan-of-action-and-milestones'];
const value = (props: { name: string; value: string }[] | undefined, name: string) => props?.find((p) => p.name === name)?.value;

beforeAll(async () => {
  examination = await loadWorkspace(ACME);
  result = examine(examination);
  workspace = await loadFindings(ACME, examination);
  document = planOfActionAndMilestones({ examination, result, ...workspace });
});

describe('POA&M of examples/acme', () => {
  it("validates against NIST's OSCAL 1.1.3 schema", () => {
    expect(schemaErrors(document)).toEqual([]);
  });

  it('has an item per finding, and one for the deficiency that has no finding yet', () => {
    expect(poam()['poam-items'].map((i) => [value(i.props, 'finding-id'), value(i.props, 'finding-status')])).toEqual([
      ['F-AC-04', 'remediating'],
      ['F-AC-06', 'closed'],
      ['F-MON-01', 'analysing'],
      ['F-OPS-03', 'open'],
    ]);
  });

  it('has an item for the AC-04 finding with its root cause and corrective actions, linked to its risk and findings', () => {
    const item = poam()['poam-items'][0]!;
    expect(item.title).toBe('Departing personnel kept their access for up to eight business days');
    expect(item.description).toContain('Root cause (process): Offboarding depends on a manual ticket from HR.');
    expect(item.description).toContain('CA-1 Automate deprovisioning from the HR system');
    expect(item.remarks).toMatch(/^Five whys:\n\n1\. Why did departing personnel keep their access/);

    const risk = poam().risks?.find((r) => r.uuid === item['related-risks']?.[0]?.['risk-uuid']);
    expect(risk?.status).toBe('remediating');
    expect(risk?.deadline).toBe('2026-08-31T23:59:59Z');
    expect(risk?.remediations?.map((r) => [r.title, r.lifecycle])).toEqual([
      ['CA-1: Automate deprovisioning from the HR system, so a termination disables the identity-provider account at the end of the last working day', 'planned'],
      ["CA-2: Record contractors' end dates in the HR system, so their terminations follow the same path", 'completed'],
    ]);
    expect(risk?.remediations?.[0]?.tasks?.[0]?.timing).toEqual({ 'on-date': { date: '2026-08-31T23:59:59Z' } });
    expect(risk?.characterizations?.[0]?.facets.find((f) => f.name === 'severity')).toEqual({ name: 'severity', system: ASSAY_NS, value: 'material_weakness' });
    expect(risk?.['risk-log']?.entries.map((e) => [e.start, e['status-change']])).toEqual([
      ['2026-07-01T00:00:00Z', 'open'],
      ['2026-07-03T00:00:00Z', 'investigating'],
      ['2026-07-10T00:00:00Z', 'remediating'],
    ]);

    const findings = new Map(poam().findings?.map((f) => [f.uuid, f]));
    const related = item['related-findings']?.map((r) => findings.get(r['finding-uuid']));
    expect(related?.map((f) => f?.target)).toEqual([{ type: 'objective-id', 'target-id': 'cc6.2', status: { state: 'not-satisfied', reason: 'fail' } }]);
  });

  it('shares the deviation observations with the assessment results, and records retests', () => {
    const ar = assessmentResults(examination, result, workspace.findings)['assessment-results'].results[0]!;
    const arDeviation = ar.observations?.find((o) => o.title === 'AC-04 deviation: E1007');
    expect(arDeviation).toBeDefined();
    expect(poam().observations?.find((o) => o.uuid === arDeviation?.uuid)).toEqual(arDeviation);
    const retest = poam().observations?.find((o) => o.title === 'Retest RT-1 of AC-06: effective');
    expect(retest).toMatchObject({ methods: ['EXAMINE'], types: ['mitigation'], collected: '2026-10-12T23:59:59Z' });
    const closed = poam().findings?.filter((f) => value(f.props, 'finding-id') === 'F-AC-06');
    expect(closed?.map((f) => f.target.status.state)).toEqual(['satisfied']);
  });

  it('resolves every reference it makes', () => {
    const defined = new Set(uuidsIn(document).map((u) => u.uuid));
    const references = JSON.stringify(document).match(/"(observation|risk|finding|actor)-uuid":"[^"]+"/g) ?? [];
    expect(references.length).toBeGreaterThan(10);
    for (const reference of references) expect(defined.has(reference.split(':')[1]!.replaceAll('"', ''))).toBe(true);
  });

  it('is the same document every time; its last change is the latest date in the findings', () => {
    expect(JSON.stringify(planOfActionAndMilestones({ examination, result, ...workspace }))).toBe(JSON.stringify(document));
    expect(poam().metadata['last-modified']).toBe('2026-10-12T23:59:59Z');
  });
});

describe('POA&M shapes', () => {
  const exam = buildExamination({ engagement: { categories: [] }, controls: [buildControl({ id: 'AC-04', criteria: ['CC6.2'] })] });

  it('an accepted risk becomes an accepted remediation whose milestone is the expiry', () => {
    const accepted = buildFinding({
      control: null,
      code: 'F-X',
      status: 'risk_accepted',
      riskAcceptance: { approver: 'CFO', reason: 'Compensated by a weekly reconciliation', expires: '2026-12-31', acceptedOn: '2026-07-01' },
    });
    const doc = planOfActionAndMilestones({ examination: exam, result: examine(exam), findings: [accepted], rootCauses: [] });
    const risk = doc['plan-of-action-and-milestones'].risks?.find((r) => value(r.props, 'finding-id') === 'F-X');
    expect(risk).toMatchObject({ status: 'deviation-approved', deadline: '2026-12-31T23:59:59Z' });
    expect(risk?.remediations?.[0]).toMatchObject({ lifecycle: 'completed', title: 'Risk accepted by CFO', description: 'Compensated by a weekly reconciliation' });
    expect(schemaErrors(doc)).toEqual([]);
  });

  it('an examination with no deficiency and no finding still makes a valid POA&M', () => {
    const clean = buildExamination({ engagement: { categories: [], reportType: 'type1', periodStart: null }, controls: [] });
    const doc = planOfActionAndMilestones({ examination: clean, result: { ...examine(clean), deficiencies: [] }, findings: [], rootCauses: [] });
    expect(doc['plan-of-action-and-milestones']['poam-items'].map((i) => i.title)).toEqual(['No findings']);
    expect(schemaErrors(doc)).toEqual([]);
  });

  prop.prop([arbExamination], { numRuns: 40 })('every generated examination, with its derived findings worked, gives a valid POA&M', (generated) => {
    const generatedResult = examine(generated);
    const rootCause: RootCause = { id: 'RC-1', title: 'Manual step', category: 'process', whys: ['Why? Because.'] };
    const findings = deriveFindings(generatedResult, generated).map((f, i) =>
      i % 2 === 0 ? { ...f, status: 'analysing' as const, rootCause: 'RC-1', correctiveActions: [{ id: 'CA-1', title: 'Fix', owner: 'o', due: '2026-09-30', status: 'planned' as const, completedOn: null, evidence: [], verification: null }] } : f,
    );
    expect(schemaErrors(planOfActionAndMilestones({ examination: generated, result: generatedResult, findings, rootCauses: [rootCause] }))).toEqual([]);
  });
});


describe('a generated workspace on disk, with findings files', () => {
  // The workspace format asks every test for its population (or a scope limitation saying why there is none).
  const writable = arbExamination.map((e) => ({
    ...e,
    tests: e.tests.map((t) => (t.populationSize === null && t.scopeLimitation === null ? { ...t, populationSize: t.samples.length + 50 } : t)),
  }));

  prop.prop([writable], { numRuns: 10 })('loads and exports valid assessment results and a valid POA&M', async (generated) => {
    const dir = await writeExaminationWorkspace(join(await mkdtemp(join(tmpdir(), 'assay-oscal-')), 'ws'), generated);
    const derived = deriveFindings(examine(generated), generated);
    await mkdir(join(dir, 'findings'), { recursive: true });
    await mkdir(join(dir, 'root-causes'), { recursive: true });
    await writeFile(join(dir, 'root-causes/rc-1.yaml'), stringify({ id: 'RC-1', title: 'Manual step', category: 'process', whys: ['Why? Because.'] }));
    for (const [i, f] of derived.entries()) {
      const file = {
        id: f.code,
        title: f.title,
        source: 'deficiency',
        ...(f.control ? { control: f.control } : { criteria: f.criteria }),
        status: i % 2 === 0 ? 'remediating' : 'open',
        ...(i % 2 === 0 ? { rootCause: 'RC-1', correctiveActions: [{ id: 'CA-1', title: 'Fix it', owner: 'o@acme.example', due: '2026-09-30', status: 'in_progress' }] } : {}),
      };
      await writeFile(join(dir, `findings/f-${i}.yaml`), stringify(file));
    }
    const examination = await loadWorkspace(dir);
    const result = examine(examination);
    const workspaceFindings = await loadFindings(dir, examination);
    expect(workspaceFindings.findings).toHaveLength(derived.length);
    expect(schemaErrors(assessmentResults(examination, result, workspaceFindings.findings))).toEqual([]);
    expect(schemaErrors(planOfActionAndMilestones({ examination, result, ...workspaceFindings }))).toEqual([]);
    await rm(dirname(dir), { recursive: true, force: true });
  });
});
