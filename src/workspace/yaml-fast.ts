/**
 * The fast reading of a workspace file: js-yaml's `load` (about ten times faster than the `yaml` package's positional
 * parser on workspace files) with a schema that resolves plain scalars exactly as the `yaml` package's YAML 1.2 core
 * schema does. It gives the value only; where a node stands is left to the positional parser, run when a message
 * needs a line (yaml-source.ts).
 *
 * It reads only what both parsers are known to read alike (docs/workspace.md, "How YAML is read"). A file whose text
 * may hold anything else (anchors and aliases, tags, directives, tabs, a byte order mark, a lone carriage return,
 * document markers, explicit keys, collections as keys, explicit block indentation, escaped line breaks in double
 * quotes) gets `undefined`, as does any file js-yaml refuses: the positional parser reads those, words every syntax
 * error and holds aliases to their limit. yaml-fast.test.ts holds both readers to the same value.
 */
import { load, Schema, Type, type LoadOptions } from 'js-yaml';
import { readPlainYaml } from './yaml-plain.js';

/** One plain-scalar type of the `yaml` package's core schema: which plain scalars it takes, and how it reads them. */
function coreType(tag: string, resolve: (source: string) => boolean, construct: (source: string) => unknown): Type {
  return new Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (source: string | null) => source !== null && resolve(source), construct });
}

/** Every plain scalar that is not null is tried as a boolean first: most are longer than `false`, and skip the pattern. */
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/** Whether a plain scalar may be a number: it opens with a digit, a sign or a point (most text does not). */
function numeric(source: string): boolean {
  const c = source.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
}

/**
 * The `yaml` package's core schema (yaml/dist/schema/core), pattern for pattern and read the same way: `yes`, `on` and
 * dates stay strings, `0o17` and `0x1F` are numbers, `+0x1F` and `1_000` are text. A float's pattern also takes what
 * the int's does; the int is tried first, as there. No explicit types: a tag makes js-yaml refuse the file.
 */
const CORE_TYPES: readonly { tag: string; resolve: (source: string) => boolean; construct: (source: string) => unknown }[] = [
  { tag: 'null', resolve: (s) => s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL', construct: () => null },
  { tag: 'bool', resolve: (s) => (s.length === 4 || s.length === 5) && BOOL.test(s), construct: (s) => s[0] === 't' || s[0] === 'T' },
  {
    tag: 'int',
    resolve: (s) => numeric(s) && INT.test(s),
    construct: (s) => (s.startsWith('0o') ? Number.parseInt(s.slice(2), 8) : s.startsWith('0x') ? Number.parseInt(s.slice(2), 16) : Number.parseInt(s, 10)),
  },
  {
    tag: 'float',
    resolve: (s) => numeric(s) && FLOAT.test(s),
    construct: (s) => (/^[-+]?\.inf$/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : /^\.nan$/i.test(s) ? NaN : Number.parseFloat(s)),
  },
];
const CORE = new Schema({ implicit: CORE_TYPES.map((t) => coreType(t.tag, t.resolve, t.construct)), explicit: [] });

/** A plain scalar as js-yaml reads it with CORE: by the first type that takes it, else as text. */
export function plainScalar(source: string): unknown {
  for (const type of CORE_TYPES) if (type.resolve(source)) return type.construct(source);
  return source;
}

/**
 * Text where the two parsers may part, found without parsing: each is a quick look for a character, then a pattern
 * that may match more than it must (a `&` after a space in prose), which only costs that file the slower reading.
 */
const OUTSIDE_AGREED_SET: readonly ((text: string) => boolean)[] = [
  // Node properties: an anchor (`&a`, and so any alias) or a tag (`!!str`, `!x`), where a node can start.
  look(has('&', '!'), /(?:^|[\s[{,:])[&!]/m),
  // Directives (`%YAML 1.1` changes the schema), document markers (a second document, `---` indented as text).
  look(has('%', '---', '...'), /^(?:%|[ ]*---(?:\s|$)|[ ]*\.\.\.(?:\s|$))/m),
  // Tabs (whether they indent), a byte order mark, a carriage return not followed by a line feed.
  look(has('\t', '\ufeff', '\r'), /[\t\ufeff]|\r(?!\n)/),
  // Explicit keys (`? x`, `[? ]`) and keys that are collections (`[a]: x`, `{a: 1}: x`).
  look(has('?', ']', '}'), /(?:^|[\s[{,])\?(?:[\s,\]}]|$)|[\]}][ ]*:(?:[\s,\]}]|$)/m),
  // Keys that are null (`~: x`, `null: x`, `: x`, `[:]`), and null in a flow mapping (`{null}`): a null key is "" to one
  // parser, "null" to the other.
  look(
    (text) => text.startsWith(':') || has(' :', '\n:', '[:', '{:', ',:', '-:', '~', 'null', 'Null', 'NULL')(text),
    /(?:^|[\s[{,-])(?:~|null|Null|NULL)?[ ]*:(?:[\s,\]}]|$)/m,
  ),
  look(has('{'), /~|null|Null|NULL/),
  emptySequenceEntry,
  // Block scalars with an explicit indentation (`|2`) or keeping trailing lines (`|+`): counted differently.
  look(has('|', '>'), /[|>][-+]?[1-9]|[|>][1-9]?\+/),
  // An escaped line break in double quotes.
  look(has('\\'), /\\\r?\n/),
];

