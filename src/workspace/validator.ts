/**
 * Turns parsed workspace files into the domain's Examination, collecting every problem with its `file:line`.
 * Nothing here touches the disk: load.ts reads, this judges.
 *
 * Each file is judged against its shape by the judge the validator is given (validate.ts: zod's schemas; or the
 * plain judges, zod loaded only to word what they refuse), and the rules that span files (unknown criteria,
 * duplicate ids, tests of unknown controls) run on the raw values too, so one typo does not hide the next problem.
 * This module loads no schema library of its own: zod comes with validate.ts, when a plain judge refuses a file.
 */
import { compensationProblems, criteriaProblems } from '../domain/controls/rules.js';
import { criteriaOfCategories, CATEGORIES, type Category } from '../domain/criteria/catalogue.js';
import { notApplicableProblems } from '../domain/criteria/scope.js';
import { periodProblems } from '../domain/dates.js';
import { DEFAULT_PERVASIVENESS, DEFAULT_SAMPLING, type Control, type ControlTest, type Engagement, type Examination } from '../domain/engagement.js';
import { ValidationError, type Issue } from '../domain/errors.js';
import { unrunCheckedTest } from '../domain/monitoring/examination.js';
import { locateProblems, within } from '../domain/problems.js';
import { inFile, rawMapping, type Raw } from './raw.js';
import type { AssayFile, ControlFile, TestFile } from './schema.js';
import { fastAssayFile, fastControlFile, fastTestFile } from './schema-fast.js';
import { testFileIssues, testOfFile, type CheckedTestRef, type JudgedTest } from './test-file.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

export type { CheckedTestRef } from './test-file.js';

export interface WorkspaceValidator {
  /** assay.yaml, or null when it is missing (`expectedAt` names where it was looked for). */
  assay(source: YamlSource | null, expectedAt: string): void;
  control(source: YamlSource): void;
  /** Tests are judged against the controls, so every control file comes first. */
  test(source: YamlSource): void;
  /** A test file already judged on its own, with nothing wrong in it (test-file.ts). */
  judgedTest(judged: JudgedTest): void;
  /** The Examination, or a ValidationError listing every problem found. */
  finish(): Examination;
  /** The tests that stand on a check, in file order: their tests in the Examination wait for the check to run. */
  readonly checkedTests: CheckedTestRef[];
}

/** How each file's shape is judged: its value as its schema gives it, or null after recording its problems. */
export interface FileJudge {
  assay(source: YamlSource, raw: Raw, issues: Issue[]): AssayFile | null;
  control(source: YamlSource, raw: Raw, issues: Issue[]): ControlFile | null;
  test(source: YamlSource, raw: Raw, issues: Issue[]): TestFile | null;
}

/** The plain judges, wording nothing yet: what `settle` must still word. */
export interface PlainJudge extends FileJudge {
  /** Words the problems of every file refused so far (zod is loaded by then only when there is one). */
  settle(): Promise<void>;
}

/**
 * The plain judges of schema-fast.ts, which accept exactly what the schemas accept: a valid workspace never loads
 * zod. The first file they refuse starts loading it; that file's problems, and those of any refused before zod is
 * there, are worded once it is (at the next refused file or at `settle`), each put where it would have been had zod
 * judged the file at once, so the list is the schemas' own, in the same order. Only the files refused while zod
 * loads are held, not every broken file of a large workspace.
 */
export function plainJudge(): PlainJudge {
  const refused: { kind: keyof FileJudge; source: YamlSource; raw: Raw; issues: Issue[]; at: number }[] = [];
  let schemas: FileJudge | undefined;
  let loading: Promise<void> | undefined;
  const word = (by: FileJudge) => {
    // The last first, so that each place taken is still where it was when its file was judged.
    for (const { kind, source, raw, issues, at } of refused.reverse()) {
      const found: Issue[] = [];
      by[kind](source, raw, found);
      issues.splice(at, 0, ...found);
    }
    refused.length = 0;
  };
  const judge =
    <T,>(kind: keyof FileJudge, fast: (raw: Raw) => T | undefined) =>
    (source: YamlSource, raw: Raw, issues: Issue[]): T | null => {
      const file = fast(raw);
      if (file !== undefined) return file;
      if (schemas) {
        word(schemas);
        return schemas[kind](source, raw, issues) as T | null;
      }
      refused.push({ kind, source, raw, issues, at: issues.length });
      loading ??= import('./validate.js').then((m) => {
        schemas = m.schemaJudge;
      });
      return null;
    };
  return {
    assay: judge('assay', fastAssayFile),
    control: judge('control', fastControlFile),
    test: judge('test', fastTestFile),
    async settle() {
      if (loading === undefined) return;
      await loading;
      if (schemas) word(schemas);
    },
  };
}

