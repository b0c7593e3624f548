/**
 * Reads one check file (DESIGN §8) into a CheckDefinition: the shape by zod, then the rules that span fields
 * (a built-in's sources and parameters, a CEL check's variables), each problem located `file:line`. The CEL is
 * compiled and type-checked here, so a check that cannot run is refused before anything runs.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { builtinCheck, COLUMN_TYPES, EVIDENCE_FORMATS, resolveParams, type Issue } from '../domain/index.js';
import { check, rawMapping } from './validate.js';
import type { PathSegment, YamlSource } from './yaml-source.js';
import { celEnvironment, CEL_VARIABLES, compileCel, type CelExpectation, type CompiledCel } from '../monitoring/cel.js';
import type { CheckDefinition, LookupDefinition, SourceDefinition } from '../monitoring/definition.js';

const text = z.string().trim().min(1, { message: 'must not be empty' });
/** A CEL expression; YAML reads `true` or `42` as a boolean or a number, which are expressions too. */
const expression = z.union([z.string(), z.boolean(), z.number()]).transform(String).pipe(text);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const name = z.string().regex(IDENTIFIER, { message: 'must be a name of letters, digits and _ (not starting with a digit)' });

const sourceSchema = z.strictObject({
  file: text,
  format: z.enum(EVIDENCE_FORMATS),
  types: z.record(z.string(), z.enum(COLUMN_TYPES)).optional(),
  path: z
    .string()
    .regex(/^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/, { message: 'must be a dotted path of field names, e.g. data.reviews' })
    .optional(),
});

export const checkFileSchema = z.strictObject({
  id: text,
  title: text,
  controls: z.array(text).default([]),
  sources: z.record(name, sourceSchema).refine((s) => Object.keys(s).length > 0, { message: 'must name at least one source' }),
  builtin: text.optional(),
  params: z.record(z.string(), z.unknown()).default({}),
  population: text.optional(),
  item: expression.optional(),
  where: expression.optional(),
  assert: expression.optional(),
  lookup: z.record(name, z.strictObject({ source: text, key: expression, equals: expression })).optional(),
});
type CheckFile = z.output<typeof checkFileSchema>;

const CEL_FIELDS = ['population', 'item', 'where', 'assert', 'lookup'] as const;

/** The check, or null after recording every problem found in `issues`. */
export function readCheckFile(workspace: string, source: YamlSource, issues: Issue[]): CheckDefinition | null {
  const raw = rawMapping(source, issues);
  if (!raw) return null;
  const file = check(source, raw, checkFileSchema, issues);
  if (!file) return null;
  const before = issues.length;
  const at = (path: PathSegment[], message: string, key = false) => issues.push({ location: source.locate(path, { key }), message });
  const sources = Object.entries(file.sources).map(([sourceName, s]): SourceDefinition => {
    const path = resolve(workspace, s.file);
    const inside = relative(resolve(workspace), path);
    if (isAbsolute(s.file) || inside.startsWith(`..${sep}`) || inside === '..') at(['sources', sourceName, 'file'], `"${s.file}" is not a path inside the workspace`);
    if (s.types !== undefined && s.format !== 'csv' && s.format !== 'json') at(['sources', sourceName, 'types'], `types applies to the csv and json formats, not ${s.format}`);
    if (s.path !== undefined && s.format !== 'json') at(['sources', sourceName, 'path'], `path applies to the json format, not ${s.format}`);
    return {
      name: sourceName,
      file: s.file,
      path,
      format: s.format,
      ...(s.types !== undefined && { types: s.types }),
      ...(s.path !== undefined && { arrayPath: s.path }),
      location: source.locate(['sources', sourceName]),
    };
  });
  const base = { id: file.id, title: file.title, controls: [...new Set(file.controls)], location: source.locate(['id']), sources };
  const definition = file.builtin !== undefined ? builtinDefinition(file, base, at) : celDefinition(file, base, at);
  return issues.length === before ? definition : null;
}

