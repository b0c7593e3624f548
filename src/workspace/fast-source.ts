/**
 * A file the fast reader (yaml-fast.ts) read, as a YamlSource: the lines of its top-level keys found in its text,
 * any other line left to the positional parser, which the caller gives (yaml-source.ts). Nothing here loads that
 * parser, so the worker threads of test-pool.ts run without it.
 */
import type { PathSegment, YamlSource } from './yaml-source.js';

/**
 * A top-level key written plainly at the start of exactly one line, with its value on
 * that line, is where the positional parser would place it and its value (what the validator asks of every file:
 * its `id`, the `control` a test belongs to); any other path parses the file again, once.
 */
export function fastSource(file: string, text: string, value: unknown, parsePositional: () => YamlSource): YamlSource {
  let positional: YamlSource | null = null;
  return {
    file,
    value,
    syntaxIssues: [],
    locate(path, options) {
      const line = path.length === 1 ? topLevelKeyLine(text, value, path[0] as PathSegment) : null;
      if (line !== null) return `${file}:${line}`;
      positional ??= parsePositional();
      return positional.locate(path, options);
    },
  };
}

/**
 * Per key: the lines that may start it (`key:`), the value's first character captured when on the same line. Only
 * the first few keys asked are kept (the validator asks the same few of every file; unknown fields are the user's).
 */
const keyLinePatterns = new Map<string, RegExp>();
const KEPT_KEY_PATTERNS = 32;

function topLevelKeyLine(text: string, value: unknown, key: PathSegment): number | null {
  if (typeof key !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(key)) return null;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return null;
  let pattern = keyLinePatterns.get(key);
  if (!pattern) {
    pattern = new RegExp(`^${key}[ ]*:(?:[ ]+([^ \\r\\n#|>]))?`, 'gm');
    if (keyLinePatterns.size < KEPT_KEY_PATTERNS) keyLinePatterns.set(key, pattern);
  }
  const starts = [...text.matchAll(pattern)];
  if (starts.length !== 1 || (starts[0] as RegExpExecArray)[1] === undefined) return null;
  return lineOfOffset(text, (starts[0] as RegExpExecArray).index);
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

