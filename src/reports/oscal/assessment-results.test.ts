import { test as prop } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { examine, type Examination, type ExaminationResult, type Finding } from '../../domain/index.js';
import { arbExamination, buildControl, buildExamination, buildSamples, buildTest } from '../../domain/testing/builders.js';
import { loadFindings } from '../../workspace/findings.js';
import { loadWorkspace } from '../../workspace/load.js';
import { assessmentResults, type AssessmentResultsDocument } from './assessment-results.js';
import { ASSAY_NS, uuidV5 } from './common.js';
import { ACME, nistSchema, schemaErrors, uuidsIn } from './testing.js';

let examination: Examination;
let result: ExaminationResult;
let findings: Finding[];
let document: AssessmentResultsDocument;
const ar = () => document['assessment-results'];
const theResult = () => ar().results[0]!;

beforeAll(async () => {
  examination = await loadWorkspace(ACME);
  result = examine(examination);
  findings = (await loadFindings(ACME, examination)).findings;
  document = assessmentResults(examination, result, findings);
  nistSchema();
});

describe('assessment results of examples/acme', () => {
  it("validate against NIST's OSCAL 1.1.3 schema", () => {
    expect(schemaErrors(document)).toEqual([]);
  });

  it('cover the period with one result and review every in-scope criterion', () => {
    expect(theResult()).toMatchObject({ start: '2026-01-01T00:00:00Z', end: '2026-06-30T23:59:59Z' });
    const reviewed = theResult()['reviewed-controls']['control-selections'][0]?.['include-controls']?.map((c) => c['control-id']);
    expect(reviewed).toContain('cc6.2');
    expect(reviewed).toContain('a1.3');
    // Not applicable criteria are disclosed, not reviewed.
    expect(reviewed).not.toContain('cc6.4');
    expect(theResult()['reviewed-controls'].remarks).toMatch(/^Not applicable: CC6\.4 \(/);
  });

  it('have a not-satisfied finding for cc6.2 and a satisfied one for every met criterion', () => {
    const byTarget = new Map(theResult().findings?.map((f) => [f.target['target-id'], f]));
    expect(byTarget.size).toBe(result.criteria.filter((c) => c.status !== 'not_applicable').length);
    expect(byTarget.get('cc6.2')?.target).toEqual({ type: 'objective-id', 'target-id': 'cc6.2', status: { state: 'not-satisfied', reason: 'fail' } });
    expect(byTarget.get('cc6.3')?.target.status.state).toBe('satisfied');
    expect(byTarget.get('cc1.1')?.target.status).toEqual({ state: 'satisfied', reason: 'pass' });
  });

  it('have an observation for each failed AC-04 item, tested by reperformance (TEST), collected at the end of the period', () => {
    const deviations = theResult().observations?.filter((o) => o.props?.some((p) => p.name === 'control-id' && p.value === 'AC-04') && o.types?.includes('finding'));
    expect(deviations?.map((o) => o.title)).toEqual(['AC-04 deviation: E1007', 'AC-04 deviation: E1011']);
    for (const o of deviations ?? []) {
      expect(o).toMatchObject({ methods: ['TEST'], collected: '2026-06-30T23:59:59Z' });
      expect(o['relevant-evidence']?.[0]?.description).toMatch(/^Sample E10(07|11), selected from the population of 8 and tested by reperformance for AC-04: /);
    }
    // The cc6.2 finding points at them.
    const cc62 = theResult().findings?.find((f) => f.target['target-id'] === 'cc6.2');
    const related = new Set(cc62?.['related-observations']?.map((r) => r['observation-uuid']));
    for (const o of deviations ?? []) expect(related.has(o.uuid)).toBe(true);
  });

  it('have a risk per deficiency with likelihood, impact and severity facets and the finding status', () => {
    expect(theResult().risks?.map((r) => r.title)).toEqual([
      'AC-04: material weakness (operating)',
      'AC-06: significant deficiency (operating)',
      'OPS-03: deficiency (operating)',
    ]);
    const ac04 = theResult().risks?.[0];
    expect(ac04?.status).toBe('remediating');
    expect(ac04?.characterizations?.[0]?.facets).toEqual([
      { name: 'likelihood', system: ASSAY_NS, value: 'moderate' },
      { name: 'impact', system: ASSAY_NS, value: 'high' },
      { name: 'severity', system: ASSAY_NS, value: 'material_weakness' },
    ]);
    expect(theResult().risks?.[1]?.status).toBe('closed');
    // OPS-03 has no finding in the workspace yet: an open risk.
    expect(theResult().risks?.[2]?.status).toBe('open');
    expect(theResult().risks?.[2]?.characterizations?.[0]?.facets.map((f) => f.value)).toEqual(['low', 'low', 'deficiency']);
  });

  it('are the same document every time, with unique, deterministic UUIDs', () => {
    const again = assessmentResults(examination, result, findings);
    expect(JSON.stringify(again)).toBe(JSON.stringify(document));
    const uuids = uuidsIn(document).map((u) => u.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    // Another period is another document.
    const next = examine({ ...examination, engagement: { ...examination.engagement, periodStart: '2026-07-01', periodEnd: '2026-12-31' } });
    expect(assessmentResults(examination, next)['assessment-results'].uuid).not.toBe(ar().uuid);
  });

  it("shows the auditor's override beside the engine forecast", () => {
    const overridden = findings.map((f) =>
      f.code === 'F-AC-04'
        ? { ...f, classification: { ...f.classification, override: { severity: 'significant_deficiency' as const, pervasive: null, reason: 'HR reconciliation', by: 'auditor@firm.example', on: null } } }
        : f,
    );
    const risk = assessmentResults(examination, result, overridden)['assessment-results'].results[0]?.risks?.[0];
    const characterization = risk?.characterizations?.[0];
    expect(characterization?.facets.find((f) => f.name === 'severity')?.value).toBe('significant_deficiency');
    expect(characterization?.props?.filter((p) => p.name.startsWith('forecast-') || p.name.startsWith('override-')).map((p) => [p.name, p.value])).toEqual([
      ['forecast-severity', 'material_weakness'],
      ['forecast-pervasive', 'false'],
      ['override-reason', 'HR reconciliation'],
      ['override-by', 'auditor@firm.example'],
    ]);
  });
});

describe('assessment results: methods and shapes', () => {
  it('maps inquiry to INTERVIEW, observation and inspection to EXAMINE, reperformance to TEST', () => {
    const methods = ['inquiry', 'observation', 'inspection', 'reperformance'] as const;
    const exam = buildExamination({
      engagement: { categories: [] },
      controls: methods.map((m, i) => buildControl({ id: `C-${i}`, criteria: ['CC6.1'], frequency: 'event' })),
      tests: methods.map((method, i) => buildTest({ control: `C-${i}`, method, populationSize: 5, samples: buildSamples(4, 1, `S${i}`) })),
    });
    const doc = assessmentResults(exam, examine(exam));
    const observed = doc['assessment-results'].results[0]?.observations?.filter((o) => o.types?.includes('finding')).map((o) => o.methods[0]);
    expect(observed).toEqual(['INTERVIEW', 'EXAMINE', 'EXAMINE', 'TEST']);
    expect(schemaErrors(doc)).toEqual([]);
  });

  it('a Type 1 result is a point in time, and a clean examination has no risks', () => {
    const exam = buildExamination({
      engagement: { reportType: 'type1', periodStart: null, periodEnd: '2026-03-31', categories: [] },
      controls: [buildControl({ criteria: ['CC1.1'] })],
    });
    const doc = assessmentResults(exam, examine(exam));
    expect(doc['assessment-results'].results[0]).toMatchObject({ start: '2026-03-31T00:00:00Z', end: '2026-03-31T23:59:59Z' });
    expect(schemaErrors(doc)).toEqual([]);
  });

  prop.prop([arbExamination], { numRuns: 40 })('every generated examination gives a valid document', (exam) => {
    expect(schemaErrors(assessmentResults(exam, examine(exam)))).toEqual([]);
  });
});

describe('uuidV5', () => {
  it('is RFC 4122 version 5 (the DNS example)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});
