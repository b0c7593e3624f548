/**
 * CEL for user-written checks (@marcbachmann/cel-js), compiled and type-checked when a check is loaded, with
 * limits that keep a hostile expression from hanging or exhausting the process.
 *
 * cel-js bounds the parse (length, AST nodes, depth, literal sizes) but evaluates without a step budget and cannot
 * be interrupted. So the expressions that could run long or grow values without bound are refused at load:
 * a comprehension inside another (nested loops multiply), `cel.bind` (a bound value used twice doubles with each
 * level) and `matches` (JavaScript's backtracking regular expressions can take exponential time). What remains
 * does work linear in the size of the row, so no single row can run away; the engine still stops a check at the
 * first row over the time limit, and refuses an item or key longer than the size limit.
 */
import { Environment } from '@marcbachmann/cel-js';
import { compileDirect, type DirectEvaluation } from './cel-direct.js';

export const CEL_LIMITS = {
  /** Characters in one expression. */
  expressionLength: 2000,
  astNodes: 400,
  depth: 24,
  listElements: 100,
  mapEntries: 100,
  callArguments: 16,
  /** An item's id or a lookup key longer than this stops the check (the index would hold it for every row). */
  valueLength: 1024,
  /** cel-js taking longer than this on one row (every expression it evaluates there) stops the check. */
  rowMilliseconds: 1000,
} as const;

/** The variables every check sees besides its lookups (DESIGN §8). */
export const CEL_VARIABLES = ['row', 'asOf', 'periodStart', 'periodEnd', 'params'] as const;

/** The macros that loop over a list or map. */
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

export type CelExpectation = 'bool' | 'string' | 'key';

export interface CompiledCel {
  /** The expression as written. */
  text: string;
  /** cel-js's evaluation, on CEL values (see celValue). */
  evaluate(variables: Readonly<Record<string, unknown>>): unknown;
  /** The direct evaluation on rows as read (see cel-direct.ts), or null where only cel-js evaluates the expression. */
  direct: DirectEvaluation | null;
  /** The top-level fields the expression reads of a variable, or 'all' where it uses the variable otherwise. */
  fieldsOf(variable: string): ReadonlySet<string> | 'all';
}

export function celEnvironment(lookups: readonly string[]): Environment {
  const env = new Environment({
    limits: {
      maxAstNodes: CEL_LIMITS.astNodes,
      maxDepth: CEL_LIMITS.depth,
      maxListElements: CEL_LIMITS.listElements,
      maxMapEntries: CEL_LIMITS.mapEntries,
      maxCallArguments: CEL_LIMITS.callArguments,
    },
  })
    .registerVariable('row', 'map')
    .registerVariable('asOf', 'google.protobuf.Timestamp')
    .registerVariable('periodEnd', 'google.protobuf.Timestamp')
    // Null for a Type 1 report, which has no period start.
    .registerVariable('periodStart', 'dyn')
    .registerVariable('params', 'map');
  // A lookup is a row of another source, or null when none matches.
  for (const name of lookups) env.registerVariable(name, 'dyn');
  return env;
}

/** Compiles one expression, or says in one line why it cannot be (syntax, type, or a limit). */
export function compileCel(env: Environment, text: string, expect: CelExpectation): CompiledCel | string {
  if (text.length > CEL_LIMITS.expressionLength) {
    return `the expression is ${text.length} characters long; the limit is ${CEL_LIMITS.expressionLength}`;
  }
  let compiled: ReturnType<Environment['parse']>;
  try {
    compiled = env.parse(text);
  } catch (error) {
    return `CEL does not compile: ${messageOf(error)}`;
  }
  const refused = refusedConstruct(compiled.ast as unknown);
  if (refused !== null) return refused;
  const checked = compiled.check();
  if (!checked.valid) return `CEL does not type-check: ${messageOf(checked.error)}`;
  const type = checked.type as string;
  const wrong = expect === 'bool' ? !['bool', 'dyn'].includes(type) : expect === 'string' ? !['string', 'dyn'].includes(type) : /^(list|map)/.test(type);
  if (wrong) return `the expression gives ${type} where ${expect === 'key' ? 'a value to compare' : `a ${expect}`} is needed`;
  return {
    text,
    evaluate: (variables) => compiled(variables),
    direct: compileDirect(compiled.ast as unknown, (name) => env.hasVariable(name)),
    fieldsOf: (variable) => fieldsRead(compiled.ast as unknown, variable),
  };
}

/**
 * What an expression reads of a variable: `account.status`, `has(account.profile)` and `account["x"]` read one
 * field each, and `account == null` none; any other use (passing it whole, indexing by a computed key) reads all.
 */
function fieldsRead(root: unknown, variable: string): ReadonlySet<string> | 'all' {
  const fields = new Set<string>();
  let all = false;
  const visit = (node: unknown, parent: AstLike | null): void => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, parent));
    if (!isAst(node)) return;
    if (node.op === 'id' && node.args === variable) {
      const [object, key] = Array.isArray(parent?.args) ? (parent.args as unknown[]) : [];
      if (object === node && (parent?.op === '.' || parent?.op === '.?') && typeof key === 'string') fields.add(key);
      else if (object === node && parent?.op === '[]' && isAst(key) && key.op === 'value' && typeof key.args === 'string') fields.add(key.args);
      else if ((parent?.op === '==' || parent?.op === '!=') && (parent.args as unknown[]).some((a) => isAst(a) && a.op === 'value' && a.args === null)) return;
      else all = true;
      return;
    }
    visit(node.args, node);
  };
  visit(root, null);
  return all ? 'all' : fields;
}

interface AstLike {
  op: string;
  args: unknown;
}

/** The first construct this engine does not evaluate safely, or null. */
function refusedConstruct(root: unknown): string | null {
  const visit = (node: unknown, insideLoop: boolean): string | null => {
    if (Array.isArray(node)) {
      for (const child of node) {
        const found = visit(child, insideLoop);
        if (found !== null) return found;
      }
      return null;
    }
    if (!isAst(node)) return null;
    const [name, receiver] = Array.isArray(node.args) ? (node.args as unknown[]) : [];
    if (node.op === 'call' || node.op === 'rcall') {
      if (name === 'matches') return 'matches() is not available in checks: regular expressions can run for hours on one value (use startsWith, endsWith or contains)';
      if (name === 'bind' && node.op === 'rcall' && isAst(receiver) && receiver.op === 'id' && receiver.args === 'cel') {
        return 'cel.bind() is not available in checks: a bound value used twice doubles at each level (write the expression out)';
      }
      if (node.op === 'rcall' && typeof name === 'string' && COMPREHENSIONS.has(name)) {
        if (insideLoop) return `${name}() inside another list macro is not available in checks: nested loops multiply (one level of all/exists/exists_one/map/filter)`;
        return visit(node.args, true);
      }
    }
    return visit(node.args, insideLoop);
  };
  return visit(root, false);
}

function isAst(value: unknown): value is AstLike {
  return value !== null && typeof value === 'object' && typeof (value as { op?: unknown }).op === 'string' && 'args' in value;
}

/** cel-js messages carry a drawing of the expression after the first line. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/**
 * A row's values as CEL reads them: whole numbers become CEL ints (BigInt), so `row.number == 42` holds.
 * Converted in place: every row the readers give is fresh.
 */
export function celValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = celValue(value[i]);
    return value;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) object[key] = celValue(object[key]);
  return object;
}
