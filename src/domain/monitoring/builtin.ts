/**
 * The shape every built-in check takes: its sources, its parameters, and its rule written once as a function of
 * one population row (DESIGN §8). The engine streams the population through `test`; a source a rule looks rows
 * up in is read first into a hash index by `key`, keeping only what the rule reads of each row.
 */
import type { CheckDates, EvidenceFormat, ItemOutcome, Row } from './model.js';
import type { IndexedField } from './row-index.js';

export interface SourceSpec {
  name: string;
  formats: readonly EvidenceFormat[];
  description: string;
}

export type ParamParse = { ok: true; value: unknown } | { ok: false; message: string };

export interface ParamSpec {
  name: string;
  description: string;
  default: unknown;
  /** The default as `assay monitor checks` shows it. */
  defaultText: string;
  parse(value: unknown): ParamParse;
}

export interface RowIndexSpec {
  source: string;
  /** The key a row is found by (already compared form, see lookupKey), or null when it has none. */
  key(row: Row): string | null;
  /** What the index keeps of a row: only the fields the rule reads, so a million-row source fits in memory. */
  fields: readonly IndexedField[];
}

/** A rule with its parameters and dates fixed, ready for one source's rows. */
export interface PreparedRule {
  population: string;
  index: RowIndexSpec | null;
  /** The items one population row gives (none when the row is outside the population). */
  test(row: Row, found: (key: string | null) => Row | undefined): ItemOutcome[];
}

export interface BuiltinCheck {
  name: string;
  description: string;
  sources: readonly SourceSpec[];
  params: readonly ParamSpec[];
  /** `params` hold every parameter, parsed, defaults filled in (see resolveParams). */
  prepare(params: Readonly<Record<string, unknown>>, dates: CheckDates, formats: Readonly<Record<string, EvidenceFormat>>): PreparedRule;
}

/** A row that a rule cannot judge (a value the rule needs is missing or unknown): the check is then `error`. */
export class RowRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RowRuleError';
  }
}

/** How lookups compare keys (DESIGN §8): trimmed, lower-cased strings; null and empty find nothing. */
export function lookupKey(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = (value instanceof Date ? value.toISOString() : String(value)).trim().toLowerCase();
  return text === '' ? null : text;
}

/** A nested field of a row (`field(row, 'profile', 'email')`), undefined when any step is missing. */
export function field(row: unknown, ...path: string[]): unknown {
  let value = row;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function dateField(row: Row, ...path: string[]): Date | null {
  const value = field(row, ...path);
  return value instanceof Date ? value : null;
}

/** The parameters of a check: each one given parsed, the others at their default; problems by parameter. */
export function resolveParams(
  check: BuiltinCheck,
  given: Readonly<Record<string, unknown>>,
): { params: Record<string, unknown>; problems: { param: string; message: string }[] } {
  const params: Record<string, unknown> = {};
  const problems: { param: string; message: string }[] = [];
  const known = new Set(check.params.map((p) => p.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const names = check.params.map((p) => p.name);
      problems.push({ param: name, message: `${check.name} has no parameter "${name}"${names.length > 0 ? ` (it takes ${names.join(', ')})` : ' (it takes none)'}` });
    }
  }
  for (const spec of check.params) {
    if (!(spec.name in given)) {
      params[spec.name] = spec.default;
      continue;
    }
    const parsed = spec.parse(given[spec.name]);
    if (parsed.ok) params[spec.name] = parsed.value;
    else problems.push({ param: spec.name, message: parsed.message });
  }
  return { params, problems };
}

/** A whole number of days, at least `min`. */
export function daysParam(name: string, description: string, fallback: number, min = 0): ParamSpec {
  return {
    name,
    description,
    default: fallback,
    defaultText: String(fallback),
    parse: (value) => wholeDays(value, min, name),
  };
}

export function wholeDays(value: unknown, min: number, name: string): ParamParse {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= 36_500
    ? { ok: true, value }
    : { ok: false, message: `${name} must be a whole number of days from ${min} to 36500 (got ${JSON.stringify(value)})` };
}
