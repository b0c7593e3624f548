import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ValidationError, type Examination, type Finding, type RecordedResponse } from '../domain/index.js';
import { loadFindings, parseFindings } from './findings.js';
import { loadWorkspace } from './load.js';
import { renderWorkspace, writeWorkspace } from './write.js';

const ACME = join(import.meta.dirname, '../../examples/acme');

async function emptyFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'assay-write-'));
}

/** An examination with every optional field used and values YAML would read as something else unless quoted. */
function awkward(): Examination {
  return {
    engagement: {
      organization: 'Ünïcödé & Co: "quoted" #1',
      system: "O'Brien's platform",
      reportType: 'type2',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      categories: ['security', 'availability', 'confidentiality', 'processing-integrity', 'privacy'],
      notApplicable: [
        { criterion: 'CC6.4', reason: 'Carved out: AWS runs the data centres' },
        { criterion: 'P1.1', reason: 'yes' },
      ],
      sampling: { confidence: 0.95, tolerableRate: 0.1 },
      pervasiveness: { minSeries: 2, minShare: 0.25 },
      misstatements: [
        { text: 'An incident in March is not disclosed', pervasive: false },
        { text: 'The system boundary omits the data warehouse\nand its loaders', pervasive: true },
      ],
    },
    controls: [
      { id: 'AC-01', title: 'null', criteria: ['CC6.1', 'CC6.2'], frequency: 'daily', nature: 'manual', key: false, design: 'deficient', compensates: ['AC-02'], owner: null },
      { id: 'AC-02', title: '- starts like a list: and has a colon', criteria: ['A1.2'], frequency: 'event', nature: 'automated', key: true, design: 'effective', compensates: [], owner: 'it-ops@acme.example' },
      { id: 'AC-03', title: 'Not tested', criteria: ['C1.1'], frequency: 'annual', nature: 'manual', key: true, design: 'effective', compensates: [], owner: null },
    ],
    tests: [
      {
        control: 'AC-01',
        method: 'reperformance',
        populationSize: 365,
        samples: [
          { item: '007', result: 'pass', note: null },
          { item: '1e3', result: 'fail', note: '' },
          { item: 'true', result: 'pass', note: 'multi\nline: note, with {braces} and [brackets]' },
          { item: '2026-01-05', result: 'pass', note: null },
        ],
        scopeLimitation: null,
      },
      { control: 'AC-02', method: 'inquiry', populationSize: null, samples: [], scopeLimitation: 'The population could not be produced' },
      { control: 'AC-03', method: 'observation', populationSize: 0, samples: [], scopeLimitation: null },
    ],
  };
}

