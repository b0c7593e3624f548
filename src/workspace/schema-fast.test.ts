import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../domain/criteria/catalogue.js';
import { COMPONENT_KINDS, SUBSERVICE_METHODS } from '../domain/description/model.js';
import { DESIGN_ASSESSMENTS, FREQUENCIES, NATURES, REPORT_TYPES } from '../domain/engagement.js';
import { SAMPLE_RESULTS, TEST_METHODS } from '../domain/index.js';
import { MAX_OWNER_LENGTH } from '../domain/limits.js';
import { descriptionFileSchema } from './description-schema.js';
import { assayFileSchema, controlFileSchema, testFileSchema } from './schema.js';
import { fastAssayFile, fastControlFile, fastDescriptionFile, fastTestFile } from './schema-fast.js';

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
const mostly = <T,>(valid: fc.Arbitrary<T>, weight = 24) =>
  fc.oneof({ weight, arbitrary: valid }, { weight: 2, arbitrary: edge }, { weight: 1, arbitrary: scalar });
const text = fc.constantFrom('CTL-1', ' CTL-1 ', 'x');

/** Extra fields, rarely: an unknown key is refused by both. */
const extra = fc.oneof(
  { weight: 20, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('items', 'Result', 'other', '', '__proto__', 'constructor'), anything, { minKeys: 1, maxKeys: 2 }) },
);
/** A record with, rarely, an unknown field added or a required one left out. */
const varied = <T extends object>(record: fc.Arbitrary<T>, required: readonly string[]) =>
  fc.tuple(record, extra, fc.oneof({ weight: 20, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('', ...required) })).map(([r, e, left]) => {
    const out: Record<string, unknown> = { ...e, ...r };
    if (left !== null && required.length > 0) delete out[left];
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

/** Files of many fields: each odd less often than in a test file, so that whole files are often valid. */
const often = <T,>(valid: fc.Arbitrary<T>) => mostly(valid, 90);
/** Dates written as the schema wants them, some of which do not exist, and some written otherwise. */
const date = fc.oneof(
  { weight: 6, arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '2024-02-29', '2023-02-29', '2026-1-1', ' 2026-01-01', '2026-01-01T00:00:00Z') },
);
const rate = fc.oneof(fc.double({ min: 0, max: 1 }), fc.constantFrom(0, 1, 0.5, 0.95, 0.05));
/** Often a valid record, at times with a field left out or one more (no field is required when `required` is empty). */
const object = <T extends object>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }, required: readonly (keyof T & string)[] = []) =>
  varied(fc.record(fields, { requiredKeys: required as (keyof T)[] }), required);
const list = <T,>(item: fc.Arbitrary<T>) => fc.array(item, { maxLength: 3 });
const words = fc.oneof(text, fc.string());

const assayFile = object(
  {
    organization: often(text),
    system: often(text),
    report: often(
      object(
        {
          type: often(fc.constantFrom(...REPORT_TYPES)),
          periodStart: often(date),
          periodEnd: often(date),
          categories: often(list(often(fc.constantFrom(...CATEGORIES)))),
        },
        ['type', 'periodEnd'],
      ),
    ),
    notApplicable: often(fc.dictionary(fc.constantFrom('CC1.1', 'A1.2', ' x', '__proto__', 'constructor', 'toString'), often(text), { maxKeys: 3 })),
    sampling: often(object({ confidence: often(rate), tolerableRate: often(rate) })),
    description: often(object({ misstatements: often(list(object({ text: often(text), pervasive: often(fc.boolean()) }, ['text']))) })),
    opinion: often(
      object({ pervasive: often(object({ minSeries: often(fc.oneof(fc.integer({ min: -1, max: 30 }), fc.constant(1.5))), minShare: often(rate) })) }),
    ),
  },
  ['organization', 'system', 'report'],
);

