/**
 * A fast judge of the one shape read by the hundred thousand (a test file and its sample rows): it accepts exactly
 * what testFileSchema accepts and gives the same value, without zod's per-row parsing contexts, unions and
 * transforms. Anything it refuses goes to zod, which alone words the problems, so messages stay zod's.
 * schema-fast.test.ts holds the two to the same verdict and value.
 */
// The domain's module itself, not its index: the worker threads of test-pool.ts load only what they run.
import { SAMPLE_RESULTS, TEST_METHODS } from '../domain/engagement.js';
import type { TestFile } from './schema.js';

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