describe('writing a workspace', () => {
  it('gives the demo workspace back as it was loaded', async () => {
    const acme = await loadWorkspace(ACME);
    const dir = join(await emptyFolder(), 'acme');
    expect(await writeWorkspace(dir, acme)).toBe(dir);
    expect(await loadWorkspace(dir)).toEqual(acme);
    // Same file names as the hand-written demo.
    expect((await readdir(join(dir, 'controls'))).sort()).toEqual((await readdir(join(ACME, 'controls'))).sort());
    expect((await readdir(join(dir, 'tests'))).sort()).toEqual((await readdir(join(ACME, 'tests'))).sort());
  });

  it('round-trips every optional field and values that need quoting', async () => {
    const examination = awkward();
    const dir = await writeWorkspace(join(await emptyFolder(), 'ws'), examination);
    expect(await loadWorkspace(dir)).toEqual(examination);
  });

  it('round-trips a Type 1 with security alone and format defaults everywhere', async () => {
    const examination: Examination = {
      engagement: {
        ...awkward().engagement,
        reportType: 'type1',
        periodStart: null,
        categories: ['security'],
        notApplicable: [],
        sampling: { confidence: 0.9, tolerableRate: 0.1 },
        pervasiveness: { minSeries: 3, minShare: 0.25 },
        misstatements: [],
      },
      controls: [{ id: 'GOV-01', title: 'A board oversees', criteria: ['CC1.2'], frequency: 'annual', nature: 'manual', key: true, design: 'effective', compensates: [], owner: null }],
      tests: [],
    };
    const dir = await writeWorkspace(join(await emptyFolder(), 'ws'), examination);
    expect(await loadWorkspace(dir)).toEqual(examination);
    expect(await readFile(join(dir, 'assay.yaml'), 'utf8')).toBe(
      `organization: 'Ünïcödé & Co: "quoted" #1'\nsystem: O'Brien's platform\nreport:\n  type: type1\n  periodEnd: 2026-12-31\n`,
    );
    expect(await readFile(join(dir, 'controls/gov-01.yaml'), 'utf8')).toBe(
      'id: GOV-01\ntitle: A board oversees\ncriteria: [CC1.2]\nfrequency: annual\nnature: manual\n',
    );
  });

  it('writes the format of DESIGN §4, leaving out what is at its default', () => {
    const files = new Map(renderWorkspace(awkward()).map((f) => [f.path, f.text]));
    expect([...files.keys()]).toEqual(['assay.yaml', 'controls/ac-01.yaml', 'controls/ac-02.yaml', 'controls/ac-03.yaml', 'tests/ac-01.yaml', 'tests/ac-02.yaml', 'tests/ac-03.yaml']);
    expect(files.get('assay.yaml')).toContain('sampling:\n  confidence: 0.95\n');
    expect(files.get('assay.yaml')).not.toContain('tolerableRate');
    expect(files.get('assay.yaml')).toContain('opinion:\n  pervasive: {minSeries: 2}\n');
    expect(files.get('controls/ac-02.yaml')).toBe(
      'id: AC-02\ntitle: "- starts like a list: and has a colon"\ncriteria: [A1.2]\nfrequency: event\nnature: automated\nowner: it-ops@acme.example\n',
    );
    expect(files.get('controls/ac-01.yaml')).toContain('key: false\ndesign: deficient\ncompensates: [AC-02]\n');
    expect(files.get('tests/ac-01.yaml')).toContain('  - {item: "007", result: pass}\n');
    expect(files.get('tests/ac-02.yaml')).toBe('control: AC-02\nmethod: inquiry\nscopeLimitation: The population could not be produced\n');
  });

  it('names files by lower-case id, safely and without collisions', () => {
    const base = awkward().controls[0]!;
    const controls = ['AC-1', 'ac-1', '../../etc/passwd', 'Ops 01/a'].map((id) => ({ ...base, id, compensates: [] }));
    const paths = renderWorkspace({ ...awkward(), controls, tests: [] }).map((f) => f.path);
    expect(paths).toEqual(['assay.yaml', 'controls/ac-1.yaml', 'controls/ac-1-2.yaml', 'controls/etc-passwd.yaml', 'controls/ops-01-a.yaml']);
  });

  it('refuses a folder that is not empty unless told to overwrite, and then keeps what is not the workspace', async () => {
    const dir = await emptyFolder();
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, 'README.md'), 'ours');
    await mkdir(join(dir, 'controls/old'), { recursive: true });
    await writeFile(join(dir, 'controls/old/zz-99.yaml'), 'id: ZZ-99\n');
    const error = await writeWorkspace(dir, awkward()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.message).toMatch(/the folder is not empty \(\.git, README\.md, controls\)/);
    expect(await readdir(join(dir, 'controls/old'))).toEqual(['zz-99.yaml']);

    await writeWorkspace(dir, awkward(), { overwrite: true });
    expect(await loadWorkspace(dir)).toEqual(awkward());
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('ours');
    expect((await readdir(dir)).sort()).toEqual(['.git', 'README.md', 'assay.yaml', 'controls', 'tests']);
    // No staging folder is left beside it.
    expect((await readdir(join(dir, '..'))).filter((n) => n.includes('.assay-'))).toEqual([]);
  });

  it('writes into an empty folder that exists, and refuses a file in its place', async () => {
    const dir = await emptyFolder();
    await writeWorkspace(dir, awkward());
    expect(await loadWorkspace(dir)).toEqual(awkward());
    const file = join(await emptyFolder(), 'a-file');
    await writeFile(file, 'x');
    await expect(writeWorkspace(file, awkward())).rejects.toThrow(/is a file, not a folder/);
  });
});