const owner = fc.oneof(text, fc.nat({ max: 4 }).map((n) => `${'o'.repeat(MAX_OWNER_LENGTH - 2 + n)}${n % 2 === 0 ? '  ' : ''}`));
const controlFile = object(
  {
    id: often(text),
    title: often(text),
    criteria: often(list(often(fc.constantFrom('CC1.1', 'CC6.1', '', ' x')))),
    frequency: often(fc.constantFrom(...FREQUENCIES)),
    nature: often(fc.constantFrom(...NATURES)),
    key: often(fc.boolean()),
    design: often(fc.constantFrom(...DESIGN_ASSESSMENTS)),
    compensates: often(list(often(text))),
    owner: often(owner),
  },
  ['id', 'title', 'criteria', 'frequency', 'nature'],
);

const complementary = object({ text: often(text), criteria: often(list(often(text))) }, ['text']);
const descriptionFile = object({
  services: often(words),
  commitments: often(list(often(text))),
  components: often(object(Object.fromEntries(COMPONENT_KINDS.map((kind) => [kind, often(words)])))),
  incidents: often(list(object({ finding: often(text), date: often(date), text: often(text) }, ['text']))),
  changes: often(list(often(text))),
  subserviceOrganizations: often(
    list(object({ name: often(text), services: often(text), method: often(fc.constantFrom(...SUBSERVICE_METHODS)), csocs: often(list(complementary)) }, ['name', 'services', 'method'])),
  ),
  userEntityControls: often(list(complementary)),
});

/** The plain judge and its schema, over generated files. */
const judges = [
  { name: 'assay.yaml', file: assayFile, schema: assayFileSchema, fast: fastAssayFile },
  { name: 'a control file', file: controlFile, schema: controlFileSchema, fast: fastControlFile },
  { name: 'description.yaml', file: descriptionFile, schema: descriptionFileSchema, fast: fastDescriptionFile },
] as const;

describe.each(judges)('the plain judge of $name', ({ file: files, schema, fast }) => {
  prop.prop([files], { numRuns: 3000 })('accepts exactly what the schema accepts, with the same value in the same key order', (raw) => {
    const zod = schema.safeParse(raw);
    const plain = fast(raw);
    expect(plain !== undefined).toBe(zod.success);
    if (zod.success) {
      expect(plain).toStrictEqual(zod.data);
      expect(JSON.stringify(plain)).toBe(JSON.stringify(zod.data));
    }
  });

  it('is not vacuous: the generated files are often valid and often not', () => {
    const verdicts = fc.sample(files, { numRuns: 1000, seed: 7 }).map((raw) => schema.safeParse(raw).success);
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(100);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(100);
  });
});

describe('the plain judges, by example', () => {
  it('give the schemas\' defaults and trimmed texts', () => {
    expect(fastControlFile({ id: ' C-1 ', title: 'T', criteria: ['CC1.1'], frequency: 'daily', nature: 'manual', owner: ' a@b.c ' })).toStrictEqual({
      id: 'C-1',
      title: 'T',
      criteria: ['CC1.1'],
      frequency: 'daily',
      nature: 'manual',
      key: true,
      design: 'effective',
      compensates: [],
      owner: 'a@b.c',
    });
    expect(fastAssayFile({ organization: 'O', system: 'S', report: { type: 'type1', periodEnd: '2026-06-30' }, description: {} })).toStrictEqual({
      organization: 'O',
      system: 'S',
      report: { type: 'type1', periodEnd: '2026-06-30', categories: ['security'] },
      description: { misstatements: [] },
    });
    expect(fastDescriptionFile({ components: { data: ' rows ' } })?.components).toStrictEqual({ infrastructure: '', software: '', people: '', procedures: '', data: 'rows' });
  });

  it('refuse what the schemas refuse', () => {
    expect(fastControlFile({ id: 'C-1', title: 'T', criteria: [], frequency: 'daily', nature: 'manual' })).toBeUndefined();
    expect(fastAssayFile({ organization: 'O', system: 'S', report: { type: 'type1', periodEnd: '2026-02-30' } })).toBeUndefined();
    expect(fastDescriptionFile({ incidents: [{ text: 'x', date: '2026-13-01' }] })).toBeUndefined();
  });
});
