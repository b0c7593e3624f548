/**
 * The fast reading agrees with the positional parser: for any text, `parseYaml` gives the same value (same types,
 * same key order, NaN and -0 included), the same syntax problems and the same line for every path, whichever
 * parser read it. The positional reading alone is had by switching the fast reader off for a call.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fc, test as prop } from '@fast-check/vitest';
import { stringify, type ToStringOptions } from 'yaml';
import { describe, expect, it, vi } from 'vitest';
import { readYamlFast } from './yaml-fast.js';
import { parseYaml, type PathSegment, type YamlSource } from './yaml-source.js';

const reader = vi.hoisted(() => ({ positionalOnly: false }));
const { parseDocument } = vi.hoisted(() => ({ parseDocument: vi.fn() }));
vi.mock('yaml', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yaml')>();
  parseDocument.mockImplementation(actual.parseDocument);
  return { ...actual, parseDocument };
});
vi.mock('./yaml-fast.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./yaml-fast.js')>();
  return { readYamlFast: (text: string) => (reader.positionalOnly ? undefined : actual.readYamlFast(text)) };
});

function positional(text: string): YamlSource {
  reader.positionalOnly = true;
  try {
    return parseYaml('f.yaml', text);
  } finally {
    reader.positionalOnly = false;
  }
}

/** A value written out so that two readings compare exactly: types, key order, -0 and NaN, prototypes. */
function exact(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value !== 'object' || value === null) return `${typeof value}:${JSON.stringify(value)}`;
  if (Array.isArray(value)) return `[${value.map(exact).join(',')}]`;
  const prototype = Object.getPrototypeOf(value) === Object.prototype ? '' : 'unusual-prototype';
  return `${prototype}{${Reflect.ownKeys(value)
    .map((k) => `${String(k)}=${exact((value as Record<PropertyKey, unknown>)[k])}`)
    .join(',')}}`;
}

/** Every path to a node of the value, and some that lead nowhere (locate gives the deepest node along them). */
function pathsOf(value: unknown, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(path, [...path, 'absent'], [...path, 7]);
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

/** Both readings side by side (what differs shows in the failure); a reading that throws is compared by its error. */
function readings(text: string) {
  const reference = outcome(() => positional(text));
  return { read: outcome(() => parseYaml('f.yaml', text), reference.paths), reference: reference.reading };
}

function outcome(read: () => YamlSource, paths?: PathSegment[][]) {
  let source: YamlSource;
  try {
    source = read();
  } catch (error) {
    return { reading: { thrown: String(error) }, paths: [] };
  }
  const at = paths ?? pathsOf(source.value);
  return {
    reading: {
      value: exact(source.value),
      syntaxIssues: source.syntaxIssues,
      lines: at.flatMap((path) => [source.locate(path), source.locate(path, { key: true })]),
    },
    paths: at,
  };
}

function expectSameReading(text: string): void {
  const { read, reference } = readings(text);
  expect(read.reading).toEqual(reference);
}

const TRICKY_SCALARS = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'True', 'FALSE', 'tRUE', '~', 'null', 'Null', 'NULL', '0o17', '0x1F', '0b101', '017', '0o8',
  '0xg', '1_000', '+12', '-0', '+0.0', '.inf', '-.Inf', '+.INF', '.NaN', '.nan', '1e3', '1E-3', '1.', '.5', '-.5e-3', '1e999', '-1e999',
  '12345678901234567890', '0x7fffffffffffffff', '2026-01-01', '2026-01-01T00:00:00Z', '2026-02-30', '12:30:00', '1:20', '<<', '=', '!',
  '&a', '*a', '%x', '@x', '`x', '- x', '? x', ': x', '#x', 'a #b', 'a:b', 'a: b', '"q"', "'s'", ' x', 'x ', '', ' ', '\n', 'a\nb', 'a\n\nb',
  '\r\n', '\u0085', '\u2028', '\u00a0', 'Infinity', 'NaN', '__proto__', 'constructor', 'toString', '---', '...', '|', '>', '[', '{', ',',
  'a,b', '\\', '\\n', '"', "'", 'ünïcödé', '😀', '\ud800',
];
const scalar = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...TRICKY_SCALARS),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...TRICKY_SCALARS)), tie('node'), { maxKeys: 4 }),
  ),
})).node;
/** The ways the `yaml` package writes a value: flow, block, plain, quoted, folded, indented and not. */
const style: fc.Arbitrary<ToStringOptions> = fc.record(
  {
    defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
    defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
    collectionStyle: fc.constantFrom('any', 'block', 'flow'),
    indent: fc.integer({ min: 1, max: 4 }),
    indentSeq: fc.boolean(),
    lineWidth: fc.constantFrom(0, 12, 80),
    minContentWidth: fc.constantFrom(0, 5, 20),
    flowCollectionPadding: fc.boolean(),
    nullStr: fc.constantFrom('null', '~', ''),
    doubleQuotedAsJSON: fc.boolean(),
    blockQuote: fc.constantFrom<ToStringOptions['blockQuote']>(true, false, 'literal', 'folded'),
  },
  { requiredKeys: [] },
);