describe('writing findings and root causes', () => {
  it('gives the demo findings back as they were loaded, leaving out what the examination says', async () => {
    const examination = await loadWorkspace(ACME);
    const findings = await loadFindings(ACME, examination);
    const dir = await writeWorkspace(join(await emptyFolder(), 'acme'), { ...examination, ...findings });
    expect(await loadWorkspace(dir)).toEqual(examination);
    expect(await loadFindings(dir, examination)).toEqual(findings);
    expect((await readdir(join(dir, 'findings'))).sort()).toEqual(['f-ac-04.yaml', 'f-ac-06.yaml', 'f-mon-01.yaml']);
    expect((await readdir(join(dir, 'root-causes'))).sort()).toEqual(['rc-01.yaml', 'rc-02.yaml']);
    const deficiency = await readFile(join(dir, 'findings/f-ac-04.yaml'), 'utf8');
    // The forecast, the failed samples and the criteria come from the examination when the file is read.
    expect(deficiency).not.toMatch(/classification|failedSamples|deviations|criteria|TERM-2026-007/);
    expect(deficiency).toContain('  - {on: 2026-07-03, from: open, to: analysing}\n');
    const monitoring = await readFile(join(dir, 'findings/f-mon-01.yaml'), 'utf8');
    expect(monitoring).toContain('classification:\n  kind: operating\n  severity: deficiency\n');
    // A retest is written without its conclusion, which the engine gives again.
    const closed = await readFile(join(dir, 'findings/f-ac-06.yaml'), 'utf8');
    expect(closed).not.toContain('conclusion');
    // Management's response comes last, its times in the store's one format; a finding without one has none.
    expect(closed).toMatch(/\nmanagementResponse:\n {2}whatHappened: >-\n {4}The access review for the first quarter[^]*\n {2}remediatedOn: 2026-07-15\n {2}status: approved\n/);
    expect(closed.endsWith('  approvedBy: admin@acme.example\n  approvedOn: 2026-10-15T16:05:00.000Z\n')).toBe(true);
    expect(monitoring).not.toContain('managementResponse');
  });

  it('writes the mark of a significant incident, and reads it back', async () => {
    const examination = await loadWorkspace(ACME);
    const loaded = await loadFindings(ACME, examination);
    const findings = loaded.findings.map((f) => (f.code === 'F-MON-01' ? { ...f, significantIncident: true } : f));
    const dir = await writeWorkspace(join(await emptyFolder(), 'acme'), { ...examination, ...loaded, findings });
    expect(await readFile(join(dir, 'findings/f-mon-01.yaml'), 'utf8')).toContain('\nsignificantIncident: true\n');
    expect(await readFile(join(dir, 'findings/f-ac-06.yaml'), 'utf8')).not.toContain('significantIncident');
    expect((await loadFindings(dir, examination)).findings).toEqual(findings);
  });

  it('writes an override, an accepted risk and what another tool left out (owner, due date, population)', async () => {
    const examination = await loadWorkspace(ACME);
    const { findings, rootCauses } = await loadFindings(ACME, examination);
    const [ac04, , mon] = findings as [Finding, Finding, Finding];
    const judged: Finding = {
      ...ac04,
      classification: { ...ac04.classification, override: { severity: 'significant_deficiency', pervasive: null, reason: 'Detected by the weekly reconciliation', by: 'auditor@firm.example', on: '2026-07-15' } },
    };
    const accepted: Finding = {
      ...mon,
      status: 'risk_accepted',
      correctiveActions: [{ id: 'CA-1', title: 'Remove them', owner: null, due: null, status: 'planned', completedOn: null, evidence: [], verification: null }],
      retests: [{ id: 'RT-1', control: 'AC-04', date: '2026-08-01', periodStart: '2026-07-21', periodEnd: '2026-07-31', method: 'inquiry', populationSize: null, samples: [], conclusion: null, reasons: [] }],
      riskAcceptance: { approver: 'cfo@acme.example', reason: 'Until the automation is live', expires: '2026-12-31', acceptedOn: null },
      history: [...mon.history, { on: '2026-07-22', from: 'analysing', to: 'risk_accepted', reason: null }],
    };
    const dir = await writeWorkspace(join(await emptyFolder(), 'ws'), { ...examination, findings: [judged, accepted], rootCauses });
    const loaded = await loadFindings(dir, examination);
    expect(loaded.findings[0]?.classification.override).toEqual(judged.classification.override);
    expect(loaded.findings[1]).toMatchObject({
      status: 'risk_accepted',
      riskAcceptance: accepted.riskAcceptance,
      correctiveActions: accepted.correctiveActions,
      retests: [{ id: 'RT-1', populationSize: null, samples: [] }],
    });
  });

  it('replaces the findings of a workspace it overwrites, and leaves none when the new one has none', async () => {
    const examination = await loadWorkspace(ACME);
    const dir = await writeWorkspace(join(await emptyFolder(), 'ws'), { ...examination, ...(await loadFindings(ACME, examination)) });
    await writeWorkspace(dir, examination, { overwrite: true });
    expect((await readdir(dir)).sort()).toEqual(['assay.yaml', 'controls', 'tests']);
    expect(await loadFindings(dir, examination)).toEqual({ findings: [], rootCauses: [], managementResponses: [] });
  });
});

describe('writing management responses', () => {
  // Text as people type it: words, punctuation YAML cares about, line breaks and indented lines; trimmed, as read.
  const line = fc.stringMatching(/^[ \w.,:;#'"&*!?%@|>{}[\]-]{0,40}$/);
  const text = fc
    .array(line, { minLength: 1, maxLength: 5 })
    .map((lines) => lines.join('\n').trim())
    .filter((t) => t.length > 0);

  prop.prop([text, text, text], { numRuns: 60 })('reads back whatever management wrote, word for word', async (whatHappened, rootCause, correctiveAction) => {
    const examination = await loadWorkspace(ACME);
    const workspace = await loadFindings(ACME, examination);
    const response: RecordedResponse = { ...(workspace.managementResponses[1] as RecordedResponse), whatHappened, rootCause, correctiveAction };
    const files = renderWorkspace({ ...examination, ...workspace, managementResponses: [response] });
    const read = (folder: string) => files.filter((f) => f.path.startsWith(`${folder}/`)).map((f) => ({ file: f.path, text: f.text }));
    const loaded = parseFindings({ rootCauses: read('root-causes'), findings: read('findings') }, examination);
    expect(loaded.managementResponses).toEqual([response]);
  });
});
