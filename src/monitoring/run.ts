/**
 * Runs checks over their exports (DESIGN §8): a source a check looks rows up in is read once into a hash index,
 * then the population streams through the rule row by row, so memory grows with the indexed sources only.
 * A malformed export is bad input (refused, nothing reported); a row the rule cannot evaluate makes its check
 * `error`, naming the file, the row and the message.
 */
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import {
  createRowIndex,
  createTally,
  erroredCheck,
  lookupKey,
  RowRuleError,
  ValidationError,
  type CheckDates,
  type CheckResult,
  type EvidenceFormat,
  type Issue,
  type ItemOutcome,
  type Row,
  type RowIndex,
} from '../domain/index.js';
import { MalformedExportError, readEvidence } from '../evidence/index.js';
import { CEL_LIMITS, celValue, messageOf, type CompiledCel } from './cel.js';
import { UNDECIDED } from './cel-direct.js';
import type { CelCheckDefinition, CheckDefinition, SourceDefinition } from './definition.js';

/** Told how far the reading has got, for a progress bar. */
export interface ProgressListener {
  /** A check starts; its sources hold this many bytes in all. */
  start(check: string, totalBytes: number): void;
  advance(bytes: number): void;
  stop(): void;
}

export interface RunOptions {
  dates: CheckDates;
  progress?: ProgressListener;
  /** Keep every item's outcome, passing ones too (a test standing on the check needs them as its samples). */
  keepItems?: boolean;
  /** The time cel-js may take on one row (default CEL_LIMITS.rowMilliseconds). */
  rowMilliseconds?: number;
}

export interface CheckRun {
  result: CheckResult;
  /** Every item in source order, when asked for. */
  items: ItemOutcome[];
}

/** A row the check could not evaluate: stops the check as `error`. */
class RowFailure extends Error {}

/**
 * Runs every check given, in order. Every source file must exist, and every export read must be well formed:
 * otherwise a ValidationError lists each problem and no result is given.
 */
export async function runChecks(checks: readonly CheckDefinition[], options: RunOptions): Promise<CheckRun[]> {
  const sizes = await sourceSizes(checks);
  const runs: CheckRun[] = [];
  const malformed: Issue[] = [];
  for (const check of checks) {
    options.progress?.start(check.id, check.sources.reduce((n, s) => n + (sizes.get(s.path) ?? 0), 0));
    try {
      runs.push(await runCheck(check, options));
    } catch (error) {
      if (!(error instanceof MalformedExportError)) throw error;
      malformed.push(...error.issues);
    } finally {
      options.progress?.stop();
    }
  }
  if (malformed.length > 0) throw new ValidationError(dedupe(malformed), 'An export is not valid');
  return runs;
}

async function runCheck(check: CheckDefinition, options: RunOptions): Promise<CheckRun> {
  const tally = createTally();
  const items: ItemOutcome[] = [];
  const record = (outcome: ItemOutcome) => {
    tally.add(outcome);
    if (options.keepItems) items.push(outcome);
  };
  try {
    if (check.kind === 'builtin') await runBuiltin(check, options, record);
    else await runCel(check, options, record);
  } catch (error) {
    if (error instanceof RowFailure) return { result: erroredCheck(check, error.message), items: [] };
    throw error;
  }
  return { result: tally.result(check), items };
}

async function runBuiltin(check: Extract<CheckDefinition, { kind: 'builtin' }>, options: RunOptions, record: (o: ItemOutcome) => void): Promise<void> {
  const formats: Record<string, EvidenceFormat> = Object.fromEntries(check.sources.map((s) => [s.name, s.format]));
  const rule = check.builtin.prepare(check.params, options.dates, formats);
  const index = createRowIndex(rule.index?.fields ?? []);
  if (rule.index) {
    const { key } = rule.index;
    await eachRow(sourceOf(check, rule.index.source), options, (row) => index.add(key(row), row));
  }
  const found = (key: string | null) => index.get(key);
  const population = sourceOf(check, rule.population);
  await eachRow(population, options, (row, n) => {
    try {
      for (const outcome of rule.test(row, found)) record(outcome);
    } catch (error) {
      if (error instanceof RowRuleError) throw new RowFailure(`${population.file}: row ${n}, field ${error.field}: ${error.message}`);
      throw error;
    }
  });
}