type At = (path: PathSegment[], message: string, key?: boolean) => void;
type Base = Omit<CheckDefinition, 'kind' | 'params' | 'builtin' | 'population' | 'item' | 'where' | 'assert' | 'lookups'>;

function builtinDefinition(file: CheckFile, base: Base, at: At): CheckDefinition | null {
  const builtin = builtinCheck(file.builtin as string);
  for (const field of CEL_FIELDS) if (file[field] !== undefined) at([field], `a built-in check takes no ${field} (that is for a CEL check, without builtin)`);
  if (!builtin) {
    at(['builtin'], `unknown built-in check "${file.builtin}" (run \`assay monitor checks\` for the list)`);
    return null;
  }
  const given = new Map(base.sources.map((s) => [s.name, s]));
  for (const spec of builtin.sources) {
    const source = given.get(spec.name);
    if (!source) at(['sources'], `${builtin.name} needs a source "${spec.name}" (${spec.description}, format ${spec.formats.join(' or ')})`, true);
    else if (!spec.formats.includes(source.format)) at(['sources', spec.name, 'format'], `${builtin.name} reads "${spec.name}" as ${spec.formats.join(' or ')}, not ${source.format}`);
  }
  for (const source of base.sources) {
    if (!builtin.sources.some((s) => s.name === source.name)) {
      at(['sources', source.name], `${builtin.name} reads no source "${source.name}" (its sources: ${builtin.sources.map((s) => s.name).join(', ')})`);
    }
  }
  const { params, problems } = resolveParams(builtin, file.params);
  for (const problem of problems) at(['params', problem.param], problem.message);
  return { ...base, kind: 'builtin', builtin, params };
}

function celDefinition(file: CheckFile, base: Base, at: At): CheckDefinition | null {
  const sourceNames = new Set(base.sources.map((s) => s.name));
  const known = (field: PathSegment[], value: string) => {
    if (!sourceNames.has(value)) at(field, `no source "${value}" in sources (${[...sourceNames].join(', ')})`);
  };
  for (const field of ['population', 'item', 'assert'] as const) {
    if (file[field] === undefined) at([], `${field} is required (or builtin, naming a built-in check)`);
  }
  if (file.population !== undefined) known(['population'], file.population);
  const lookupEntries = Object.entries(file.lookup ?? {});
  const reserved = (lookupName: string) => (CEL_VARIABLES as readonly string[]).includes(lookupName) || lookupName === 'cel';
  for (const [lookupName, lookup] of lookupEntries) {
    if (reserved(lookupName)) at(['lookup', lookupName], `"${lookupName}" is a name CEL already gives`);
    known(['lookup', lookupName, 'source'], lookup.source);
  }
  const env = celEnvironment(lookupEntries.map(([n]) => n).filter((n) => !reserved(n)));
  const compile = (path: PathSegment[], expression: string | undefined, expect: CelExpectation): CompiledCel | null => {
    if (expression === undefined) return null;
    const compiled = compileCel(env, expression, expect);
    if (typeof compiled === 'string') {
      at(path, `${path.join('.')}: ${compiled}`);
      return null;
    }
    return compiled;
  };
  const item = compile(['item'], file.item, 'string');
  const where = compile(['where'], file.where, 'bool');
  const assert = compile(['assert'], file.assert, 'bool');
  const lookups = lookupEntries.map(([lookupName, lookup]) => ({
    name: lookupName,
    source: lookup.source,
    key: compile(['lookup', lookupName, 'key'], lookup.key, 'key'),
    equals: compile(['lookup', lookupName, 'equals'], lookup.equals, 'key'),
  }));
  if (item === null || assert === null || file.population === undefined) return null;
  if (lookups.some((l) => l.key === null || l.equals === null)) return null;
  return { ...base, kind: 'cel', params: file.params, population: file.population, item, where, assert, lookups: lookups as LookupDefinition[] };
}
