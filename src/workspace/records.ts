/**
 * A workspace folder of records, one a file, each known by its `code` (`risks/`, `vendors/`): every file is judged
 * against its schema and the examination, a code used twice is named at both files, and nothing is returned unless
 * all of it is valid. A missing folder holds none.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { ValidationError, type Examination, type Issue } from '../domain/index.js';
import { listYamlTree } from './list.js';
import { check, rawMapping, sortIssues } from './validate.js';
import { parseYaml, type PathSegment, type YamlSource } from './yaml-source.js';

export interface RecordFolder<T extends z.ZodType, R> {
  folder: string;
  /** The record's name in messages ("risk", "vendor"). */
  what: string;
  schema: T;
  /** The rules that span the file and the examination (its control ids given), reported through `issues`; the record as stored. */
  judge(source: YamlSource, parsed: z.output<T>, issues: Issue[], controls: ReadonlySet<string>): R;
}

export async function loadRecords<T extends z.ZodType, R>(dir: string, examination: Examination, part: RecordFolder<T, R>): Promise<R[]> {
  const controls = new Set(examination.controls.map((c) => c.id));
  const files = await listYamlTree(dir, part.folder);
  const issues: Issue[] = [];
  const records: R[] = [];
  const codeAt = new Map<string, string>();
  for (const file of files) {
    const source = parseYaml(file, await readFile(file, 'utf8'));
    const raw = rawMapping(source, issues);
    if (!raw) continue;
    if (typeof raw.code === 'string') {
      const first = codeAt.get(raw.code);
      if (first) issues.push({ location: source.locate(['code']), message: `duplicate ${part.what} code "${raw.code}" (also in ${first})` });
      else codeAt.set(raw.code, source.locate(['code']));
    }
    const parsed = check(source, raw, part.schema, issues);
    if (parsed !== null) records.push(part.judge(source, parsed, issues, controls));
  }
  if (issues.length > 0) throw new ValidationError(sortIssues(issues), `The ${part.folder} folder is not valid`);
  return records;
}

/** Each id that is not `known`, at its place in the file (`at(i)` is the path of the i-th id; null links nothing). */
export function refuseUnknown(source: YamlSource, ids: readonly (string | null)[], at: (i: number) => PathSegment[], known: (id: string) => boolean, what: string, issues: Issue[]): void {
  ids.forEach((id, i) => {
    if (id !== null && !known(id)) issues.push({ location: source.locate(at(i)), message: `unknown ${what} "${id}"` });
  });
}
