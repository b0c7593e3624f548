/**
 * One parsed YAML file that knows where each node stands, so every message can say `file:line`. The fast reader
 * (yaml-fast.ts) gives the value of most files; the positional parser reads the rest, and reads a fast-read file
 * again only when a message needs a line the text alone does not give.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Issue } from '../domain/errors.js';
import { fastSource } from './fast-source.js';
import { readYamlFast } from './yaml-fast.js';

export type PathSegment = string | number;

/**
 * How many copies of anchored values a file's aliases may expand to. Nested anchors multiply ("billion laughs":
 * a few lines that expand to gigabytes), so the parser counts and stops at this; a workspace file repeats a
 * value far less often.
 */
export const MAX_ALIAS_EXPANSION = 100;

export interface YamlSource {
  /** The file as the user named it (relative to where they ran the command). */
  file: string;
  /** The plain JavaScript value, or undefined when the YAML is malformed. */
  value: unknown;
  /** Syntax errors, already located. */
  syntaxIssues: Issue[];
  /** `file:line` of the node at a path: the deepest node that exists along it. */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): string;
}

export function parseYaml(file: string, text: string): YamlSource {
  const value = readYamlFast(text);
  return value === undefined ? parsePositional(file, text) : fastSource(file, text, value, () => parsePositional(file, text));
}

function parsePositional(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  const syntaxIssues: Issue[] = doc.errors.map((e) => ({
    location: `${file}:${lineOf(e.pos[0])}`,
    message: `malformed YAML: ${firstLine(e.message)}`,
  }));
  let value: unknown;
  if (syntaxIssues.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
    } catch (error) {
      // Only aliases make building the value fail once the document parsed: name the line of the first.
      if (!(error instanceof ReferenceError)) throw error;
      syntaxIssues.push({ location: `${file}:${lineOf(firstAliasOffset(doc))}`, message: `malformed YAML: ${aliasProblem(error)}` });
    }
  }
  return {
    file,
    value,
    syntaxIssues,
    locate(path, options = {}) {
      const offset = offsetAt(doc, path, options.key ?? false);
      return `${file}:${offset === null ? 1 : lineOf(offset)}`;
    },
  };
}

function offsetAt(doc: Document, path: readonly PathSegment[], key: boolean): number | null {
  let node: Node | null = (doc.contents as Node | null) ?? null;
  let offset = node?.range?.[0] ?? null;
  for (let i = 0; i < path.length && node; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return offset;
      const keyNode = pair.key as Node;
      if (last && key) return keyNode.range?.[0] ?? offset;
      node = (pair.value as Node | null) ?? null;
      // A key with no value (`owner:`) has no range of its own: point at the key.
      offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function aliasProblem(error: ReferenceError): string {
  return /excessive alias count/i.test(error.message)
    ? `its aliases (*name) expand to more than ${MAX_ALIAS_EXPANSION} copies of anchored values (an "alias bomb"): write the values out instead`
    : firstLine(error.message);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