/**
 * Judges a workspace one file at a time, keeping only what later files are checked against (ids and the
 * lines they stand on), so a large workspace never holds every parsed document at once.
 */
export function createValidator(judge: FileJudge): WorkspaceValidator {
  const issues: Issue[] = [];
  const at = (source: YamlSource, path: PathSegment[], message: string, key = false) =>
    issues.push({ location: source.locate(path, { key }), message });

  let engagement: Engagement | null = null;
  const controls: Control[] = [];
  const tests: ControlTest[] = [];
  /** Where each control id is defined, and the links it makes to other controls. */
  const controlAt = new Map<string, string>();
  const compensations: { control: string | undefined; targets: (string | undefined)[]; lineOf: (index: number) => string }[] = [];
  const testAt = new Map<string, string>();
  const checkedTests: CheckedTestRef[] = [];
  let compensationsChecked = false;

  const checkCompensations = () => {
    if (compensationsChecked) return;
    compensationsChecked = true;
    for (const { control, targets, lineOf } of compensations) {
      const problems = compensationProblems(control, targets, (id) => (controlAt.has(id) ? 'in use' : undefined));
      issues.push(...locateProblems(problems, (path) => lineOf(path[1] as number)));
    }
    compensations.length = 0;
  };

  /** One test per known control: `location` is where the test's `control:` stands. */
  const claimTest = (control: string, location: string) => {
    const first = testAt.get(control);
    if (!controlAt.has(control)) issues.push({ location, message: `test of an unknown control "${control}"` });
    else if (first) issues.push({ location, message: `a second test of control "${control}" (the first is ${first})` });
    else testAt.set(control, location);
  };
  const addTest = (test: ControlTest | CheckedTestRef) => {
    if ('check' in test) {
      checkedTests.push(test);
      tests.push(unrunCheckedTest(test.control, test.check));
    } else tests.push(test);
  };

  return {
    assay(source, expectedAt) {
      if (!source) {
        issues.push({ location: `${expectedAt}:1`, message: 'file not found: every workspace needs an assay.yaml' });
        return;
      }
      const raw = rawMapping(source, issues);
      if (!raw) return;
      checkAssay(source, raw, at, issues);
      const file = judge.assay(source, raw, issues);
      if (file) engagement = toEngagement(file);
    },

    control(source) {
      const raw = rawMapping(source, issues);
      if (!raw) return;
      claimId(controlAt, source, raw, 'control', issues);
      issues.push(...inFile(source, criteriaProblems(textsOf(raw.criteria))));
      // Links may point at controls in files read later: checked once all ids are known (at the first test). Only
      // a file with links is kept until then, and located only if a link is wrong.
      const targets = textsOf(raw.compensates);
      if (targets.length > 0) {
        compensations.push({
          control: typeof raw.id === 'string' ? raw.id : undefined,
          targets,
          lineOf: (index) => source.locate(['compensates', index]),
        });
      }
      const file = judge.control(source, raw, issues);
      if (file) {
        controls.push({
          ...file,
          criteria: [...new Set(file.criteria)],
          compensates: [...new Set(file.compensates)],
          owner: file.owner ?? null,
        });
      }
    },

    test(source) {
      checkCompensations();
      const raw = rawMapping(source, issues);
      if (!raw) return;
      if (typeof raw.control === 'string') claimTest(raw.control, source.locate(['control']));
      issues.push(...testFileIssues(source, raw));
      const file = judge.test(source, raw, issues);
      if (file) addTest(testOfFile(source, file));
    },

    judgedTest(judged) {
      checkCompensations();
      claimTest(judged.control, judged.controlAt);
      addTest(judged.test);
    },

    finish() {
      checkCompensations();
      if (issues.length > 0 || !engagement) throw new ValidationError(sortIssues(issues), 'The workspace is not valid');
      return { engagement, controls, tests };
    },

    checkedTests,
  };
}

