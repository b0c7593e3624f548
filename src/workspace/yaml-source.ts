/**
 * One parsed YAML file that remembers where each node stands, so every message can say `file:line`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Issue } from '../domain/index.js';

export type PathSegment = string | number;

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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxIssues: Issue[] = doc.errors.map((e) => ({
    location: `${file}:${lineCounter.linePos(e.pos[0]).line}`,
    message: `malformed YAML: ${firstLine(e.message)}`,
  }));
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  return {
    file,
    value: syntaxIssues.length > 0 ? undefined : doc.toJS(),
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

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