async function runCel(check: CelCheckDefinition, options: RunOptions, record: (o: ItemOutcome) => void): Promise<void> {
  const { dates } = options;
  const params = celValue(structuredClone(check.params));
  // One object of variables, its row (and lookups) replaced for each row: building one per row costs more than evaluating.
  const variables: Record<string, unknown> = { asOf: dates.asOf, periodStart: dates.periodStart, periodEnd: dates.periodEnd, params, row: null };
  const indexes = new Map<string, RowIndex>();
  for (const lookup of check.lookups) {
    const source = sourceOf(check, lookup.source);
    const on = rowEvaluation(variables, celConverter([lookup.key], 'row'), options);
    const index = lookupIndex(check, lookup.name);
    const what = `lookup ${lookup.name} key`;
    await eachRow(source, options, (row, n) => {
      on.row(row);
      index.add(keyOf(on.value(lookup.key, source, n, what), source, n, what), row);
      on.withinTime(source, n);
    });
    indexes.set(lookup.name, index);
  }
  const population = sourceOf(check, check.population);
  const on = rowEvaluation(variables, celConverter([check.item, check.where, check.assert, ...check.lookups.map((l) => l.equals)], 'row'), options);
  await eachRow(population, options, (raw, n) => {
    on.row(raw);
    for (const lookup of check.lookups) {
      const what = `lookup ${lookup.name} equals`;
      const key = keyOf(on.value(lookup.equals, population, n, what), population, n, what);
      variables[lookup.name] = (key === null ? undefined : indexes.get(lookup.name)?.get(key)) ?? null;
    }
    if (check.where === null || expectBoolean(on.value(check.where, population, n, 'where'), population, n, 'where')) {
      const item = on.value(check.item, population, n, 'item');
      if (typeof item !== 'string') throw new RowFailure(`${population.file}: row ${n}: item gave ${describe(item)}, not a string`);
      if (item.length > CEL_LIMITS.valueLength) throw new RowFailure(`${population.file}: row ${n}: item is ${item.length} characters long; the limit is ${CEL_LIMITS.valueLength}`);
      const passes = expectBoolean(on.value(check.assert, population, n, 'assert'), population, n, 'assert');
      record({ item, failure: passes ? null : `assert is false: ${check.assert.text}` });
    }
    on.withinTime(population, n);
  });
}

/**
 * A check's expressions on one row at a time: each evaluated directly on the row as read where that decides
 * (cel-direct.ts), else by cel-js on the row converted to CEL values, converted once and only then.
 *
 * Only cel-js's part of a row is timed against the limit: the direct evaluation takes a step per node of the
 * expression (no loops, no calls), so it cannot run long, and reading the clock twice a row costs a good part of
 * what deciding the row does. The clock starts when cel-js is first needed on the row and stops when the row is done.
 */
function rowEvaluation(variables: Record<string, unknown>, convert: (row: Row) => Row, options: RunOptions) {
  const limit = options.rowMilliseconds ?? CEL_LIMITS.rowMilliseconds;
  let unconverted: Row | null = null;
  let started: number | null = null;
  return {
    row(row: Row): void {
      variables.row = row;
      unconverted = row;
      started = null;
    },
    value(expression: CompiledCel, source: SourceDefinition, n: number, what: string): unknown {
      if (expression.direct !== null) {
        const decided = expression.direct(variables);
        if (decided !== UNDECIDED) return decided;
      }
      started ??= performance.now();
      if (unconverted !== null) {
        variables.row = convert(unconverted);
        unconverted = null;
      }
      return evaluate(expression, variables, source, n, what);
    },
    /** Stops the check when cel-js took longer than the limit on this row. */
    withinTime(source: SourceDefinition, n: number): void {
      if (started === null) return;
      const took = performance.now() - started;
      if (took > limit) throw new RowFailure(`${source.file}: row ${n}: evaluation took ${took.toFixed(1)} ms, over the limit of ${limit} ms per row`);
    },
  };
}