export type At = (source: YamlSource, path: PathSegment[], message: string, key?: boolean) => void;

/**
 * Keeps where the file's `id` is defined (`file:line`), or reports it when another file defined it first;
 * false for a duplicate. Judged on the raw id, so a duplicate is named even in a file with other problems.
 */
export function claimId(definedAt: Map<string, string>, source: YamlSource, raw: unknown, what: string, issues: Issue[]): boolean {
  const id = (raw as { id?: unknown } | null | undefined)?.id;
  if (typeof id !== 'string') return true;
  const first = definedAt.get(id);
  if (first) {
    issues.push({ location: source.locate(['id']), message: `duplicate ${what} id "${id}" (also in ${first})` });
    return false;
  }
  definedAt.set(id, source.locate(['id']));
  return true;
}

function checkAssay(source: YamlSource, raw: Raw, at: At, issues: Issue[]): void {
  const report = (raw.report ?? {}) as Raw;
  if (report.type === 'type2' && report.periodStart === undefined) {
    at(source, ['report'], 'a type2 report needs report.periodStart (the start of the period)', true);
  }
  issues.push(...inFile(source, within(['report'], periodProblems(rawPeriod(report)))));
  const chosen = strings(report.categories ?? ['security'])
    .map(([c]) => c)
    .filter((c): c is Category => (CATEGORIES as readonly string[]).includes(c));
  const inScope = new Set(criteriaOfCategories(chosen).map((c) => c.id));
  const notApplicable = raw.notApplicable;
  if (notApplicable && typeof notApplicable === 'object' && !Array.isArray(notApplicable)) {
    const criteria = Object.keys(notApplicable);
    const problems = notApplicableProblems(criteria, inScope);
    issues.push(...locateProblems(problems, ([i]) => source.locate(['notApplicable', criteria[i as number] as string], { key: true })));
  }
}

function toEngagement(file: AssayFile): Engagement {
  const { report } = file;
  const categories = [...new Set<Category>(['security', ...report.categories])];
  return {
    organization: file.organization,
    system: file.system,
    reportType: report.type,
    periodStart: report.type === 'type2' ? (report.periodStart ?? null) : null,
    periodEnd: report.periodEnd,
    categories,
    notApplicable: Object.entries(file.notApplicable ?? {}).map(([criterion, reason]) => ({ criterion, reason })),
    sampling: { ...DEFAULT_SAMPLING, ...definedOnly(file.sampling ?? {}) },
    pervasiveness: { ...DEFAULT_PERVASIVENESS, ...definedOnly(file.opinion?.pervasive ?? {}) },
    misstatements: file.description?.misstatements ?? [],
  };
}

/** A raw period's dates as the period rule reads them: text, or undefined for the schema to report. */
export function rawPeriod(raw: Raw): { periodStart: string | undefined; periodEnd: string | undefined } {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { periodStart: text(raw.periodStart), periodEnd: text(raw.periodEnd) };
}

/** A raw list's entries in place, each string kept and anything else undefined (the schema's to report). */
export function textsOf(value: unknown): (string | undefined)[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : undefined)) : [];
}

/** The string entries of a raw list with their positions; anything else is the schema's to report. */
export function strings(value: unknown): [string, number][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, i): [string, number][] => (typeof v === 'string' ? [[v, i]] : []));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function sortIssues(issues: Issue[]): Issue[] {
  const split = (location: string) => {
    const colon = location.lastIndexOf(':');
    return { file: location.slice(0, colon), line: Number(location.slice(colon + 1)) };
  };
  return [...issues].sort((a, b) => {
    const x = split(a.location);
    const y = split(b.location);
    return x.file === y.file ? x.line - y.line : x.file < y.file ? -1 : 1;
  });
}
