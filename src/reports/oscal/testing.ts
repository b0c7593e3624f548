/**
 * Test helpers for the OSCAL exports and import: NIST's schema compiled exactly as NIST's README says (the
 * contract the exports must meet, independent of Assay's own validator), and the fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

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
