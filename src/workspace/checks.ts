/**
 * The checks of a workspace (`checks/*.yaml`) beside its controls and tests: loaded with the workspace, judged
 * against it (unique ids, known controls, tests that name a known check), and run as of the period end for the
 * tests that stand on them (DESIGN §8).
 */
import type { Engagement, Examination } from '../domain/engagement.js';
import type { Issue } from '../domain/errors.js';
import { startOfDay } from '../domain/monitoring/days.js';
import { checkedTest, type CheckedTestRun } from '../domain/monitoring/examination.js';
import type { CheckDates } from '../domain/monitoring/model.js';
import { claimId, type CheckedTestRef } from './validator.js';
import { parseYaml, type YamlSource } from './yaml-source.js';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { listYamlTree } from './list.js';
import type { CheckDefinition } from '../monitoring/definition.js';

/** A check file as the workspace holds it: kept as written, so an import and an export give back the same file. */
export interface WorkspaceCheckFile {
  /** Its path under `checks/`, with `/` separators. */
  fileName: string;
  checkId: string;
  title: string;
  definition: string;
}

/** The texts of the workspace's check files (validated by loading the workspace first), in file order. */
export async function readCheckFiles(dir: string): Promise<WorkspaceCheckFile[]> {
  const root = join(dir, 'checks');
  return Promise.all(
    (await listYamlTree(dir, 'checks')).map(async (path) => {
      const definition = await readFile(path, 'utf8');
      const value = parseYaml(path, definition).value as { id?: unknown; title?: unknown } | null;
      return { fileName: relative(root, path).split(sep).join('/'), checkId: String(value?.id ?? ''), title: String(value?.title ?? ''), definition };
    }),
  );
}

export interface CheckLoader {
  file(source: YamlSource): void;
  /** The checks, and every problem found in their files. */
  finish(): { checks: CheckDefinition[]; issues: Issue[] };
}

/**
 * The check reader (CEL, evidence formats) loads with the first workspace that has checks: most workspaces have
 * none, and `assay examine` should not pay for loading it.
 */
export async function createCheckLoader(workspace: string): Promise<CheckLoader> {
  const { readCheckFile } = await import('./check-file.js');
  const checks: CheckDefinition[] = [];
  const issues: Issue[] = [];
  const idAt = new Map<string, string>();
  return {
    file(source) {
      if (!claimId(idAt, source, source.value, 'check', issues)) return;
      const check = readCheckFile(workspace, source, issues);
      if (check) checks.push(check);
    },
    finish: () => ({ checks, issues }),
  };
}

/** Checks and tests against each other: each test names a known check that tests its control. */
export function checkedTestIssues(examination: Examination, checks: readonly CheckDefinition[], checkedTests: readonly CheckedTestRef[]): Issue[] {
  const issues: Issue[] = [];
  const controls = new Set(examination.controls.map((c) => c.id));
  for (const check of checks) {
    for (const control of check.controls) {
      if (!controls.has(control)) issues.push({ location: check.location, message: `check ${check.id} names an unknown control "${control}"` });
    }
  }
  const byId = new Map(checks.map((c) => [c.id, c]));
  for (const ref of checkedTests) {
    const check = byId.get(ref.check);
    if (!check) issues.push({ location: ref.location, message: `no check "${ref.check}" in checks/ (checks: ${[...byId.keys()].join(', ') || 'none'})` });
    else if (check.controls.length > 0 && !check.controls.includes(ref.control)) {
      issues.push({ location: ref.location, message: `check ${check.id} tests ${check.controls.join(', ')}, not ${ref.control}` });
    }
  }
  return issues;
}

/** The dates a check runs against for an engagement, as of a date. */
export function checkDates(engagement: Engagement, asOf: string): CheckDates {
  return {
    asOf: startOfDay(asOf),
    periodStart: engagement.periodStart === null ? null : startOfDay(engagement.periodStart),
    periodEnd: startOfDay(engagement.periodEnd),
  };
}

/**
 * Runs, as of the period end, each check a test stands on, and puts its outcome in place of the test: the
 * examination then concludes on the check's whole population. Each check runs once however many tests name it.
 */
export async function standOnChecks(
  examination: Examination,
  checks: readonly CheckDefinition[],
  checkedTests: readonly CheckedTestRef[],
): Promise<{ examination: Examination; runs: CheckedTestRun[] }> {
  if (checkedTests.length === 0) return { examination, runs: [] };
  const asOf = examination.engagement.periodEnd;
  const needed = checks.filter((c) => checkedTests.some((t) => t.check === c.id));
  const { runChecks } = await import('../monitoring/run.js');
  const outcomes = await runChecks(needed, { dates: checkDates(examination.engagement, asOf), keepItems: true });
  const byId = new Map(outcomes.map((o) => [o.result.id, o]));
  const runs: CheckedTestRun[] = [];
  const tests = new Map(
    checkedTests.map((ref) => {
      const outcome = byId.get(ref.check);
      if (!outcome) throw new Error(`check ${ref.check} was not run`);
      const run = { control: ref.control, asOf, result: outcome.result };
      runs.push(run);
      return [ref.control, checkedTest(ref.control, run, outcome.items)];
    }),
  );
  return { examination: { ...examination, tests: examination.tests.map((t) => tests.get(t.control) ?? t) }, runs };
}
