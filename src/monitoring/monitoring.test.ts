import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError, type CheckResult } from '../domain/index.js';
import { IAM_HEADER } from '../evidence/testing.js';
import { loadWorkspaceWithChecks } from '../workspace/load.js';
import { VALID_ASSAY, VALID_CONTROL, writeWorkspace } from '../workspace/testing.js';
import { runChecks, type RunOptions } from './run.js';
import { checkDates } from '../workspace/checks.js';

const HR = `employee_id,work_email,termination_date
E1,Ada@acme.example ,2026-02-01
E2,bo@acme.example,2026-03-01
E3,,2026-03-02
E4,cy@acme.example,
`;
const OKTA = JSON.stringify([
  { id: 'u1', status: 'ACTIVE', profile: { login: 'ada@acme.example', email: 'ada@acme.example' } },
  { id: 'u2', status: 'DEPROVISIONED', profile: { login: 'ADA@acme.example', email: null } },
  { id: 'u3', status: 'DEPROVISIONED', profile: { login: 'bo@acme.example', email: 'bo@acme.example' } },
]);

/** A workspace with the given check files and exports; the check files' text is YAML. */
async function workspace(files: Record<string, string>): Promise<string> {
  return writeWorkspace({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL, 'evidence/hr.csv': HR, 'evidence/okta.json': OKTA, ...files });
}

async function run(dir: string, asOf = '2026-06-30', options: Partial<RunOptions> = {}): Promise<CheckResult[]> {
  const { examination, checks } = await loadWorkspaceWithChecks(dir);
  return (await runChecks(checks, { dates: checkDates(examination.engagement, asOf), ...options })).map((r) => r.result);
}

/** Every problem a load or run refuses with, as the command line prints them. */
async function refusal(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => `${i.location}: ${i.message}`);
}

const LEAVERS = `id: MON-LEAVERS
title: Leavers' accounts are off
sources:
  hr: { file: evidence/hr.csv, format: hr-csv }
  idp: { file: evidence/okta.json, format: okta-users }
population: hr
item: row.employee_id
where: row.termination_date != null && row.termination_date <= asOf
lookup:
  account: { source: idp, key: row.profile.login, equals: row.work_email }
assert: account == null || account.status == params.off
params: { off: DEPROVISIONED }
`;