function written(v: unknown, options: ToStringOptions): string {
  try {
    return stringify(v, options);
  } catch {
    // A value some style cannot write (a lone surrogate in a block scalar): any text will do in its place.
    return 'x: 1\n';
  }
}

/** What a person or an editor does to a file: a stray character, a line lost or doubled, an indent off by one. */
const SNIPPETS = [
  ':', ' ', '\t', '\n', '\r', '\r\n', '- ', '? ', '#', ' #', '"', "'", '\\', '[', ']', '{', '}', ',', '&a ', '*a', '!', '!!str ', '%',
  '|', '>', '|-', '>+', '|2', '---\n', '...\n', ' ---', '\ufeff', '\u0085', '@', '`', '<<: ', '~', 'null', 'yes', '0x1F', '.inf', '1e999',
  '    ', 'a: b', '\\x41', '\\\n',
];
type Edit =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'indent'; at: number; by: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...SNIPPETS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -2, max: 3 }) }),
);

function edited(text: string, e: Edit): string {
  if (text.length === 0) return text;
  const at = e.at % text.length;
  const lines = text.split('\n');
  const line = e.at % lines.length;
  switch (e.kind) {
    case 'flip': {
      const bytes = Buffer.from(text, 'utf8');
      const i = e.at % bytes.length;
      bytes[i] = (bytes[i] as number) ^ (1 << e.bit);
      return bytes.toString('utf8');
    }
    case 'insert':
      return text.slice(0, at) + e.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.length);
    case 'truncate':
      return text.slice(0, at);
    case 'duplicate-line':
      lines.splice(line, 0, lines[line] as string);
      return lines.join('\n');
    case 'indent':
      lines[line] = e.by >= 0 ? ' '.repeat(e.by) + lines[line] : (lines[line] as string).replace(new RegExp(`^ {0,${-e.by}}`), '');
      return lines.join('\n');
  }
}

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && /\.ya?ml$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** A fixed seed so a failure reproduces; `ASSAY_YAML_RUNS` runs more, `ASSAY_YAML_SEED` others. */
const SEED = Number(process.env.ASSAY_YAML_SEED ?? 20261204);
const RUNS = Number(process.env.ASSAY_YAML_RUNS ?? 1000);
const EXAMPLES = join(import.meta.dirname, '../../examples');
const exampleFiles = await Promise.all((await yamlFiles(EXAMPLES)).map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
const exampleTexts = exampleFiles.map((f) => f.text);

describe('the fast reading of a YAML file', () => {
  prop.prop([value, style], { numRuns: RUNS, seed: SEED })('agrees with the positional parser on any value written in any style', (v, options) => {
    expectSameReading(written(v, options));
  }, 120_000);

  prop.prop(
    [fc.oneof(fc.constantFrom(...exampleTexts), fc.tuple(value, style).map(([v, o]) => written(v, o))), fc.array(edit, { minLength: 1, maxLength: 3 })],
    { numRuns: RUNS, seed: SEED },
  )('agrees with the positional parser on edited workspace files and written values, down to the refusal and its line', (text, edits) => {
    expectSameReading(edits.reduce(edited, text));
  }, 120_000);

  it.each([
    ['the YAML 1.2 core schema', 'a: yes\nb: on\nc: 0o17\nd: 0x1F\ne: .inf\nf: -.inf\ng: .nan\nh: ~\ni: null\nj: 2026-01-01\nk: 017\nl: +12\nm: -0\n'],
    ['numbers too large for a double', 'a: 1e999\nb: -1.7976931348623159e+308\nc: 0x' + 'f'.repeat(300) + '\nd: ' + '9'.repeat(400) + '\n'],
    ['keys that resolve to other types', '1: a\n1.0e0x: b\ntrue: c\n.inf: d\n0x1F: e\n'],
    ['keys that resolve to null', 'null: a\n', '~: a\nb: 1\n', 'null: a\n~: b\n', '{null}\n'],
    ['duplicate keys', 'a: 1\nb: 2\na: 3\n'],
    ['duplicate keys in another spelling', 'a: 1\n"a": 2\n'],
    ['a number and a string key that make one property', '1: a\n"1": b\n'],
    ['merge keys', 'base: { x: 1 }\nother:\n  <<: { y: 2 }\n  z: 3\n'],
    ['anchors and aliases', 'a: &x [1, 2]\nb: *x\n'],
    ['an alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n'],
    ['an alias to nothing', 'a: *nowhere\n'],
    ['tags', 'a: ! 12\nb: !<?> 1\n', 'a: !!str 1\nb: !!int "2"\nc: !custom x\nd: !!binary aGVsbG8=\ne: !!set { a, b }\nf: !!omap [ a: 1 ]\ng: !!float 1\n'],
    ['directives', '%YAML 1.1\n---\na: yes\nb: 0o17\n'],
    ['more than one document', 'a: 1\n---\nb: 2\n'],
    ['a document end marker first', '...\na: 1\n'],
    ['an indented document marker', 'a: |\n  x\n ---\nb: 1\n', ' ---\nfalse\n'],
    ['a document start marker', '---\na: 1\n'],
    ['an empty file', '', '# only a comment\n', '\n\n'],
    ['block scalars', 'a: |\n  x\n  y\nb: >-\n  folded\n  text\n\nc: |+\n  kept\n\nd: |\n\ne: >\n  \n  x\n'],
    ['block scalars at the end of the file', 'a: |', 'a: >-\n  x', '|-\n.nan\n', '|1-\n x\n', 'a: |2\n   x\n'],
    ['quoted scalars across lines', 'a: "x\n  y"\nb: \'p\n\n  q\'\nc: "l\\\n  \n  m"\nd: "\\x41\\u00e9\\N\\_\\L\\P"\n'],
    ['text after a closing quote', '- "a"b: c\n', 'a: "x"#c\n', 'a: \'x\' y\n'],
    ['empty values', '[:]\n', '{:}\n', '[a, :]\n', 'owner:\ntitle: x\nnote: # none\n', '- \n- x\n', '{a: , b}\n', '{a:\n}\n', '[a, , b]\n', ': x\n', '? a\n: b\n'],
    ['complex keys', '[? ]\n', '{? a}\n', '? [a, b]\n: c\n', '{[a]: b}\n', '? { a: 1 }\n: x\n'],
    ['comments in flow collections', '{\n  "k": ~\n#  }\n}\n', '- {\n   a: 1\n# c\n  }\n', 'k: [a,\n# c\n  b]\n', '{a: 1,\n# c\n}\n'],
    ['flow collections across lines', 'k: {a: 1,\n  b: 2}\n', 'k: [a,\nb]\n', '[a,\nb]\n', 'k: [\n  a\n]\n'],
    ['tabs', 'a:\tb\n', '\ta: b\n', 'a: "x\ty"\n', '-\tx\n', '\ttr\n', '\t|\n|', 'a: [b,\tc]\n'],
    ['line breaks', 'a: 1\r\nb:\r\n  - x\r\n', 'a: 1\rb: 2\r', 'a: x\u2028y\n', 'a: x\u0085y\n'],
    ['a byte order mark', '\ufeffa: 1\n', '\ufeff- []\n- []\n', 'a: 1\n\ufeff\n'],
    ['prototype keys', '__proto__: { polluted: true }\nconstructor: x\n', '{ __proto__: 1 }\n'],
    ['deep nesting', `${'['.repeat(150)}${']'.repeat(150)}\n`, `${'- '.repeat(120)}x\n`],
    ['a workspace control', 'id: AC-04\ntitle: Leavers lose access\ncriteria: [CC6.2, CC6.3]\nfrequency: event\nnature: manual\ncompensates:\n  - AC-01\nowner: it@acme.example\n'],
  ])('agrees with the positional parser on %s', (_name, ...texts) => {
    for (const text of texts) expectSameReading(text);
  });

  it('reads every example control and test the fast way', () => {
    expect(exampleFiles.length).toBeGreaterThan(50);
    for (const { file, text } of exampleFiles) if (/[/\\](controls|tests)[/\\]/.test(file)) expect(readYamlFast(text), file).not.toBeUndefined();
  });

  it('leaves anchors and aliases, tags and directives to the positional parser, which holds aliases to a limit', () => {
    for (const text of ['a: &x 1\nb: 2\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', '%YAML 1.1\n---\na: yes\n']) expect(readYamlFast(text)).toBeUndefined();
    const bomb = parseYaml('f.yaml', ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]', ''].join('\n'));
    expect(bomb.value).toBeUndefined();
    expect(bomb.syntaxIssues).toEqual([{ location: 'f.yaml:2', message: expect.stringContaining('alias bomb') as string }]);
  });

  it('locates the top-level keys the validator asks of every file without parsing it again', () => {
    const text = 'control: AC-04\nmethod: inspection\nsamples:\n  - item: T-1\n    result: pass\n  - { item: T-2, result: fail }\n';
    const source = parseYaml('tests/ac-04.yaml', text);
    parseDocument.mockClear();
    expect(source.locate(['control'])).toBe('tests/ac-04.yaml:1');
    expect(source.locate(['method'], { key: true })).toBe('tests/ac-04.yaml:2');
    expect(parseDocument).not.toHaveBeenCalled();
    expect(source.locate(['samples', 1, 'result'])).toBe('tests/ac-04.yaml:6');
    expect(source.locate(['samples', 0, 'result'], { key: true })).toBe('tests/ac-04.yaml:5');
    expect(source.locate(['check'])).toBe('tests/ac-04.yaml:1');
    expect(parseDocument).toHaveBeenCalledTimes(1);
  });
});