/** An empty sequence entry (`- - ` then `- x`: js-yaml puts `x` in the inner sequence). */
function emptySequenceEntry(text: string): boolean {
  return /-[ ]*(?:\r?\n|$)/.test(text) && /^[ -]*-[ ]*$/m.test(text);
}

/** A quick look for a mark, then the pattern (most texts have none of the marks). */
function look(maybe: (text: string) => boolean, pattern: RegExp): (text: string) => boolean {
  return (text) => maybe(text) && pattern.test(text);
}

function has(...marks: string[]): (text: string) => boolean {
  return (text) => marks.some((mark) => text.includes(mark));
}

/**
 * Every character or word a look above starts from, in one pass: a text with none of them (most workspace files)
 * skips the looks, but for an empty sequence entry, which starts from a `-` that every list has.
 */
const ANY_MARK = /[&!%\t\ufeff\r?\]}{~|>\\]|---|\.\.\.|null|Null|NULL|(?:^|[\s[{,-]):/;

function outsideAgreedSet(text: string): boolean {
  if (!ANY_MARK.test(text)) return emptySequenceEntry(text);
  return OUTSIDE_AGREED_SET.some((found) => found(text));
}

/**
 * Watches js-yaml's nodes for what it reads more leniently than the positional parser: a quoted scalar or a flow
 * collection running across lines (the positional parser wants its lines indented past the parent's, and no comment
 * at a line's start inside brackets), and a quoted scalar followed by more than a comment, an indicator or the
 * line's end (`"a"b`, `"a"#c`).
 */
function leniencyWatch(text: string): { listener: LoadOptions['listener']; agreed: () => boolean } {
  const opened: number[] = [];
  let agreed = true;
  return {
    agreed: () => agreed,
    listener(event, state) {
      if (event === 'open') {
        opened.push(state.position);
        return;
      }
      const from = opened.pop() as number;
      const end = state.position;
      const last = text[end - 1];
      if (!agreed) return;
      if (state.kind !== 'scalar') {
        if ((last === ']' || last === '}') && text.lastIndexOf('\n', end - 1) >= from) agreed = false;
        return;
      }
      if (last !== '"' && last !== "'") return;
      let next = end;
      while (text[next] === ' ') next++;
      const after = text[next];
      const clean = after === undefined || ':,]}\r\n'.includes(after) || (after === '#' && next > end);
      if (!clean || text.lastIndexOf('\n', end - 1) >= from) agreed = false;
    },
  };
}

/** The file's value when js-yaml reads it as the positional parser would; undefined when that one must read it. */
export function readYamlFast(text: string): unknown {
  // The plainest files (most workspace files: no quotes, brackets or comments) are read by hand, faster, by a reader
  // that refuses on its own everything the look below is for (yaml-plain.ts).
  const plain = readPlainYaml(text, plainScalar);
  if (plain !== undefined) return plain;
  if (outsideAgreedSet(text)) return undefined;
  try {
    // An empty document is null to the positional parser, nothing (undefined) to js-yaml: it goes to the former.
    // Without quotes or brackets there is nothing to watch (most workspace files): js-yaml runs unobserved.
    if (!/["'[{]/.test(text)) return load(text, { schema: CORE });
    const watch = leniencyWatch(text);
    const value = load(text, { schema: CORE, listener: watch.listener });
    return watch.agreed() ? value : undefined;
  } catch {
    // Any refusal (syntax, duplicate key, nesting too deep) is the positional parser's to word and locate.
    return undefined;
  }
}
