/**
 * The plainest block YAML read by hand, several times faster than js-yaml on the files most workspaces are made of: a
 * mapping of plain keys to plain scalars, and below a key a block sequence or mapping of the same, indented by spaces.
 * Anything else (quotes, brackets, comments, block scalars, a scalar over several lines, a key that is not a plain
 * word, a key twice, a sequence at its key's indentation, a character outside printable text) is not read here:
 * the caller reads it as before (yaml-fast.ts). Plain scalars are given to `scalar`, the core schema's reading, so a
 * value is the one both parsers give; yaml-fast.test.ts holds the readings together.
 */

/** A key read here: a plain word that no core type reads as anything but text. */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/**
 * A plain scalar read here, its spaces at either end already cut: no indicator first, printable characters only (no
 * line or paragraph separator, no byte order mark), no comment, no `: ` and no `:` at the end.
 */
const PLAIN = /^(?![-?:,[\]{}#&*!|>'"%@`])[\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]*$/;

/** Thrown where the text leaves what is read here; caught below, never seen by the caller. */
const NOT_PLAIN = new Error('not plain YAML');

/** The text's value, or undefined when it is not the plainest YAML (or holds no document). */
export function readPlainYaml(text: string, scalar: (source: string) => unknown): unknown {
  // The line being read: where it starts and ends (its line feed), how far it is indented; none past the text's end.
  let start = 0;
  let end = 0;
  let indent = 0;
  let done = false;
  /** Moves to the first line from `from` with more than spaces on it. */
  const seek = (from: number) => {
    for (start = from; start < text.length; start = end + 1) {
      end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      let at = start;
      while (at < end && text.charCodeAt(at) === 0x20) at++;
      if (at < end) {
        indent = at - start;
        return;
      }
    }
    done = true;
  };
  /** The plain scalar between `from` and `to`, its spaces at either end cut. */
  const value = (from: number, to: number): unknown => {
    while (from < to && text.charCodeAt(from) === 0x20) from++;
    while (to > from && text.charCodeAt(to - 1) === 0x20) to--;
    const source = text.slice(from, to);
    if (!PLAIN.test(source) || source.includes(': ') || source.includes('#') || source.endsWith(':')) throw NOT_PLAIN;
    return scalar(source);
  };
  const spacesOnly = (from: number, to: number) => {
    while (from < to && text.charCodeAt(from) === 0x20) from++;
    return from === to;
  };

  /** The block mapping whose keys stand at column `column`, the first on this line (after a sequence's `- `, maybe). */
  function mapping(column: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      const keyAt = start + column;
      const colon = text.indexOf(':', keyAt);
      if (colon < 0 || colon >= end) throw NOT_PLAIN;
      const key = text.slice(keyAt, colon);
      if (!KEY.test(key) || key === '__proto__' || scalar(key) !== key || Object.hasOwn(out, key)) throw NOT_PLAIN;
      if (spacesOnly(colon + 1, end)) {
        seek(end + 1);
        out[key] = below(column);
      } else if (text.charCodeAt(colon + 1) !== 0x20) throw NOT_PLAIN;
      else {
        out[key] = value(colon + 1, end);
        seek(end + 1);
      }
      // A line indented deeper is refused where its key or its dash is looked for.
      if (done || indent < column) return out;
    }
  }

  /** What a key with nothing after it on its line holds: the block indented below it, or null. */
  function below(column: number): unknown {
    if (done) return null;
    const dash = text.charCodeAt(start + indent) === 0x2d;
    // Anything at the key's own indentation or less is not below it (a sequence there is refused as a key).
    return indent > column ? (dash ? sequence(indent) : mapping(indent)) : null;
  }

  /** The block sequence whose dashes stand at column `column`, the first on this line. */
  function sequence(column: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const entry = start + column + 2;
      if (text.charCodeAt(entry - 2) !== 0x2d || text.charCodeAt(entry - 1) !== 0x20 || entry >= end || text.charCodeAt(entry) === 0x20) throw NOT_PLAIN;
      const colon = text.indexOf(':', entry);
      if (colon > entry && colon < end && (colon === end - 1 || text.charCodeAt(colon + 1) === 0x20) && KEY.test(text.slice(entry, colon))) {
        out.push(mapping(column + 2));
      } else {
        out.push(value(entry, end));
        seek(end + 1);
      }
      // A line indented deeper is refused where its key or its dash is looked for.
      if (done || indent < column) return out;
    }
  }

  seek(0);
  if (done || indent !== 0) return undefined;
  try {
    return mapping(0);
  } catch {
    // NOT_PLAIN, or nesting deeper than the stack: either way the caller's readers decide.
    return undefined;
  }
}
