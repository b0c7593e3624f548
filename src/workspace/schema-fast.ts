/**
 * Plain judges of the workspace files every examination reads: each accepts exactly what its zod schema in
 * schema.ts accepts and gives the same value (defaults, trimming, key order), without loading zod. The test file and
 * its sample rows, read by the hundred thousand, are judged by hand, without zod's per-row parsing contexts, unions
 * and transforms; assay.yaml and the controls by a few plain rules written as their schemas are. Anything a judge
 * refuses goes to zod, which alone words the problems, so messages stay zod's. schema-fast.test.ts holds each
 * judge to its schema's verdict and value.
 */
// The domain's modules themselves, not its index: the worker threads of test-pool.ts load only what they run.
import { CATEGORIES } from '../domain/criteria/catalogue.js';
import { isRealDate } from '../domain/dates.js';
import { COMPONENT_KINDS, SUBSERVICE_METHODS } from '../domain/description/model.js';
import { DESIGN_ASSESSMENTS, FREQUENCIES, NATURES, REPORT_TYPES, SAMPLE_RESULTS, TEST_METHODS } from '../domain/engagement.js';
import { MAX_OWNER_LENGTH } from '../domain/limits.js';
import type { DescriptionFile } from './description-schema.js';
import type { AssayFile, ControlFile, TestFile } from './schema.js';

type Raw = Record<string, unknown>;
type Sample = TestFile['samples'][number];

const METHODS: ReadonlySet<unknown> = new Set(TEST_METHODS);
const RESULTS: ReadonlySet<unknown> = new Set(SAMPLE_RESULTS);

/** Refused: the value is zod's to judge. A symbol, so no accepted value can be mistaken for it. */
const REFUSED = Symbol('refused');

/** The test file as testFileSchema reads it, or undefined when zod must judge it. */
export function fastTestFile(raw: Raw): TestFile | undefined {
  const file: Partial<TestFile> = {};
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    switch (key) {
      case 'control':
      case 'scopeLimitation':
      case 'check': {
        const t = text(value);
        if (t === REFUSED) return undefined;
        file[key] = t;
        break;
      }
      case 'method':
        if (!METHODS.has(value)) return undefined;
        file.method = value as TestFile['method'];
        break;
      case 'populationSize':
        if (!Number.isSafeInteger(value) || (value as number) < 0) return undefined;
        file.populationSize = value as number;
        break;
      case 'samples': {
        const samples = sampleRows(value);
        if (samples === undefined) return undefined;
        file.samples = samples;
        break;
      }
      default:
        return undefined;
    }
  }
  if (file.control === undefined || file.method === undefined) return undefined;
  file.samples ??= [];
  return file as TestFile;
}

function sampleRows(value: unknown): Sample[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const rows: Sample[] = new Array<Sample>(value.length);
  for (let i = 0; i < value.length; i++) {
    const row = sampleRow(value[i]);
    if (row === undefined) return undefined;
    rows[i] = row;
  }
  return rows;
}

function sampleRow(value: unknown): Sample | undefined {
  if (!isObject(value)) return undefined;
  let item: string | undefined;
  let result: Sample['result'] | undefined;
  let note: string | undefined;
  let hasNote = false;
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (key === 'item') {
      if (typeof field === 'number') {
        if (!Number.isFinite(field)) return undefined;
        item = String(field);
      } else {
        const t = text(field);
        if (t === REFUSED) return undefined;
        item = t;
      }
    } else if (key === 'result') {
      if (!RESULTS.has(field)) return undefined;
      result = field as Sample['result'];
    } else if (key === 'note') {
      if (typeof field !== 'string') return undefined;
      note = field;
      hasNote = true;
    } else {
      return undefined;
    }
  }
  if (item === undefined || result === undefined) return undefined;
  return hasNote ? { item, result, note } : { item, result };
}

/** The schema's `text`: a string, trimmed, not empty. */
function text(value: unknown): string | typeof REFUSED {
  if (typeof value !== 'string') return REFUSED;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : REFUSED;
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field the schema leaves out of its value: optional and not given. */
const ABSENT = Symbol('absent');

/** A field's judge: the field's value as the schema gives it, REFUSED, or ABSENT; `undefined` when not given. */
type Judge = (value: unknown) => unknown;

/** z.strictObject: every known field judged in the schema's order (the order of zod's value), no unknown field. */
function strictObject(fields: Record<string, Judge>): Judge {
  const known = new Set(Object.keys(fields));
  const judges = Object.entries(fields);
  return (value) => {
    if (!isObject(value)) return REFUSED;
    for (const key of Object.keys(value)) if (!known.has(key)) return REFUSED;
    const out: Raw = {};
    for (const [key, judge] of judges) {
      const field = judge(value[key]);
      if (field === REFUSED) return REFUSED;
      if (field !== ABSENT) out[key] = field;
    }
    return out;
  };
}

const optional = (judge: Judge): Judge => (value) => (value === undefined ? ABSENT : judge(value));
/** zod gives its default as it is, without judging it. */
const withDefault = (judge: Judge, value: () => unknown): Judge => (given) => (given === undefined ? value() : judge(given));

function arrayOf(judge: Judge, min = 0): Judge {
  return (value) => {
    if (!Array.isArray(value) || value.length < min) return REFUSED;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = judge(value[i]);
      if (item === REFUSED || item === ABSENT) return REFUSED;
      out[i] = item;
    }
    return out;
  };
}