describe('CEL checks', () => {
  it('bind each lookup to the first row in file order whose key matches, trimmed and lower-cased, or null', async () => {
    const dir = await workspace({ 'checks/leavers.yaml': LEAVERS });
    expect(await run(dir)).toEqual([
      {
        id: 'MON-LEAVERS',
        title: "Leavers' accounts are off",
        controls: [],
        status: 'fail',
        population: 3,
        failures: 1,
        failing: [{ item: 'E1', reason: 'assert is false: account == null || account.status == params.off' }],
      },
    ]);
    // As of an earlier date fewer employees have left.
    expect((await run(dir, '2026-02-15'))[0]).toMatchObject({ status: 'fail', population: 1 });
    expect((await run(dir, '2026-01-15'))[0]).toMatchObject({ status: 'empty', population: 0, failures: 0, failing: [] });
  });

  it('see the same lookup row whether the index keeps the fields read or the whole row', async () => {
    const check = (assert: string) => LEAVERS.replace(/^assert: .*$/m, `assert: ${JSON.stringify(assert)}`);
    const outcomes = async (assert: string) => (await run(await workspace({ 'checks/c.yaml': check(assert) })))[0]?.failing.map((f) => f.item);
    // Read field by field: the index keeps status and id only; used whole: it keeps every field.
    expect(await outcomes('account == null || (account.status == "DEPROVISIONED" && has(account.id) && !has(account.lastLogin))')).toEqual(['E1']);
    expect(await outcomes('account == null || (account.status == "DEPROVISIONED" && size(account) == 3)')).toEqual(['E1']);
  });

  it('read periodStart, periodEnd and whole numbers as CEL ints', async () => {
    const dir = await workspace({
      'evidence/rows.json': JSON.stringify([{ n: 42, on: '2026-01-01' }, { n: 7.5, on: '2026-07-01' }]),
      'checks/c.yaml': `id: MON-X
title: numbers and dates
sources:
  rows: { file: evidence/rows.json, format: json, types: { on: date } }
population: rows
item: string(row.n)
assert: (row.n == 42 || row.n == 7.5) && row.on >= periodStart && row.on <= periodEnd
`,
    });
    expect((await run(dir))[0]).toMatchObject({ status: 'fail', population: 2, failing: [{ item: '7.5' }] });
  });

  it('make the whole check an error, naming the file, the row and the message, when a row cannot be evaluated', async () => {
    const dir = await workspace({ 'checks/c.yaml': LEAVERS.replace('assert: account == null || account.status == params.off', 'assert: row.department == "x"') });
    expect((await run(dir))[0]).toEqual({
      id: 'MON-LEAVERS',
      title: "Leavers' accounts are off",
      controls: [],
      status: 'error',
      population: 0,
      failures: 0,
      failing: [],
      error: 'evidence/hr.csv: row 1: assert: No such key: department',
    });
    const notAString = await workspace({ 'checks/c.yaml': LEAVERS.replace('item: row.employee_id', 'item: row.termination_date') });
    expect((await run(notAString))[0]?.error).toBe('evidence/hr.csv: row 1: item gave a timestamp, not a string');
  });

  it('stop a check at the first row cel-js evaluates for longer than the time limit', async () => {
    const celJs = await workspace({ 'checks/leavers.yaml': LEAVERS.replace('account.status == params.off', 'account.status.startsWith(params.off)') });
    expect((await run(celJs, '2026-06-30', { rowMilliseconds: 0 }))[0]?.error).toMatch(/^evidence\/hr\.csv: row 1: evaluation took [\d.]+ ms, over the limit of 0 ms per row$/);
    // What the direct evaluation decides takes a step per node of the expression: it is not timed.
    const direct = await workspace({ 'checks/leavers.yaml': LEAVERS });
    expect((await run(direct, '2026-06-30', { rowMilliseconds: 0 }))[0]).toMatchObject({ status: 'fail', population: 3 });
  });

  it('refuse an item or key longer than the size limit', async () => {
    const dir = await workspace({ 'checks/c.yaml': LEAVERS.replace('item: row.employee_id', 'item: row.employee_id + "' + 'x'.repeat(1100) + '"') });
    expect((await run(dir))[0]?.error).toBe('evidence/hr.csv: row 1: item is 1102 characters long; the limit is 1024');
  });
});

describe('hostile CEL', () => {
  const withAssert = (assert: string) => workspace({ 'checks/c.yaml': LEAVERS.replace(/^assert: .*$/m, `assert: ${JSON.stringify(assert)}`) });

  it('is refused at load with file:line: deep nesting, huge expressions, nested loops, binding, regular expressions, big literals', async () => {
    const cases: [string, RegExp][] = [
      [`${'('.repeat(200)}true${')'.repeat(200)}`, /assert: CEL does not compile: Exceeded maxDepth \(24\)/],
      [`${'!'.repeat(100_000)}true`, /assert: the expression is 100004 characters long; the limit is 2000/],
      [`true${'&&true'.repeat(250)}`, /assert: CEL does not compile: Exceeded maxAstNodes \(400\)/],
      ['[1,2,3].all(a, [1,2,3].all(b, [1,2,3].exists(c, a + b + c > 0)))', /assert: all\(\) inside another list macro is not available in checks/],
      ['[[1]].map(x, x).exists(y, true)', /assert: map\(\) inside another list macro is not available in checks/],
      ['cel.bind(s, "ab", cel.bind(t, s + s, size(t) > 0))', /assert: cel\.bind\(\) is not available in checks/],
      ['"aaaaaaaaaaaaaaaaaaaaaaaa!".matches("(a+)+$")', /assert: matches\(\) is not available in checks/],
      [`[${Array.from({ length: 101 }, (_, i) => i).join(',')}].size() > 0`, /assert: CEL does not compile: Exceeded maxListElements \(100\)/],
      ['row.employee_id +', /assert: CEL does not compile: Unexpected token: EOF/],
      ['row.employee_id + 1 == 2 && "a" - 1', /assert: CEL does not type-check: /],
      ['"a" + "b"', /assert: the expression gives string where a bool is needed/],
    ];
    for (const [assert, message] of cases) {
      const problems = await refusal(loadWorkspaceWithChecks(await withAssert(assert)));
      expect(problems, assert.slice(0, 60)).toHaveLength(1);
      expect(problems[0]).toMatch(/\/checks\/c\.yaml:11: /);
      expect(problems[0]).toMatch(message);
    }
  });

  it('that is allowed runs in time linear in the row: one loop over a long list in the data', async () => {
    const dir = await workspace({
      'evidence/big.json': JSON.stringify([{ id: 'a', values: Array.from({ length: 200_000 }, (_, i) => `v${i}`) }]),
      'checks/c.yaml': `id: MON-BIG
title: one loop
sources:
  rows: { file: evidence/big.json, format: json }
population: rows
item: row.id
assert: row["values"].all(v, v.startsWith("v")) && row["values"].map(v, v + v + v).join().size() > 0
`,
    });
    // Not a timing: the row's 200,000 values can take over the default second on a loaded machine.
    expect((await run(dir, '2026-06-30', { rowMilliseconds: 60_000 }))[0]).toMatchObject({ status: 'pass', population: 1 });
    // Hundreds of thousands of steps on one row never fit in a millisecond: the limit stops the check there.
    expect((await run(dir, '2026-06-30', { rowMilliseconds: 1 }))[0]?.error).toMatch(/^evidence\/big\.json: row 1: evaluation took [\d.]+ ms, over the limit of 1 ms per row$/);
  });
});

