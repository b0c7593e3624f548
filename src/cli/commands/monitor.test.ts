import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExaminationResult, MonitoringReport } from '../../domain/index.js';
import { runCli } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

async function copyOfAcme(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'assay-monitor-')), 'acme');
  await cp(ACME, dir, { recursive: true });
  return dir;
}

describe('assay monitor run', () => {
  it('prints exactly the contract’s JSON: each check’s status, population and failing items, as of the date given', async () => {
    const { code, stdout, stderr } = await runCli('monitor', 'run', ACME, '--as-of', '2026-06-30', '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as MonitoringReport;
    expect(report.asOf).toBe('2026-06-30');
    expect(report.checks.map((c) => [c.id, c.status, c.population, c.failures])).toEqual([
      ['MON-AC-01', 'pass', 3, 0],
      ['MON-AC-02', 'pass', 3, 0],
      ['MON-AC-04', 'fail', 8, 2],
      ['MON-AC-07', 'pass', 23, 0],
      ['MON-CM-01', 'pass', 6, 0],
      ['MON-OPS-04', 'pass', 6, 0],
    ]);
    expect(report.checks.find((c) => c.id === 'MON-AC-04')).toEqual({
      id: 'MON-AC-04',
      title: 'Leavers lose access within one business day',
      controls: ['AC-04'],
      status: 'fail',
      population: 8,
      failures: 2,
      failing: [
        { item: 'E1007', reason: 'terminated 2026-02-13: its Okta status changed 2026-02-24T09:12:37Z, not before 2026-02-15 as the 1-day SLA requires' },
        { item: 'E1011', reason: 'terminated 2026-04-30: its Okta status changed 2026-05-12T10:41:55Z, not before 2026-05-02 as the 1-day SLA requires' },
      ],
    });
    expect(Object.keys(report.checks[0] ?? {})).toEqual(['id', 'title', 'controls', 'status', 'population', 'failures', 'failing']);
  });

  it('finds after the period what came back: a leaver still active, a merge whose approval was dismissed, an alert past its SLA', async () => {
    const report = JSON.parse((await runCli('monitor', 'run', ACME, '--as-of', '2026-09-30', '--format', 'json')).stdout) as MonitoringReport;
    const failing = (id: string) => report.checks.find((c) => c.id === id)?.failing.map((f) => f.item);
    expect(failing('MON-AC-04')).toEqual(['E1007', 'E1011', 'E1031']);
    expect(failing('MON-CM-01')).toEqual(['503']);
    expect(failing('MON-OPS-04')).toEqual(['61']);
  });

  it('exits 1 with --fail-on-failures when a check fails or errs, 0 when every check it runs passes', async () => {
    expect((await runCli('monitor', 'run', ACME, '--as-of', '2026-06-30', '--format', 'json', '--fail-on-failures')).code).toBe(1);
    const one = await runCli('monitor', 'run', ACME, '--as-of', '2026-06-30', '--check', 'MON-AC-01', '--format', 'json', '--fail-on-failures');
    expect(one.code).toBe(0);
    expect((JSON.parse(one.stdout) as MonitoringReport).checks.map((c) => c.id)).toEqual(['MON-AC-01']);

    const dir = await copyOfAcme();
    await writeFile(join(dir, 'checks/mon-ac-07.yaml'), (await readFile(join(dir, 'checks/mon-ac-07.yaml'), 'utf8')).replace('item: row.profile.login', 'item: row.profile.manager'));
    const errored = await runCli('monitor', 'run', dir, '--as-of', '2026-06-30', '--check', 'MON-AC-07', '--format', 'json', '--fail-on-failures');
    expect(errored.code).toBe(1);
    expect((JSON.parse(errored.stdout) as MonitoringReport).checks[0]).toMatchObject({ status: 'error', error: 'evidence/okta-users.json: row 1: item: No such key: manager' });
  });

  it('writes JUnit XML: a test case per check, the failing items in the failure', async () => {
    const { code, stdout } = await runCli('monitor', 'run', ACME, '--as-of', '2026-06-30', '--format', 'junit');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="assay monitor" tests="6" failures="1" errors="0" skipped="0">/);
    expect(stdout.match(/<testcase /g)).toHaveLength(6);
    expect(stdout).toContain('<testcase classname="assay.monitor" name="MON-AC-04: Leavers lose access within one business day">');
    expect(stdout).toContain('<failure message="2 of 8 items fail" type="fail">E1007: terminated 2026-02-13: ');
    expect(stdout).toContain('\nE1011: terminated 2026-04-30: ');
    expect(stdout).toContain('name="MON-OPS-04: Dependency vulnerabilities are fixed within their severity\'s SLA"');
  });

  it('prints a table for a person, without colour when not on a terminal', async () => {
    const { code, stdout } = await runCli('monitor', 'run', ACME, '--as-of', '2026-06-30');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Monitoring as of 2026-06-30: 6 checks · 5 pass · 1 fail · 0 empty · 0 error\n/);
    expect(stdout).toMatch(/│ MON-AC-04\s+│ fail\s+│ 8\s+│ 2\s+│/);
    expect(stdout).toContain('MON-AC-04: 2 of 8 items fail\n  ✗ E1007: terminated 2026-02-13');
    expect(stdout.includes('\u001b[')).toBe(false);
  });

  it('refuses bad input with exit 2 and nothing on stdout: a bad date, an unknown check, a broken check file, a malformed export', async () => {
    const badDate = await runCli('monitor', 'run', ACME, '--as-of', '2026-02-30');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--as-of.*must be a real date written YYYY-MM-DD/);
    const unknown = await runCli('monitor', 'run', ACME, '--check', 'MON-NOPE');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no check "MON-NOPE" in checks/ (checks: MON-AC-01, MON-AC-02, MON-AC-04, MON-AC-07, MON-CM-01, MON-OPS-04)');

    const dir = await copyOfAcme();
    await writeFile(join(dir, 'checks/mon-cm-01.yaml'), (await readFile(join(dir, 'checks/mon-cm-01.yaml'), 'utf8')).replace('builtin: change-approval', 'builtin: change-aproval'));
    const broken = await runCli('monitor', 'run', dir, '--format', 'json');
    expect([broken.code, broken.stdout]).toEqual([2, '']);
    expect(broken.stderr).toContain(`${dir}/checks/mon-cm-01.yaml:6: unknown built-in check "change-aproval"`);

    const malformed = await copyOfAcme();
    const roster = join(malformed, 'evidence/hr-roster.csv');
    await writeFile(roster, (await readFile(roster, 'utf8')).replace('E1011,tomas.reyes@acme.example,Tomás,Reyes,02/01/2023,2026-04-30', 'E1011,tomas.reyes@acme.example,Tomás,Reyes,02/01/2023,2026-04-31'));
    const refused = await runCli('monitor', 'run', malformed, '--as-of', '2026-06-30', '--format', 'json');
    expect([refused.code, refused.stdout]).toEqual([2, '']);
    expect(refused.stderr).toContain('evidence/hr-roster.csv: row 11, field termination_date: "2026-04-31" is not a date (write YYYY-MM-DD or MM/DD/YYYY)');
    expect(refused.stderr).not.toMatch(/\s+at .*\.(ts|js):\d+/);
  });
});

