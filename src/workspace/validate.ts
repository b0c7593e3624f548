/**
 * The workspace's files judged by zod's schemas (schema.ts), each problem located at its node: the validator of
 * commands that load zod anyway, and the wording of whatever the plain judges (validator.ts) refuse.
 */
import type { z } from 'zod';
import type { Examination } from '../domain/engagement.js';
import type { Issue } from '../domain/errors.js';
import type { WorkspaceFiles } from './load.js';
import type { Raw } from './raw.js';
import { assayFileSchema, controlFileSchema, testFileSchema } from './schema.js';
import { fastAssayFile, fastControlFile, fastTestFile } from './schema-fast.js';
import { createValidator, type FileJudge, type WorkspaceValidator } from './validator.js';
import { parseYaml, type PathSegment, type YamlSource } from './yaml-source.js';

export { inFile, rawMapping, rawTest } from './raw.js';
export { claimId, rawPeriod, sortIssues, strings, textsOf, type At, type CheckedTestRef, type WorkspaceValidator } from './validator.js';

/** The plain judge first, as it is the faster; zod for a file it refuses, to word the problems. */
export const schemaJudge: FileJudge = {
  assay: (source, raw, issues) => fastAssayFile(raw) ?? check(source, raw, assayFileSchema, issues),
  control: (source, raw, issues) => fastControlFile(raw) ?? check(source, raw, controlFileSchema, issues),
  test: (source, raw, issues) => fastTestFile(raw) ?? check(source, raw, testFileSchema, issues),
};

/** A validator that words every problem as the files come (validator.ts). */
export function createWorkspaceValidator(): WorkspaceValidator {
  return createValidator(schemaJudge);
}

/** Validates a workspace held in memory (tests that stand on a check are left not tested: no check runs here). */
export function parseWorkspace(files: WorkspaceFiles): Examination {
  const validator = createWorkspaceValidator();
  validator.assay(files.assay && parseYaml(files.assay.file, files.assay.text), files.assayFile);
  for (const f of files.controls) validator.control(parseYaml(f.file, f.text));
  for (const f of files.tests) validator.test(parseYaml(f.file, f.text));
  return validator.finish();
}

/** Validates one file against its schema; every issue is located at its node. */
export function check<T extends z.ZodType>(source: YamlSource, raw: Raw, schema: T, issues: Issue[]): z.output<T> | null {
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ location: source.locate([...path, key], { key: true }), message: `unknown field "${fieldName([...path, key])}"` });
      }
    } else {
      issues.push({ location: source.locate(path), message: `${fieldName(path)}: ${describe(issue)}` });
    }
  }
  return null;
}

type ZodIssue = z.ZodError['issues'][number];

function describe(issue: ZodIssue): string {
  if ('input' in issue && issue.input === undefined) return 'is required';
  const got = 'input' in issue ? ` (got ${JSON.stringify(issue.input)})` : '';
  switch (issue.code) {
    case 'invalid_type':
      return `must be a ${issue.expected}${got}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}${got}`;
    default:
      return `${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}${got}`;
  }
}

function fieldName(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

