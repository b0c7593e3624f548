/**
 * Validation against NIST's OSCAL 1.1.3 JSON schema (data/oscal, CC0), with Ajv 8 as NIST's README advises:
 * `strict: false` (the schema uses keywords Ajv's strict mode refuses) and `unicodeRegExp: true` (its token
 * patterns use `\p{L}`). The schema is read and compiled once, on first use (about half a second). The document's
 * top level (exactly one model, besides `$schema`) is checked here, the model against its definition in the schema.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Issue } from '../../domain/index.js';

/** The file shipped with the package, found from src/reports/oscal and dist/reports/oscal alike. */
const SCHEMA_FILE = new URL('../../../data/oscal/oscal_complete_schema-1.1.3.json', import.meta.url);

/** The OSCAL models (the top-level key of a document). */
export const OSCAL_MODELS = [
  'catalog',
  'profile',
  'component-definition',
  'system-security-plan',
  'assessment-plan',
  'assessment-results',
  'plan-of-action-and-milestones',
] as const;
export type OscalModel = (typeof OSCAL_MODELS)[number];

const DEFINITION: Record<OscalModel, string> = {
  catalog: 'oscal-complete-oscal-catalog:catalog',
  profile: 'oscal-complete-oscal-profile:profile',
  'component-definition': 'oscal-complete-oscal-component-definition:component-definition',
  'system-security-plan': 'oscal-complete-oscal-ssp:system-security-plan',
  'assessment-plan': 'oscal-complete-oscal-ap:assessment-plan',
  'assessment-results': 'oscal-complete-oscal-ar:assessment-results',
  'plan-of-action-and-milestones': 'oscal-complete-oscal-poam:plan-of-action-and-milestones',
};

/** The most problems one refusal lists: a document that is not OSCAL at all would otherwise list hundreds. */
const MAX_ISSUES = 25;

let compiled: { ajv: Ajv; id: string } | null = null;

function validators() {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $id: string };
  const ajv = new Ajv({ strict: false, unicodeRegExp: true, allErrors: true });
  // ajv-formats is CommonJS: under NodeNext its default import is the module, whose `default` is the plugin.
  addFormatsModule.default(ajv);
  ajv.addSchema(schema);
  compiled = { ajv, id: schema.$id };
  return compiled;
}

function modelValidator(model: OscalModel): ValidateFunction {
  const { ajv, id } = validators();
  const validate = ajv.getSchema(`${id}#/definitions/${DEFINITION[model]}`);
  if (!validate) throw new Error(`The OSCAL schema has no definition ${DEFINITION[model]}`);
  return validate;
}

/** The model a document holds (its one top-level key besides `$schema`), or null when it holds none or several. */
export function modelOf(document: unknown): OscalModel | null {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return null;
  const keys = Object.keys(document).filter((k) => k !== '$schema');
  return keys.length === 1 && (OSCAL_MODELS as readonly string[]).includes(keys[0] as string) ? (keys[0] as OscalModel) : null;
}

/**
 * Problems that make `document` not a valid OSCAL 1.1.3 document, each located by its JSON path
 * (`$.assessment-results.results[0].uuid`); empty when it is valid. With `models`, only documents of those models
 * are accepted.
 */
export function validateOscal(document: unknown, models: readonly OscalModel[] = OSCAL_MODELS): Issue[] {
  const model = modelOf(document);
  if (model === null || !models.includes(model)) {
    const keys = document !== null && typeof document === 'object' && !Array.isArray(document) ? Object.keys(document) : [];
    const found = keys.length > 0 ? `it holds ${keys.map((k) => `"${k}"`).join(', ')}` : `it is ${describeValue(document)}`;
    return [{ location: '$', message: `not an OSCAL ${models.join(' or ')} document: the top level must hold exactly one of ${models.map((m) => `"${m}"`).join(', ')}; ${found}` }];
  }
  // The root of the schema takes exactly one model and `$schema` (checked above); the model is judged by its definition.
  const validate = modelValidator(model);
  if (validate((document as Record<string, unknown>)[model])) return [];
  return describeErrors(validate.errors ?? [], [model]);
}

/** Ajv's errors as located issues: the most specific one per place, no repeats, at most MAX_ISSUES. */
function describeErrors(errors: readonly ErrorObject[], prefix: string[]): Issue[] {
  const issues = new Map<string, Issue>();
  // Errors of the alternatives of anyOf / oneOf repeat what the alternatives said: keep those only where nothing else is.
  const specific = errors.filter((e) => !['anyOf', 'oneOf', 'allOf', 'if'].includes(e.keyword));
  for (const error of specific.length > 0 ? specific : errors) {
    const segments = [...prefix, ...error.instancePath.split('/').slice(1).map(unescapePointer)];
    const issue = describeError(error, segments);
    const key = `${issue.location}\u0000${issue.message}`;
    if (!issues.has(key)) issues.set(key, issue);
  }
  const all = [...issues.values()];
  if (all.length <= MAX_ISSUES) return all;
  return [...all.slice(0, MAX_ISSUES), { location: '$', message: `and ${all.length - MAX_ISSUES} more problems` }];
}

function describeError(error: ErrorObject, segments: string[]): Issue {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { location: jsonPath(segments), message: `missing required property "${String(params.missingProperty)}"` };
    case 'additionalProperties':
      return { location: jsonPath([...segments, String(params.additionalProperty)]), message: 'property not allowed here' };
    case 'pattern': {
      const datatype = /definitions\/(\w+?)(Datatype)?\/pattern$/.exec(error.schemaPath)?.[1];
      return { location: jsonPath(segments), message: datatype ? `must be a valid ${datatype} (pattern ${String(params.pattern)})` : (error.message ?? 'does not match the pattern') };
    }
    case 'enum':
      return { location: jsonPath(segments), message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { location: jsonPath(segments), message: error.message ?? error.keyword };
  }
}

/** `['results', '0', 'uuid']` → `$.results[0].uuid`; keys that are not plain names in brackets. */
export function jsonPath(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((path, s) => {
    if (typeof s === 'number' || /^\d+$/.test(s)) return `${path}[${s}]`;
    return /^[A-Za-z_$][\w$-]*$/.test(s) ? `${path}.${s}` : `${path}[${JSON.stringify(s)}]`;
  }, '$');
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an empty object' : `a ${typeof value}`;
}