describe('assay monitor checks', () => {
  it('lists the built-in checks with their sources, parameters and defaults', async () => {
    const text = await runCli('monitor', 'checks');
    expect(text.code).toBe(0);
    for (const name of ['terminated-access', 'mfa-enabled', 'access-key-rotation', 'change-approval', 'vulnerability-sla']) expect(text.stdout).toContain(name);
    expect(text.stdout).toContain('slaDays [critical 15, high 30, medium 90, low 180]');
    expect(text.stdout).toContain('maxAgeDays [90]');
    expect(text.stdout).toContain('branches [all]');
    const listed = JSON.parse((await runCli('monitor', 'checks', '--format', 'json')).stdout) as { name: string; params: { name: string; default: unknown }[] }[];
    expect(listed.find((c) => c.name === 'terminated-access')?.params).toEqual([{ name: 'slaDays', description: expect.any(String), default: 1 }]);
  });
});

describe('assay examine with a test that stands on a check', () => {
  it('leaves the control not tested when its check is empty or errs, the reason saying why', async () => {
    const dir = await copyOfAcme();
    const check = join(dir, 'checks/mon-ac-04.yaml');
    // No leaver before 2020: an empty population proves nothing.
    await writeFile(join(dir, 'evidence/hr-roster.csv'), 'employee_id,work_email,termination_date\nE1,a@acme.example,\n');
    let ac04 = (JSON.parse((await runCli('examine', dir, '--format', 'json')).stdout) as ExaminationResult).controls.find((c) => c.id === 'AC-04');
    expect(ac04).toMatchObject({ conclusion: 'not_tested', reasons: ['AC-04 could not be tested: check MON-AC-04 found no item in its population as of 2026-06-30, so it proved nothing (scope limitation, rule 3).'] });

    await writeFile(check, 'id: MON-AC-04\ntitle: Leavers\ncontrols: [AC-04]\nsources:\n  hr: { file: evidence/hr-roster.csv, format: hr-csv }\npopulation: hr\nitem: row.employee_id\nassert: row.department == "x"\n');
    const result = JSON.parse((await runCli('examine', dir, '--format', 'json')).stdout) as ExaminationResult;
    ac04 = result.controls.find((c) => c.id === 'AC-04');
    expect(ac04?.conclusion).toBe('not_tested');
    expect(ac04?.reasons).toEqual(['AC-04 could not be tested: check MON-AC-04 could not be run as of 2026-06-30: evidence/hr-roster.csv: row 1: assert: No such key: department (scope limitation, rule 3).']);
    expect(result.criteria.find((c) => c.id === 'CC6.2')?.status).toBe('unable_to_conclude');
  });

  it('examines a workspace without checks exactly as before', async () => {
    const dir = await copyOfAcme();
    await writeFile(join(dir, 'tests/ac-04.yaml'), 'control: AC-04\nmethod: inspection\npopulationSize: 14\nsamples:\n  - { item: T-1, result: pass }\n  - { item: T-2, result: fail }\n  - { item: T-3, result: pass }\n  - { item: T-4, result: pass }\n  - { item: T-5, result: fail }\n');
    await rm(join(dir, 'checks'), { recursive: true });
    const result = JSON.parse((await runCli('examine', dir, '--format', 'json')).stdout) as ExaminationResult;
    expect(result.controls.find((c) => c.id === 'AC-04')).toMatchObject({ conclusion: 'not_effective', sampleSize: 5, deviations: 2, deviationRate: 0.4 });
    expect(result.controls.find((c) => c.id === 'AC-04')?.reasons[0]).toMatch(/^AC-04: 2 of 5 samples deviated/);
  });
});
