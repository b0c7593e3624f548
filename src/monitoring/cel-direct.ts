/**
 * Direct evaluation of the common part of CEL: field reads, literals, comparisons, `&&`, `||`, `!` and `?:`,
 * compiled from cel-js's checked AST into plain closures that read the readers' rows as they are. cel-js costs a
 * context, a tree walk and type dispatch per expression per row, and needs the rows converted to CEL values first;
 * on a million rows with four expressions each that is most of a check's time beyond reading.
 *
 * It never decides what it is not sure of: any other construct, a missing field, a value of an unexpected type or
 * two operands of different kinds give UNDECIDED, and the caller then evaluates the expression with cel-js on the
 * converted row, which also gives the error message. So a decided value is always cel-js's value (a property test
 * compares the two on random rows and expressions), and no error is ever produced here.
 */

/** The direct evaluation cannot tell: evaluate with cel-js. */
export const UNDECIDED: unique symbol = Symbol('undecided');

/** The expression's value, or UNDECIDED. */
export type DirectEvaluation = (variables: Readonly<Record<string, unknown>>) => unknown;

interface AstNode {
  op: string;
  args: unknown;
}

type Scalar = 'string' | 'int' | 'double' | 'bool' | 'timestamp' | 'null';

const ORDERINGS: Record<string, (a: never, b: never) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/**
 * The direct evaluation of an expression, or null where any part of it is a construct this does not evaluate
 * (then cel-js always runs). `isVariable` says which names the environment declares; any other identifier is
 * left to cel-js.
 */
export function compileDirect(root: unknown, isVariable: (name: string) => boolean): DirectEvaluation | null {
  const compiled = node(root, isVariable);
  if (compiled === null) return null;
  // A list or map would still hold unconverted numbers: only scalars leave here.
  return (vars) => {
    const value = compiled(vars);
    return value !== null && typeof value === 'object' && !(value instanceof Date) ? UNDECIDED : value;
  };
}

function node(ast: unknown, isVariable: (name: string) => boolean): DirectEvaluation | null {
  if (!isAst(ast)) return null;
  const args = ast.args;
  switch (ast.op) {
    case 'value': {
      if (args !== null && !['string', 'bigint', 'number', 'boolean'].includes(typeof args)) return null;
      return () => args;
    }
    case 'id': {
      if (typeof args !== 'string' || !isVariable(args)) return null;
      return (vars) => (vars[args] === undefined ? UNDECIDED : vars[args]);
    }
    case '.':
    case '[]': {
      const [object, key] = args as [unknown, unknown];
      const name = ast.op === '.' ? key : isAst(key) && key.op === 'value' ? key.args : undefined;
      if (typeof name !== 'string') return null;
      return fieldRead(node(object, isVariable), name);
    }
    case '==':
    case '!=': {
      const negate = ast.op === '!=';
      return binary(args, isVariable, (left, right) => (vars) => {
        const equal = equality(left(vars), right(vars));
        return equal === UNDECIDED ? UNDECIDED : equal !== negate;
      });
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const compare = ORDERINGS[ast.op] as (a: unknown, b: unknown) => boolean;
      return binary(args, isVariable, (left, right) => (vars) => {
        const a = left(vars);
        const b = right(vars);
        const kind = scalarKind(a);
        // Same kinds only (not null, which has no order); a timestamp compares by its instant, as cel-js does.
        return kind === null || kind === 'null' || kind !== scalarKind(b) ? UNDECIDED : compare(a, b);
      });
    }
    case '&&':
    case '||': {
      // cel-js absorbs an error on either side when the other decides; an undecided left is left to it whole.
      const decides = ast.op === '||';
      return binary(args, isVariable, (left, right) => (vars) => {
        const a = left(vars);
        if (typeof a !== 'boolean') return UNDECIDED;
        if (a === decides) return a;
        const b = right(vars);
        return typeof b === 'boolean' ? b : UNDECIDED;
      });
    }
    case '!_': {
      const operand = node(args, isVariable);
      if (operand === null) return null;
      return (vars) => {
        const value = operand(vars);
        return typeof value === 'boolean' ? !value : UNDECIDED;
      };
    }
    case '?:': {
      const [condition, then, otherwise] = (Array.isArray(args) ? args : []).map((a: unknown) => node(a, isVariable));
      if (!condition || !then || !otherwise) return null;
      return (vars) => {
        const value = condition(vars);
        return value === true ? then(vars) : value === false ? otherwise(vars) : UNDECIDED;
      };
    }
    default:
      return null;
  }
}

/** An operator of two operands, or null where either is a construct this does not evaluate. */
function binary(
  args: unknown,
  isVariable: (name: string) => boolean,
  operator: (left: DirectEvaluation, right: DirectEvaluation) => DirectEvaluation,
): DirectEvaluation | null {
  const [left, right] = (Array.isArray(args) ? (args as unknown[]) : []).map((a) => node(a, isVariable));
  return left && right ? operator(left, right) : null;
}

/** A field of a map as cel-js reads it, its value as celValue would make it (a whole number an int). */
function fieldRead(object: DirectEvaluation | null, name: string): DirectEvaluation | null {
  if (object === null) return null;
  return (vars) => {
    const map = object(vars);
    if (map === null || typeof map !== 'object' || (map.constructor !== Object && map.constructor !== undefined)) return UNDECIDED;
    if (!Object.hasOwn(map, name)) return UNDECIDED;
    const value = (map as Record<string, unknown>)[name];
    if (value === undefined) return UNDECIDED;
    return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value;
  };
}

/** `==` as cel-js has it on scalars: values of different kinds are unequal, null equals only null. */
function equality(a: unknown, b: unknown): boolean | typeof UNDECIDED {
  if (a === UNDECIDED || b === UNDECIDED) return UNDECIDED;
  // Anything (a map or list too) compared with null is unequal unless it is null.
  if (a === null || b === null) return a === b;
  const kind = scalarKind(a);
  if (kind === null || kind !== scalarKind(b)) return UNDECIDED;
  return kind === 'timestamp' ? (a as Date).getTime() === (b as Date).getTime() : a === b;
}

function scalarKind(value: unknown): Scalar | null {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'boolean':
      return 'bool';
    case 'object':
      return value === null ? 'null' : value instanceof Date ? 'timestamp' : null;
    default:
      return null;
  }
}

function isAst(value: unknown): value is AstNode {
  return value !== null && typeof value === 'object' && typeof (value as { op?: unknown }).op === 'string' && 'args' in value;
}
