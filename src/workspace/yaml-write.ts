/** What the workspace writers share: YAML nodes in a fixed key order, one-line samples, safe file names. */
import { Scalar, type Document, type Node } from 'yaml';
import { UniqueNames, type Sample } from '../domain/index.js';

/** Where long plain text is folded onto the next line (it reads back the same). */
export const LINE_WIDTH = 120;

/** The longest file name written (most file systems allow 255 bytes). */
const MAX_NAME = 100;

export type Fields = [string, unknown][];

/** A mapping in the given key order (values may be nodes already). */
export function map(doc: Document, fields: Fields): Node & { flow?: boolean } {
  return doc.createNode(Object.fromEntries(fields)) as Node & { flow?: boolean };
}

export function flow(doc: Document, values: readonly unknown[]): Node {
  const node = doc.createNode(values) as Node & { flow?: boolean };
  node.flow = true;
  return node;
}

/** `[key, value]` when the value is there, nothing when it is null: optional fields are left out. */
export function optional(key: string, value: unknown): Fields {
  return value === null || value === undefined ? [] : [[key, value]];
}

/** Samples one a line while they fit (`- {item: T-1, result: pass}`); a long note reads better as a block. */
export function samplesNode(doc: Document, samples: readonly Sample[]): Node {
  return doc.createNode(
    samples.map((s) => {
      const sample = map(doc, [['item', s.item], ['result', s.result], ...optional('note', s.note)]);
      sample.flow = s.item.length + (s.note?.length ?? 0) + 40 <= LINE_WIDTH && !/[\r\n]/.test(s.note ?? '');
      return sample;
    }),
  );
}

/** People's paragraphs as a block (folded, or literal when they hold line breaks), never a quoted run-on string. */
export function prose(text: string): Scalar {
  const node = new Scalar(text);
  node.type = /\n/.test(text) ? Scalar.BLOCK_LITERAL : Scalar.BLOCK_FOLDED;
  return node;
}

export function yamlText(doc: Document): string {
  // Plain scalars stay plain, and anything that would read back as another type ("007", "true", "1e3") is quoted.
  return doc.toString({ lineWidth: LINE_WIDTH, flowCollectionPadding: false });
}

/** File names from ids: lower case, safe characters only, unique (case-insensitively) within a folder. */
export class FileNames {
  private readonly names = new UniqueNames();

  take(id: string): string {
    const base =
      id
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, MAX_NAME) || 'file';
    return this.names.take(base);
  }
}