describe('check files', () => {
  it('are refused with file:line for every problem: unknown format, built-in and parameter; wrong sources; bad CEL fields', async () => {
    const dir = await workspace({
      'checks/a.yaml': `id: MON-A
title: unknown format
sources:
  hr: { file: evidence/hr.csv, format: workday-csv }
builtin: terminated-access
`,
      'checks/b.yaml': `id: MON-B
title: unknown built-in and parameter
sources:
  hr: { file: evidence/hr.csv, format: hr-csv }
builtin: leavers
`,
      'checks/c.yaml': `id: MON-C
title: wrong sources and a parameter it does not take
sources:
  hr: { file: evidence/hr.csv, format: hr-csv }
  idp: { file: evidence/okta.json, format: json }
  extra: { file: ../outside.csv, format: csv }
builtin: terminated-access
params: { slaDays: 1, graceDays: 2 }
`,
      'checks/d.yaml': `id: MON-D
title: a CEL check missing its item, with a lookup of an unknown source named like a variable
sources:
  hr: { file: evidence/hr.csv, format: hr-csv, path: a.b }
population: people
assert: true
lookup:
  row: { source: nowhere, key: row.x, equals: row.y }
`,
      'checks/e.yaml': 'id: MON-A\ntitle: a duplicate id\nsources:\n  hr: { file: evidence/hr.csv, format: hr-csv }\nbuiltin: mfa-enabled\n',
    });
    const problems = await refusal(loadWorkspaceWithChecks(dir));
    expect(problems.map((p) => p.slice(dir.length + 1))).toEqual([
      'checks/a.yaml:4: sources.hr.format: must be one of aws-iam-credential-report, okta-users, google-workspace-users, github-pulls, dependabot-alerts, trivy, hr-csv, csv, json (got "workday-csv")',
      'checks/b.yaml:5: unknown built-in check "leavers" (run `assay monitor checks` for the list)',
      'checks/c.yaml:5: terminated-access reads "idp" as okta-users or google-workspace-users, not json',
      'checks/c.yaml:6: "../outside.csv" is not a path inside the workspace',
      'checks/c.yaml:6: terminated-access reads no source "extra" (its sources: hr, idp)',
      'checks/c.yaml:8: terminated-access has no parameter "graceDays" (it takes slaDays)',
      'checks/d.yaml:1: item is required (or builtin, naming a built-in check)',
      'checks/d.yaml:4: path applies to the json format, not hr-csv',
      'checks/d.yaml:5: no source "people" in sources (hr)',
      'checks/d.yaml:8: "row" is a name CEL already gives',
      'checks/d.yaml:8: no source "nowhere" in sources (hr)',
      'checks/e.yaml:1: duplicate check id "MON-A" (also in ' + `${dir}/checks/a.yaml:1)`,
    ]);
  });

  it('refuse a bad parameter value and a built-in that lacks a source', async () => {
    const dir = await workspace({
      'checks/a.yaml': 'id: MON-A\ntitle: t\nsources:\n  iam: { file: evidence/iam.csv, format: aws-iam-credential-report }\nbuiltin: access-key-rotation\nparams: { maxAgeDays: ninety }\n',
      'checks/b.yaml': 'id: MON-B\ntitle: t\nsources:\n  hr: { file: evidence/hr.csv, format: hr-csv }\nbuiltin: terminated-access\n',
    });
    expect((await refusal(loadWorkspaceWithChecks(dir))).map((p) => p.slice(dir.length + 1))).toEqual([
      'checks/a.yaml:6: maxAgeDays must be a whole number of days from 1 to 36500 (got "ninety")',
      'checks/b.yaml:3: terminated-access needs a source "idp" (the identity provider’s users, format okta-users or google-workspace-users)',
    ]);
  });

  it('refuse to run with a source file missing, naming the check’s line, and run nothing', async () => {
    const dir = await workspace({ 'checks/a.yaml': 'id: MON-A\ntitle: t\nsources:\n  iam: { file: evidence/iam.csv, format: aws-iam-credential-report }\nbuiltin: mfa-enabled\n' });
    expect((await refusal(run(dir))).map((p) => p.slice(dir.length + 1))).toEqual(['checks/a.yaml:4: source file not found: evidence/iam.csv']);
  });

  it('refuse a malformed export as bad input, every check’s problem listed, no result given', async () => {
    const dir = await workspace({
      'evidence/iam.csv': `${IAM_HEADER}\nalice,arn,2024-01-02T10:00:00+00:00,maybe,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n`,
      'checks/a.yaml': 'id: MON-A\ntitle: t\nsources:\n  iam: { file: evidence/iam.csv, format: aws-iam-credential-report }\nbuiltin: mfa-enabled\n',
      'checks/b.yaml': LEAVERS.replace('evidence/okta.json', 'evidence/truncated.json'),
      'evidence/truncated.json': OKTA.slice(0, -30),
    });
    expect(await refusal(run(dir))).toEqual([
      'evidence/iam.csv: row 1, field password_enabled: "maybe" is not true or false',
      'evidence/truncated.json: row 3: the file ends before the JSON document does (is it truncated?)',
    ]);
  });

  it('are judged against the workspace: a test names a known check that tests its control; a check names known controls', async () => {
    const dir = await workspace({
      'checks/leavers.yaml': LEAVERS.replace("title: Leavers' accounts are off", "title: Leavers' accounts are off\ncontrols: [AC-04, AC-99]"),
      'tests/ac-04.yaml': 'control: AC-04\nmethod: inspection\ncheck: MON-NOPE\npopulationSize: 3\n',
    });
    expect((await refusal(loadWorkspaceWithChecks(dir))).map((p) => p.slice(dir.length + 1))).toEqual([
      'tests/ac-04.yaml:2: a test that stands on a check is a reperformance: write method: reperformance',
      'tests/ac-04.yaml:4: a test that stands on a check takes no populationSize: the check gives it',
    ]);
    // Once each file is sound, the check and the tests are judged against each other.
    await writeWorkspaceFile(dir, 'tests/ac-04.yaml', 'control: AC-04\nmethod: reperformance\ncheck: MON-NOPE\n');
    expect((await refusal(loadWorkspaceWithChecks(dir))).map((p) => p.slice(dir.length + 1))).toEqual([
      'checks/leavers.yaml:1: check MON-LEAVERS names an unknown control "AC-99"',
      'tests/ac-04.yaml:3: no check "MON-NOPE" in checks/ (checks: MON-LEAVERS)',
    ]);
    await writeWorkspaceFile(dir, 'checks/leavers.yaml', LEAVERS.replace("title: Leavers' accounts are off", "title: Leavers' accounts are off\ncontrols: [AC-05]"));
    await writeWorkspaceFile(dir, 'tests/ac-04.yaml', 'control: AC-04\nmethod: reperformance\ncheck: MON-LEAVERS\n');
    expect((await refusal(loadWorkspaceWithChecks(dir))).map((p) => p.slice(dir.length + 1))).toEqual([
      'checks/leavers.yaml:1: check MON-LEAVERS names an unknown control "AC-05"',
      'tests/ac-04.yaml:3: check MON-LEAVERS tests AC-05, not AC-04',
    ]);
  });
});

async function writeWorkspaceFile(dir: string, path: string, text: string): Promise<void> {
  await writeFile(join(dir, path), text);
}
