import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { celEnvironment, celValue, compileCel, type CompiledCel } from './cel.js';
import { UNDECIDED } from './cel-direct.js';

const env = celEnvironment(['account']);
const at = (text: string) => new Date(text);

function compiled(text: string): CompiledCel {
  const expression = compileCel(env, text, 'key');
  if (typeof expression === 'string') throw new Error(expression);
  return expression;
}

/** What cel-js gives on the same variables converted to CEL values, or the error it throws. */
function byCelJs(expression: CompiledCel, variables: Record<string, unknown>): { value: unknown } | { error: string } {
  try {
    return { value: expression.evaluate(celValue(structuredClone(variables)) as Record<string, unknown>) };
  } catch (error) {
    return { error: String(error) };
  }
}

const VARIABLES = {
  row: { status: 'ACTIVE', profile: { email: 'Ada@x', login: 'ada' }, count: 3, ratio: 0.5, on: at('2026-02-01T00:00:00Z'), gone: null },
  account: { termination_date: null, status: 'DEPROVISIONED' },
  asOf: at('2026-06-30T00:00:00Z'),
  periodStart: at('2026-01-01T00:00:00Z'),
  periodEnd: at('2026-06-30T00:00:00Z'),
  params: { off: 'DEPROVISIONED', days: 1n },
};

describe('direct evaluation of CEL', () => {
  it('decides the common expressions on rows as read, whole numbers as ints', () => {
    const decided = (text: string) => compiled(text).direct?.(structuredClone(VARIABLES));
    expect(decided('row.status == "ACTIVE"')).toBe(true);
    expect(decided('row.profile.email')).toBe('Ada@x');
    expect(decided('row["status"] != params.off && row.count == 3 && row.ratio < 1.0')).toBe(true);
    expect(decided('account != null && (account.termination_date == null || account.termination_date > asOf)')).toBe(true);
    expect(decided('row.on >= periodStart ? row.gone == null : false')).toBe(true);
    expect(decided('!(account.status == params.off)')).toBe(false);
    expect(decided('row.count')).toBe(3n);
  });

  it('leaves to cel-js what it is not sure of: a missing field, mixed kinds, a map, anything else', () => {
    for (const text of ['row.department == "x"', 'row.count == 3.0', 'row.gone < 1', 'row.profile', 'row.status.startsWith("A")', 'has(row.status) && true']) {
      const expression = compiled(text);
      expect(expression.direct === null || expression.direct(structuredClone(VARIABLES)) === UNDECIDED, text).toBe(true);
    }
    // An undecided side does not stop the other from deciding when it is enough.
    expect(compiled('row.status == "GONE" && row.department == "x"').direct?.(structuredClone(VARIABLES))).toBe(false);
  });

  // Null often: it is where most kinds meet.
  const scalar = fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    fc.constantFrom('', 'x', 'X', 'y', 'ACTIVE'),
    fc.integer({ min: -2, max: 2 }),
    fc.constantFrom(0.5, -1.5, 2.5),
    fc.boolean(),
    fc.constantFrom(at('2026-01-01T00:00:00Z'), at('2026-06-30T00:00:00Z'), at('2026-03-01T12:00:00Z')),
  );
  const value = fc.oneof({ weight: 5, arbitrary: scalar }, fc.record({ a: scalar }, { requiredKeys: [] }), fc.array(scalar, { maxLength: 2 }));
  const row = fc.record({ a: value, b: value, c: value }, { requiredKeys: [] });
  const path = fc
    .tuple(fc.constantFrom('row', 'account', 'params', 'asOf', 'periodStart'), fc.constantFrom('', '.a', '.b', '["c"]', '.a.a', '.zz'))
    .map(([variable, field]) => `${variable}${field}`);
  const literal = fc.constantFrom('"x"', '""', '"ACTIVE"', '1', '0', '-2', '2.5', '0.5', 'true', 'false', 'null', 'asOf');
  const term = fc.oneof(path, literal);
  const { condition } = fc.letrec<{ condition: string; comparison: string }>((tie) => ({
    comparison: fc.tuple(term, fc.constantFrom('==', '!=', '<', '<=', '>', '>='), term).map(([l, op, r]) => `${l} ${op} ${r}`),
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('comparison'),
      path,
      fc.constantFrom('has(row.a)', 'row.a.startsWith("x")'),
      fc.tuple(tie('condition'), fc.constantFrom('&&', '||'), tie('condition')).map(([l, op, r]) => `(${l} ${op} ${r})`),
      tie('condition').map((c) => `!(${c})`),
      fc.tuple(tie('condition'), tie('condition'), tie('condition')).map(([c, t, e]) => `(${c} ? ${t} : ${e})`),
    ),
  }));

  prop.prop([fc.oneof(condition, term), row, fc.option(row), fc.option(fc.constant(at('2026-01-01T00:00:00Z'))), fc.boolean()], { numRuns: 3000 })(
    'gives what cel-js gives whenever it decides, and never decides where cel-js fails',
    (text, rowValue, account, periodStart, converted) => {
      const expression = compileCel(env, text, 'key');
      fc.pre(typeof expression !== 'string' && expression.direct !== null);
      const { direct } = expression as CompiledCel;
      const variables = { ...VARIABLES, row: rowValue, account, periodStart, params: { a: 1n, b: 'x' } };
      // Rows are read as the readers give them, or already converted where cel-js has run on them.
      const decided = direct?.(converted ? (celValue(structuredClone(variables)) as Record<string, unknown>) : structuredClone(variables));
      if (decided !== UNDECIDED) expect(byCelJs(expression as CompiledCel, variables)).toEqual({ value: decided });
    },
  );
});
