import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { SAMPLE_RESULTS, TEST_METHODS } from '../domain/index.js';
import { testFileSchema } from './schema.js';
import { fastTestFile } from './schema-fast.js';

/** What a YAML reader can give for a scalar, biased to the edges of each rule (blank text, -0, NaN, big integers). */
const scalar = fc.oneof(
  fc.constantFrom(...TEST_METHODS, ...SAMPLE_RESULTS, 'Pass', 'CTL-1', ' CTL-1 ', '', ' ', '\t\n', '\u00a0', '\ufeffx'),
  fc.string(),
  fc.integer(),
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), Number.NaN, Infinity, -Infinity, 1e21),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const anything = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 3 })),
})).node;

/** Mostly a value the field takes, so that whole files pass often enough for one wrong field to decide. */
const edge = fc.constantFrom('', ' ', '\t\n', Number.NaN, Infinity, -Infinity, -0, -1, 1.5, 2 ** 53, null);
const mostly = <T,>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 24, arbitrary: valid }, { weight: 2, arbitrary: edge }, { weight: 1, arbitrary: scalar });
const text = fc.constantFrom('CTL-1', ' CTL-1 ', 'x');

/** Extra fields, rarely: an unknown key is refused by both. */
const extra = fc.oneof(
  { weight: 20, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('items', 'Result', 'other', ''), anything, { minKeys: 1, maxKeys: 2 }) },
);
/** A record with, rarely, an unknown field added or a required one left out. */
const varied = <T extends object>(record: fc.Arbitrary<T>, required: readonly string[]) =>
  fc.tuple(record, extra, fc.oneof({ weight: 20, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...required) })).map(([r, e, left]) => {
    const out: Record<string, unknown> = { ...e, ...r };
    if (left !== null) delete out[left];
    return out;
  });

const sample = fc.oneof(
  { weight: 30, arbitrary: varied(fc.record({ item: mostly(fc.oneof(text, fc.integer())), result: mostly(fc.constantFrom(...SAMPLE_RESULTS)), note: mostly(fc.string()) }, { requiredKeys: ['item', 'result'] }), ['item', 'result']) },
  { weight: 1, arbitrary: anything },
);
const file = varied(
  fc.record(
    {
      control: mostly(text),
      method: mostly(fc.constantFrom(...TEST_METHODS)),
      populationSize: mostly(fc.nat()),
      samples: fc.oneof({ weight: 8, arbitrary: fc.array(sample, { maxLength: 4 }) }, { weight: 1, arbitrary: anything }),
      scopeLimitation: mostly(text),
      check: mostly(text),
    },
    { requiredKeys: ['control', 'method'] },
  ),
  ['control', 'method'],
);

describe('the fast judge of test files', () => {
  prop.prop([file], { numRuns: 5000 })('accepts exactly what the schema accepts, with the same value', (raw) => {
    const zod = testFileSchema.safeParse(raw);
    const fast = fastTestFile(raw);
    expect(fast !== undefined).toBe(zod.success);
    if (zod.success) expect(fast).toStrictEqual(zod.data);
  });

  it('is not vacuous: it accepts a usual test file and refuses a wrong row', () => {
    const raw = { control: ' CTL-1 ', method: 'inspection', populationSize: 3, samples: [{ item: 7, result: 'pass' }, { item: ' a ', result: 'fail', note: '' }] };
    expect(fastTestFile(raw)).toStrictEqual({
      control: 'CTL-1',
      method: 'inspection',
      populationSize: 3,
      samples: [{ item: '7', result: 'pass' }, { item: 'a', result: 'fail', note: '' }],
    });
    expect(fastTestFile({ ...raw, samples: [{ item: ' ', result: 'pass' }] })).toBeUndefined();
  });
});
