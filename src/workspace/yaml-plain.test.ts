/**
 * The hand reader of the plainest YAML (yaml-plain.ts) gives a value only where the positional parser gives the same
 * one (same types, same key order, NaN and -0 included) without a problem, over texts of its shape written with the
 * edges of every rule: comments, `: ` inside a value, indicators, no-break spaces, separators, keys that read as
 * something else or come twice, sequences at their key's indentation, scalars over several lines.
 */
import { isDeepStrictEqual } from 'node:util';
import { fc, test as prop } from '@fast-check/vitest';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { plainScalar, readYamlFast } from './yaml-fast.js';
import { readPlainYaml } from './yaml-plain.js';

const key = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('id', 'title', 'item', 'result', 'note', 'x-y', '_k', 'A1') },
  { weight: 1, arbitrary: fc.constantFrom('true', 'null', 'Yes', '1', 'a b', '__proto__', 'constructor', 'k#', '-k', 'id ', '"q"', 'é') },
);
const scalar = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('pass', 'fail', 'Control 1', 'a  b', 'owner@example.com', 'http://x:80', '2026-01-01', '400') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '-1', '+1', '0x1F', '0o17', '1_000', '1e3', '.5', '.inf', '-.inf', '.nan', '~', 'null', 'NULL', 'true', 'False', 'yes', '', ' a', 'a ',
      'a #b', 'a#b', '#a', 'a: b', 'a:b', 'a:', ':a', '- a', '-a', '?', '? a', '"q"', "'q'", '[a]', '{a: 1}', '&a', '*a', '!t', '|', '>', '%a',
      '@a', '`a', 'x\\y', '\u00a0a', 'a\u00a0', '\u2028', 'a\u2029b', '😀', 'é', '\ufeffa', 'a\tb', '\u0085', '\u007f', 'a\rb',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

type Node = string | { list: Node[] } | { map: [string, Node][] };
const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node; list: Node; map: Node }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((list) => ({ list })),
  map: fc.array(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 3 }).map((map) => ({ map })),
})).node;

/** How the text is laid out: the indentation of each level, and now and then a blank or comment line, trailing spaces. */
const layout = fc.record({
  step: fc.constantFrom(2, 2, 2, 1, 4),
  compact: fc.boolean(),
  extras: fc.array(fc.constantFrom('', '', '', '', '', '', '  ', '\n', '# c', '   '), { maxLength: 12 }),
});

function write(root: [string, Node][], { step, compact, extras }: { step: number; compact: boolean; extras: string[] }): string {
  const lines: string[] = [];
  let extra = 0;
  const next = () => extras[extra++ % Math.max(1, extras.length)] ?? '';
  const trailing = () => (next() === '  ' ? '  ' : '');
  const writeMap = (map: [string, Node][], indent: number, first: string | null) => {
    map.forEach(([k, value], i) => {
      const lead = i === 0 && first !== null ? first : ' '.repeat(indent);
      if (typeof value === 'string') lines.push(`${lead}${k}: ${value}${trailing()}`);
      else {
        lines.push(`${lead}${k}:${trailing()}`);
        const extraLine = next();
        if (extraLine === '\n' || extraLine === '# c') lines.push(extraLine === '\n' ? '' : `${' '.repeat(indent)}# c`);
        writeNode(value, 'map' in value ? indent + step : compact ? indent : indent + step);
      }
    });
  };
  const writeList = (list: Node[], indent: number) => {
    for (const item of list) {
      const dash = `${' '.repeat(indent)}- `;
      if (typeof item === 'string') lines.push(`${dash}${item}${trailing()}`);
      else if ('map' in item) writeMap(item.map, indent + 2, dash);
      else {
        lines.push(dash.trimEnd());
        writeList(item.list, indent + step);
      }
    }
  };
  const writeNode = (n: Exclude<Node, string>, indent: number) => ('map' in n ? writeMap(n.map, indent, null) : writeList(n.list, indent));
  writeMap(root, 0, null);
  return `${lines.join('\n')}\n`;
}

/** The positional parser's value, or undefined where it finds a problem. */
function positional(text: string): { value: unknown } | undefined {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  return doc.errors.length > 0 ? undefined : { value: doc.toJS() as unknown };
}

/** Equal values, their keys in the same order. */
function same(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b) && JSON.stringify(a) === JSON.stringify(b);
}

const texts = fc.tuple(fc.array(fc.tuple(key, node), { minLength: 1, maxLength: 4 }), layout).map(([root, how]) => write(root, how));

describe('the reader of the plainest YAML', () => {
  prop.prop([texts], { numRuns: 2000 })('gives a value only where the positional parser gives the same one', (text) => {
    const plain = readPlainYaml(text, plainScalar);
    if (plain === undefined) return;
    const expected = positional(text);
    expect(expected, text).toBeDefined();
    expect(same(plain, expected?.value), text).toBe(true);
    // Through the fast reader too, which reads it first unless its own look refuses the text (for the positional parser).
    const fast = readYamlFast(text);
    if (fast !== undefined) expect(same(fast, plain), text).toBe(true);
  });

  it('reads most texts of its shape, so that the comparison above is made often', () => {
    const sample = fc.sample(texts, { numRuns: 1000, seed: 7 });
    const read = sample.filter((text) => readPlainYaml(text, plainScalar) !== undefined);
    expect(read.length).toBeGreaterThan(100);
    expect(read.some((text) => /\n {2,}- [a-z]+: /.test(text))).toBe(true);
  });

  it('reads a test file as the positional parser does, and leaves a comment, a quote or a key twice to the others', () => {
    const test = 'control: C-1\nmethod: inspection\npopulationSize: 400\nsamples:\n  - item: C-1-ITEM-1\n    result: pass\n  - item: 7\n    result: fail\n    note: late by 2 days\n';
    expect(readPlainYaml(test, plainScalar)).toEqual(positional(test)?.value);
    expect(readPlainYaml(test, plainScalar)).toEqual({
      control: 'C-1',
      method: 'inspection',
      populationSize: 400,
      samples: [{ item: 'C-1-ITEM-1', result: 'pass' }, { item: 7, result: 'fail', note: 'late by 2 days' }],
    });
    for (const text of ['a: b # c\n', 'a: "b"\n', 'a: 1\na: 2\n', 'a:\n- b\n', 'a: b\n  c\n', 'a: b:\n', 'true: 1\n']) expect(readPlainYaml(text, plainScalar), text).toBeUndefined();
  });
});