/** z.record(z.string(), …): a plain mapping; zod leaves out a `__proto__` key. */
function recordOf(judge: Judge): Judge {
  return (value) => {
    if (!isObject(value)) return REFUSED;
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return REFUSED;
    const out: Raw = {};
    for (const key of Object.keys(value)) {
      if (key === '__proto__') continue;
      const item = judge(value[key]);
      if (item === REFUSED || item === ABSENT) return REFUSED;
      out[key] = item;
    }
    return out;
  };
}

const oneOf = (values: readonly unknown[]): Judge => {
  const set = new Set(values);
  return (value) => (set.has(value) ? value : REFUSED);
};
const string: Judge = (value) => (typeof value === 'string' ? value : REFUSED);
const boolean: Judge = (value) => (typeof value === 'boolean' ? value : REFUSED);
/** z.number() takes finite numbers only; `test` is the schema's bounds. */
const number = (test: (n: number) => boolean): Judge => (value) => (typeof value === 'number' && Number.isFinite(value) && test(value) ? value : REFUSED);
const isoDate: Judge = (value) => (typeof value === 'string' && isRealDate(value) ? value : REFUSED);
const rate = number((n) => n > 0 && n < 1);
const ownerText: Judge = (value) => {
  const t = text(value);
  return t !== REFUSED && t.length <= MAX_OWNER_LENGTH ? t : REFUSED;
};

const assayFile = strictObject({
  organization: text,
  system: text,
  report: strictObject({
    type: oneOf(REPORT_TYPES),
    periodStart: optional(isoDate),
    periodEnd: isoDate,
    categories: withDefault(arrayOf(oneOf(CATEGORIES)), () => ['security']),
  }),
  notApplicable: optional(recordOf(text)),
  sampling: optional(strictObject({ confidence: optional(rate), tolerableRate: optional(rate) })),
  description: optional(
    strictObject({
      misstatements: withDefault(arrayOf(strictObject({ text, pervasive: withDefault(boolean, () => false) })), () => []),
    }),
  ),
  opinion: optional(
    strictObject({
      pervasive: optional(
        strictObject({
          minSeries: optional(number((n) => Number.isSafeInteger(n) && n >= 1)),
          minShare: optional(number((n) => n > 0 && n <= 1)),
        }),
      ),
    }),
  ),
});

const controlFile = strictObject({
  id: text,
  title: text,
  criteria: arrayOf(string, 1),
  frequency: oneOf(FREQUENCIES),
  nature: oneOf(NATURES),
  key: withDefault(boolean, () => true),
  design: withDefault(oneOf(DESIGN_ASSESSMENTS), () => 'effective'),
  compensates: withDefault(arrayOf(string), () => []),
  owner: optional(ownerText),
});

const prose = withDefault((value) => (typeof value === 'string' ? value.trim() : REFUSED), () => '');
const complementary = strictObject({ text, criteria: withDefault(arrayOf(text), () => []) });

const descriptionFile = strictObject({
  services: prose,
  commitments: withDefault(arrayOf(text), () => []),
  components: withDefault(strictObject(Object.fromEntries(COMPONENT_KINDS.map((kind) => [kind, prose]))), () => ({})),
  incidents: withDefault(arrayOf(strictObject({ finding: optional(text), date: optional(isoDate), text })), () => []),
  changes: withDefault(arrayOf(text), () => []),
  subserviceOrganizations: withDefault(
    arrayOf(strictObject({ name: text, services: text, method: oneOf(SUBSERVICE_METHODS), csocs: withDefault(arrayOf(complementary), () => []) })),
    () => [],
  ),
  userEntityControls: withDefault(arrayOf(complementary), () => []),
});

/** assay.yaml as assayFileSchema reads it, or undefined when zod must judge it. */
export function fastAssayFile(raw: Raw): AssayFile | undefined {
  const file = assayFile(raw);
  return file === REFUSED ? undefined : (file as AssayFile);
}

/** A control file as controlFileSchema reads it, or undefined when zod must judge it. */
export function fastControlFile(raw: Raw): ControlFile | undefined {
  const file = controlFile(raw);
  return file === REFUSED ? undefined : (file as ControlFile);
}

/** description.yaml as descriptionFileSchema reads it, or undefined when zod must judge it. */
export function fastDescriptionFile(raw: Raw): DescriptionFile | undefined {
  const file = descriptionFile(raw);
  return file === REFUSED ? undefined : (file as DescriptionFile);
}
