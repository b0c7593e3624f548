/**
 * Test helpers for the OSCAL exports and import: NIST's schema compiled exactly as NIST's README says (the
 * contract the exports must meet, independent of Assay's own validator), and the fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { loadFindings } from '../../workspace/findings.js';
import { loadWorkspace } from '../../workspace/load.js';
import { ASSAY_NS } from './common.js';

const ROOT = join(import.meta.dirname, '../../..');
export const ACME = join(ROOT, 'examples/acme');
export const SCHEMA_FILE = join(ROOT, 'data/oscal/oscal_complete_schema-1.1.3.json');
export const NIST_AR = join(ROOT, 'test/fixtures/oscal/ifa_assessment-results-example.json');
export const NIST_POAM = join(ROOT, 'test/fixtures/oscal/ifa_plan-of-action-and-milestones.json');

let validate: ValidateFunction | null = null;

/** NIST's OSCAL 1.1.3 schema, root and all ("the root takes any one model"), with `new Ajv({ strict: false, unicodeRegExp: true })`. */
export function nistSchema(): ValidateFunction {
  if (validate) return validate;
  const ajv = new Ajv({ strict: false, unicodeRegExp: true });
  addFormats.default(ajv);
  validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
  return validate;
}

/** The schema's verdict, with Ajv's errors in the failure message when it refuses. */
export function schemaErrors(document: unknown): string[] {
  const check = nistSchema();
  if (check(document)) return [];
  return (check.errors ?? []).filter((e) => e.keyword !== 'oneOf').map((e) => `${e.instancePath} ${e.message ?? e.keyword}`);
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/** Every UUID value in a document, wherever it stands. */
export function uuidsIn(value: unknown, key = ''): { key: string; uuid: string }[] {
  if (Array.isArray(value)) return value.flatMap((v) => uuidsIn(v, key));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' && k === 'uuid' ? [{ key: k, uuid: v }] : uuidsIn(v, k)));
  }
  return [];
}

/** examples/acme with its findings, F-AC-04 carrying an auditor's override of its forecast (significant deficiency). */
export async function acmeWithOverride() {
  const examination = await loadWorkspace(ACME);
  const workspace = await loadFindings(ACME, examination);
  const findings = workspace.findings.map((f) =>
    f.code === 'F-AC-04'
      ? { ...f, classification: { ...f.classification, override: { severity: 'significant_deficiency' as const, pervasive: null, reason: 'HR reconciliation', by: 'a@firm.example', on: null } } }
      : f,
  );
  return { examination, findings, rootCauses: workspace.rootCauses };
}

/** The n-th of a run of valid, distinct UUIDs (version 4 form), for generated documents. */
export function uuidOf(n: number, kind = 0): string {
  return `${String(kind).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const METADATA = { title: 'Generated', 'last-modified': '2026-07-01T00:00:00Z', version: '1', 'oscal-version': '1.1.3' };

/** The i-th open risk of a generated document. */
const risk = (i: number) => ({ uuid: uuidOf(i, 2), title: `Risk ${i}`, description: 'A risk', statement: 'Its statement', status: 'open' });

/**
 * A generated OSCAL 1.1.3 POA&M of `items` poam-items, made to take every slow path an import has: every item
 * names the same Assay finding id (made unique by suffixes), refers to a risk the document does not define (found
 * through the observation it shares with a defined one: a warning) and to an observation it does not define (a
 * second warning). Descriptions are `descriptionLength` characters, to reach a size.
 */
export function generatedPoam(items: number, descriptionLength = 100): Record<string, unknown> {
  const text = 'x'.repeat(descriptionLength);
  const at = Array.from({ length: items }, (_, i) => i);
  return {
    'plan-of-action-and-milestones': {
      uuid: uuidOf(0, 9),
      metadata: METADATA,
      'system-id': { id: 'generated' },
      observations: at.map((i) => ({ uuid: uuidOf(i, 1), title: `Sample ${i}`, description: 'Deviation', methods: ['EXAMINE'], collected: '2026-06-01T00:00:00Z' })),
      risks: at.map((i) => ({ ...risk(i), 'related-observations': [{ 'observation-uuid': uuidOf(i, 1) }] })),
      'poam-items': at.map((i) => ({
        uuid: uuidOf(i, 3),
        title: `Item ${i}`,
        description: text,
        props: [{ name: 'finding-id', ns: ASSAY_NS, value: 'F-GEN' }],
        'related-observations': [{ 'observation-uuid': uuidOf(i, 1) }, { 'observation-uuid': uuidOf(i, 4) }],
        'related-risks': [{ 'risk-uuid': uuidOf(i, 5) }],
      })),
    },
  };
}

/**
 * Generated OSCAL 1.1.3 assessment results of `risks` risks, each with the not-satisfied finding that relates to
 * it (the lookup from a risk to its findings is the import's slow path).
 */
export function generatedAssessmentResults(risks: number): Record<string, unknown> {
  const at = Array.from({ length: risks }, (_, i) => i);
  return {
    'assessment-results': {
      uuid: uuidOf(0, 9),
      metadata: METADATA,
      'import-ap': { href: './ap.json' },
      results: [
        {
          uuid: uuidOf(0, 8),
          title: 'Generated',
          description: 'Generated',
          start: '2026-06-01T00:00:00Z',
          'reviewed-controls': { 'control-selections': [{ 'include-all': {} }] },
          risks: at.map(risk),
          findings: at.map((i) => ({
            uuid: uuidOf(i, 6),
            title: `Finding ${i}`,
            description: 'Not satisfied',
            target: { type: 'objective-id', 'target-id': 'CC6.1', status: { state: 'not-satisfied' } },
            'related-risks': [{ 'risk-uuid': uuidOf(i, 2) }],
          })),
        },
      ],
    },
  };
}
