/**
 * What a rule finds wrong with its input, at a path inside that input. Each caller puts a problem where its
 * user looks: the workspace at `file:line`, the API at a JSON path (`$.samples[3].item`), the web on a field.
 */
import type { Issue } from './errors.js';

/** Where in the input: `['samples', 3, 'item']`. An empty path is the input as a whole. */
export type Path = readonly (string | number)[];

export interface Problem {
  path: Path;
  message: string;
  /** For a value given twice: where it stands first, named by the caller in its own terms. */
  firstAt?: Path;
}

/** `['samples', 3, 'item']` → `$.samples[3].item`. */
export function jsonPath(path: Path): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
}

/** Problems as issues, each located by `locate` (a repeat also names where the value stands first). */
export function locateProblems(problems: readonly Problem[], locate: (path: Path) => string): Issue[] {
  return problems.map((p) => ({
    location: locate(p.path),
    message: p.firstAt ? `${p.message} (first at ${locate(p.firstAt)})` : p.message,
  }));
}

/** The problems of a part, at their paths inside the whole. */
export function within(prefix: Path, problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({
    ...p,
    path: [...prefix, ...p.path],
    ...(p.firstAt && { firstAt: [...prefix, ...p.firstAt] }),
  }));
}

/**
 * The first problem on each field of a form: the top-level field (`criteria` for `['criteria', 1]`), or with
 * `nested` the whole path in dots (`samples.1.item`), as forms name the fields of a list.
 */
export function byField<Field extends string>(problems: readonly Problem[], options: { nested?: boolean } = {}): Partial<Record<Field, string>> {
  const fields: Partial<Record<string, string>> = {};
  for (const { path, message } of problems) {
    const field = options.nested ? path.join('.') : String(path[0] ?? '');
    if (!(field in fields)) fields[field] = message;
  }
  return fields;
}

/**
 * Every value that repeats an earlier one, with the index of its first appearance. Values that are
 * undefined (not given, or of a shape the caller leaves to another check) repeat nothing.
 */
export function repeats(values: readonly (string | undefined)[]): { index: number; first: number }[] {
  const firstAt = new Map<string, number>();
  const found: { index: number; first: number }[] = [];
  values.forEach((value, index) => {
    if (value === undefined) return;
    const first = firstAt.get(value);
    if (first === undefined) firstAt.set(value, index);
    else found.push({ index, first });
  });
  return found;
}
