/** Reads a workspace folder from disk (DESIGN §4) and hands it, file by file, to the validator. */
import { readFile as readFileCallback, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Examination } from '../domain/engagement.js';
import { ValidationError } from '../domain/errors.js';
import type { CheckDefinition } from '../monitoring/definition.js';
import { checkedTestIssues, createCheckLoader, standOnChecks, type CheckLoader } from './checks.js';
import { createValidator, plainJudge, sortIssues, type CheckedTestRef } from './validator.js';
import { takeEarlyTestPool } from './early-pool.js';
import { listYamlTree } from './list.js';
import { POOL_FROM_TESTS, startTestPool } from './test-pool.js';
import { parseYaml } from './yaml-source.js';

export interface WorkspaceFile {
  /** The path as shown in messages: the folder as given, joined with the file's place in it. */
  file: string;
  text: string;
}

/** A workspace already in memory. */
export interface WorkspaceFiles {
  assay: WorkspaceFile | null;
  assayFile: string;
  controls: WorkspaceFile[];
  tests: WorkspaceFile[];
}

interface WorkspacePaths {
  assayFile: string;
  controls: string[];
  tests: string[];
  checks: string[];
}

/** A workspace with its monitoring checks (`checks/`); the tests that stand on a check have not run it yet. */
export interface WorkspaceWithChecks {
  examination: Examination;
  checks: CheckDefinition[];
  checkedTests: CheckedTestRef[];
}

/**
 * How many files are read ahead of the one being parsed: enough that parsing never waits for the disk, while the
 * texts held stay a few hundred kilobytes (workspace files are a few kilobytes each).
 */
const READ_AHEAD = 64;

/**
 * The callback `readFile`, promised: one request to the thread pool per file, where the promise API's open, stat,
 * read and close each come back to the main thread, which is busy parsing (they showed in its profile).
 */
const readText = promisify(readFileCallback);

/**
 * Loads and validates a workspace; throws ValidationError with every problem as `file:line: message`.
 * Files are read a few at a time and each parsed document is dropped once judged, so memory stays flat
 * however large the workspace.
 */
export async function loadWorkspace(dir: string, options?: LoadOptions): Promise<Examination> {
  const { examination, checks, checkedTests } = await loadWorkspaceWithChecks(dir, options);
  return (await standOnChecks(examination, checks, checkedTests)).examination;
}

export interface LoadOptions {
  /** From how many test files they are judged in worker threads (test-pool.ts), and in how many. */
  testPool?: { from: number; workers?: number };
}

/** Loads and validates a workspace with its checks, running none of them. */
export async function loadWorkspaceWithChecks(dir: string, options: LoadOptions = {}): Promise<WorkspaceWithChecks> {
  const paths = await listWorkspace(dir);
  // zod loads only to word what the plain judges refuse: a valid workspace never loads it (docs/workspace.md).
  const judge = plainJudge();
  const validator = createValidator(judge);
  const { from = POOL_FROM_TESTS, workers } = options.testPool ?? {};
  // Threads the command line started for these files (early-pool.ts) are taken unless the caller chose its own.
  const early = options.testPool === undefined ? await takeEarlyTestPool(dir, paths.tests) : null;
  // The threads judge the tests while this one reads the controls.
  const pool = early ?? (paths.tests.length >= from ? startTestPool(paths.tests, workers) : null);
  try {
    const assay = await readFile(paths.assayFile, 'utf8').catch(() => null);
    validator.assay(assay === null ? null : parseYaml(paths.assayFile, assay), paths.assayFile);
    if (pool) {
      // Read here one by one: the thread pool's reads would compete with the workers for the cores.
      for (const file of paths.controls) validator.control(parseYaml(file, readFileSync(file, 'utf8')));
      for await (const t of pool) {
        if ('judged' in t) validator.judgedTest(t.judged);
        else validator.test(parseYaml(t.file, t.text));
      }
    } else {
      for await (const f of readAhead(paths.controls)) validator.control(parseYaml(f.file, f.text));
      for await (const f of readAhead(paths.tests)) validator.test(parseYaml(f.file, f.text));
    }
  } finally {
    await pool?.close();
  }
  await judge.settle();
  const { checks, issues } = await loadChecks(dir, paths.checks);
  let examination: Examination | null = null;
  try {
    examination = validator.finish();
    issues.push(...checkedTestIssues(examination, checks, validator.checkedTests));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0 || examination === null) throw new ValidationError(sortIssues(issues), 'The workspace is not valid');
  return { examination, checks, checkedTests: validator.checkedTests };
}

/** The workspace's checks and the problems in their files; none (and nothing loaded) without a check file. */
async function loadChecks(dir: string, files: readonly string[]): Promise<ReturnType<CheckLoader['finish']>> {
  if (files.length === 0) return { checks: [], issues: [] };
  const loader = await createCheckLoader(dir);
  for await (const f of readAhead(files)) loader.file(parseYaml(f.file, f.text));
  return loader.finish();
}

/** Reads a whole workspace into memory (for tools that parse it more than once, like the benchmark). */
export async function readWorkspaceFiles(dir: string): Promise<WorkspaceFiles> {
  const paths = await listWorkspace(dir);
  const read = (file: string) => readFile(file, 'utf8').then((text) => ({ file, text }));
  return {
    assay: await read(paths.assayFile).catch(() => null),
    assayFile: paths.assayFile,
    controls: await Promise.all(paths.controls.map(read)),
    tests: await Promise.all(paths.tests.map(read)),
  };
}

async function listWorkspace(dir: string): Promise<WorkspacePaths> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new ValidationError([{ location: `${dir}:1`, message: 'not a folder: give the path of a workspace folder' }]);
  }
  const [controls, tests, checks] = await Promise.all([listYamlTree(dir, 'controls'), listYamlTree(dir, 'tests'), listYamlTree(dir, 'checks')]);
  return { assayFile: join(dir, 'assay.yaml'), controls, tests, checks };
}

/** The files' texts in order, reading up to READ_AHEAD of them ahead of the consumer. */
async function* readAhead(files: readonly string[]): AsyncGenerator<WorkspaceFile> {
  const pending: Promise<WorkspaceFile>[] = [];
  let next = 0;
  const fill = () => {
    while (pending.length < READ_AHEAD && next < files.length) {
      const file = files[next++] as string;
      pending.push(readText(file, 'utf8').then((text) => ({ file, text })));
    }
  };
  fill();
  while (pending.length > 0) {
    const file = await (pending.shift() as Promise<WorkspaceFile>);
    fill();
    yield file;
  }
}