/** The fields a set of expressions read of a variable, all of them where one uses it whole. */
function fieldsRead(expressions: readonly (CompiledCel | null)[], variable: string): ReadonlySet<string> | 'all' {
  const fields = new Set<string>();
  for (const expression of expressions) {
    const read = expression?.fieldsOf(variable) ?? new Set<string>();
    if (read === 'all') return 'all';
    for (const field of read) fields.add(field);
  }
  return fields;
}

/** Converts to CEL values (celValue) only the fields the expressions read: a wide row costs no more than a narrow one. */
function celConverter(expressions: readonly (CompiledCel | null)[], variable: string): (row: Row) => Row {
  const fields = fieldsRead(expressions, variable);
  if (fields === 'all') return (row) => celValue(row) as Row;
  return (row) => {
    for (const field of fields) if (field in row) row[field] = celValue(row[field]);
    return row;
  };
}

/**
 * A lookup's index: it keeps, in columns, only the fields the check's expressions read of the lookup, so a
 * million-row source fits in memory and costs the garbage collector little; the whole row where one uses it whole.
 */
function lookupIndex(check: CelCheckDefinition, variable: string): RowIndex {
  const fields = fieldsRead([check.item, check.where, check.assert, ...check.lookups.map((l) => l.equals)], variable);
  if (fields === 'all') {
    const rows = new Map<string, Row>();
    return {
      add: (key, row) => void (key !== null && !rows.has(key) && rows.set(key, celValue(row) as Row)),
      get: (key) => (key === null ? undefined : rows.get(key)),
      get size() {
        return rows.size;
      },
    };
  }
  return createRowIndex([...fields].map((name) => ({ name, kind: 'value', read: (row) => (Object.hasOwn(row, name) ? celValue(row[name]) : undefined) })));
}

async function eachRow(source: SourceDefinition, options: RunOptions, visit: (row: Row, n: number) => void): Promise<void> {
  let n = 0;
  const target = { path: source.path, file: source.file, ...(options.progress && { onBytes: (b: number) => options.progress?.advance(b) }) };
  for await (const row of readEvidence(target, source)) visit(row, ++n);
}

function evaluate(expression: CompiledCel, variables: Readonly<Record<string, unknown>>, source: SourceDefinition, n: number, what: string): unknown {
  try {
    return expression.evaluate(variables);
  } catch (error) {
    throw new RowFailure(`${source.file}: row ${n}: ${what}: ${messageOf(error)}`);
  }
}

function expectBoolean(value: unknown, source: SourceDefinition, n: number, what: string): boolean {
  if (typeof value !== 'boolean') throw new RowFailure(`${source.file}: row ${n}: ${what} gave ${describe(value)}, not true or false`);
  return value;
}

/** A lookup's key as compared: trimmed, lower-cased text; lists and maps are not keys. */
function keyOf(value: unknown, source: SourceDefinition, n: number, what: string): string | null {
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) throw new RowFailure(`${source.file}: row ${n}: ${what} gave ${describe(value)}, not a value to compare`);
  const key = lookupKey(value);
  if (key !== null && key.length > CEL_LIMITS.valueLength) throw new RowFailure(`${source.file}: row ${n}: ${what} is ${key.length} characters long; the limit is ${CEL_LIMITS.valueLength}`);
  return key;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a timestamp';
  if (typeof value === 'bigint') return `the int ${value}`;
  if (typeof value === 'object') return 'a map';
  return `the ${typeof value} ${JSON.stringify(value).slice(0, 80)}`;
}

function sourceOf(check: CheckDefinition, name: string): SourceDefinition {
  const source = check.sources.find((s) => s.name === name);
  if (!source) throw new Error(`check ${check.id} has no source ${name}`);
  return source;
}

/** Every source file exists and is a file: otherwise nothing runs. */
async function sourceSizes(checks: readonly CheckDefinition[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const issues: Issue[] = [];
  for (const source of checks.flatMap((c) => c.sources)) {
    if (sizes.has(source.path)) continue;
    const info = await stat(source.path).catch(() => null);
    if (info?.isFile()) sizes.set(source.path, info.size);
    else issues.push({ location: source.location, message: `source file not found: ${source.file}` });
  }
  if (issues.length > 0) throw new ValidationError(dedupe(issues), 'A check cannot run');
  return sizes;
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.location}\n${i.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
