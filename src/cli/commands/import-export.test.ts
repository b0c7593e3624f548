import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ENGINES, skipEngine, type TestEngine } from '../../../test/support/engines.js';
import { createDatabase, databaseUrl, dropDatabase, uniqueDatabaseName } from '../../../test/support/pg-admin.js';
import type { ExaminationResult } from '../../domain/index.js';
import { OPERATOR } from '../../services/platform/actor.js';
import { createServices } from '../../services/index.js';
import { openDatabase } from '../../store/database.js';
import { createManagementResponsesRepository } from '../../store/management-responses-repository.js';
import { loadFindings } from '../../workspace/findings.js';
import { loadWorkspace } from '../../workspace/load.js';
import { VALID_ASSAY, VALID_CONTROL, VALID_TEST, writeWorkspace as writeFiles } from '../../workspace/testing.js';
import { runCli, runCliWith } from '../testing.js';
import { WHOLE_PAGE } from '../../services/testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

async function tempPath(name: string): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'assay-cli-')), name);
}

describe('assay import', () => {
  it('imports the demo workspace into a new SQLite database, then replaces it on a second import', async () => {
    const database = await tempPath('assay.sqlite');
    const first = await runCli('import', ACME, '--database', database);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/organisation {2}acme-cloud-inc \(Acme Cloud, Inc\.\), created/);
    expect(first.stdout).toMatch(/engagement {4}"Acme Analytics Platform: SOC 2 Type 2, 2026-01-01 to 2026-06-30" \(.+\), created/);
    expect(first.stdout).toMatch(/48 controls, 48 tests, \d+ samples/);

    const second = await runCli('import', ACME, '--database', database, '--format', 'json');
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      database,
      organization: { slug: 'acme-cloud-inc', created: false },
      engagement: { name: 'Acme Analytics Platform: SOC 2 Type 2, 2026-01-01 to 2026-06-30', created: false },
      controls: 48,
      tests: 48,
      notes: [],
    });
  });

  it('takes the organisation and engagement from options, and the database from ASSAY_DATABASE_URL', async () => {
    const database = await tempPath('env.sqlite');
    const { code, stdout } = await runCliWith({ env: { ASSAY_DATABASE_URL: database } }, 'import', ACME, '--organization', 'acme', '--engagement', 'FY2026', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ database, organization: { slug: 'acme' }, engagement: { name: 'FY2026' } });
    expect(existsSync(database)).toBe(true);
  });

  it('refuses a broken workspace with exit 2 and file:line messages, writing nothing', async () => {
    const dir = await writeFiles({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL.replace('CC6.2', 'CC6.99'), 'tests/ac-04.yaml': VALID_TEST });
    const database = await tempPath('never.sqlite');
    const { code, stdout, stderr } = await runCli('import', dir, '--database', database);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${dir}/controls/ac-04.yaml:3: unknown criterion "CC6.99"`);
    expect(existsSync(database)).toBe(false);
  });

  it('refuses a finding of an unknown control with file:line, writing nothing to a database that exists', async () => {
    const database = await tempPath('kept.sqlite');
    expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
    const before = await snapshot(database);
    const dir = await writeFiles({
      'assay.yaml': VALID_ASSAY,
      'controls/ac-04.yaml': VALID_CONTROL,
      'tests/ac-04.yaml': VALID_TEST,
      'findings/f-1.yaml': 'id: F-1\ntitle: Seen by the auditor\nsource: auditor_observation\ncontrol: AC-99\nclassification: { kind: operating, severity: deficiency }\n',
    });
    const { code, stdout, stderr } = await runCli('import', dir, '--database', database, '--organization', 'acme');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${dir}/findings/f-1.yaml:4: unknown control "AC-99"`);
    expect(await snapshot(database)).toEqual(before);
  });

  it('refuses a management response approved by its last editor with file:line, writing nothing', async () => {
    const database = await tempPath('kept.sqlite');
    expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
    const before = await snapshot(database);
    expect(before.responses.map((r) => r.status).sort()).toEqual(['approved', 'draft']);
    const dir = await writeFiles({
      'assay.yaml': VALID_ASSAY,
      'controls/ac-04.yaml': VALID_CONTROL,
      'tests/ac-04.yaml': VALID_TEST,
      'findings/f-1.yaml': [
        'id: F-1',
        'title: Seen by the auditor',
        'source: auditor_observation',
        'control: AC-04',
        'classification: { kind: operating, severity: deficiency }',
        'managementResponse:',
        '  whatHappened: One leaver kept access',
        '  rootCause: A manual ticket',
        '  correctiveAction: Automated',
        '  status: approved',
        '  editedBy: carmen@acme.example',
        '  approvedBy: carmen@acme.example',
        '  approvedOn: 2026-07-21',
        '',
      ].join('\n'),
    });
    const { code, stdout, stderr } = await runCli('import', dir, '--database', database, '--organization', 'acme');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${dir}/findings/f-1.yaml:12: carmen@acme.example last edited it: someone else must approve it (four eyes)`);
    expect(await snapshot(database)).toEqual(before);
  });

  it('refuses a workspace that would change recorded results, naming the control, unless asked for new test versions', async () => {
    const database = await tempPath('versions.sqlite');
    const files = { 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL, 'tests/ac-04.yaml': VALID_TEST };
    expect((await runCli('import', await writeFiles(files), '--database', database, '--organization', 'acme')).code).toBe(0);
    const before = await snapshot(database);
    // The deviation on T-5 is gone in this copy of the workspace.
    const cleaner = await writeFiles({ ...files, 'tests/ac-04.yaml': VALID_TEST.replace('result: fail, note: Removed 9 days late', 'result: pass') });
    const refused = await runCli('import', cleaner, '--database', database, '--organization', 'acme');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('AC-04: 1 of its 5 recorded results would be dropped or changed (T-5 fail)');
    expect(await snapshot(database)).toEqual(before);

    const versioned = await runCli('import', cleaner, '--database', database, '--organization', 'acme', '--new-test-versions');
    expect(versioned.code).toBe(0);
    expect(versioned.stdout).toContain("AC-04: a new test version; the previous one, with its 5 recorded results (1 dropped or changed by the workspace), is kept in the control's history");
    expect((await snapshot(database)).events).toBe(before.events + 2);
  });

  it('refuses an organisation slug the API would not accept', async () => {
    const { code, stderr } = await runCli('import', ACME, '--database', await tempPath('x.sqlite'), '--organization', 'Acme Inc');
    expect(code).toBe(2);
    expect(stderr).toMatch(/"Acme Inc" is not a slug/);
  });
});

describe('assay export', () => {
  it('gives back the imported workspace: the same examination and the same forecast', async () => {
    const database = await tempPath('assay.sqlite');
    expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
    const dir = await tempPath('exported');
    const exported = await runCli('export', dir, '--organization', 'acme', '--database', database);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      /^Exported "Acme Analytics Platform: SOC 2 Type 2, 2026-01-01 to 2026-06-30" of acme to .*exported: 48 controls, 48 tests, \d+ samples, 3 findings, 2 root causes, 2 management responses, the system description, 5 risks, 2 vendors\n$/,
    );

    expect(await loadWorkspace(dir)).toEqual(await loadWorkspace(ACME));
    const original = await runCli('examine', ACME, '--format', 'json');
    const roundTripped = await runCli('examine', dir, '--format', 'json');
    expect(roundTripped.code).toBe(0);
    expect(roundTripped.stdout).toBe(withoutCheckProvenance(original.stdout));
  });

  it('refuses a folder that is not empty unless --force, which keeps the rest of the folder', async () => {
    const database = await tempPath('assay.sqlite');
    await runCli('import', ACME, '--database', database, '--organization', 'acme');
    const dir = await tempPath('repo');
    await mkdir(dir);
    await writeFile(join(dir, 'README.md'), 'ours');
    const refused = await runCli('export', dir, '--organization', 'acme', '--database', database);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the folder is not empty \(README\.md\)/);
    const forced = await runCli('export', dir, '--organization', 'acme', '--database', database, '--force', '--format', 'json');
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ dir, controls: 48, problems: [] });
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
    expect(await loadWorkspace(dir)).toEqual(await loadWorkspace(ACME));
  });

  it('chooses among several engagements by name or id, and says what is missing', async () => {
    const database = await tempPath('assay.sqlite');
    await runCli('import', ACME, '--database', database, '--organization', 'acme', '--engagement', 'first');
    const second = JSON.parse((await runCli('import', ACME, '--database', database, '--organization', 'acme', '--engagement', 'second', '--format', 'json')).stdout) as {
      engagement: { id: string };
    };
    const ambiguous = await runCli('export', await tempPath('a'), '--organization', 'acme', '--database', database);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/"acme" has 2 engagements: choose one with --engagement/);
    expect((await runCli('export', await tempPath('b'), '--organization', 'acme', '--engagement', 'first', '--database', database)).code).toBe(0);
    expect((await runCli('export', await tempPath('c'), '--organization', 'acme', '--engagement', second.engagement.id, '--database', database)).code).toBe(0);

    const noOrg = await runCli('export', await tempPath('d'), '--organization', 'nobody', '--database', database);
    expect(noOrg).toMatchObject({ code: 2, stderr: 'assay: The organisation "nobody" was not found\n' });
    const noDatabase = await runCli('export', await tempPath('e'), '--organization', 'acme', '--database', await tempPath('missing.sqlite'));
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr).toMatch(/no database here/);
    expect((await runCli('export', await tempPath('f'), '--database', database)).stderr).toMatch(/required option '--organization <slug>'/);
  });
});

/** Every engagement's findings and root causes and the audit chain's length: what an import could change. */
async function snapshot(database: string) {
  const store = await openDatabase(database);
  try {
    const db = store.db;
    return {
      findings: await db.selectFrom('findings').select(['code', 'status', 'version']).orderBy('code').execute(),
      rootCauses: await db.selectFrom('root_causes').select(['code', 'title']).orderBy('code').execute(),
      responses: await db.selectFrom('management_responses').select(['finding_id', 'status', 'what_happened', 'version']).orderBy('finding_id').execute(),
      controls: await db.selectFrom('controls').select('code').orderBy('code').execute(),
      events: (await db.selectFrom('audit_events').select('seq').execute()).length,
    };
  } finally {
    await store.close();
  }
}

/** A new empty database the CLI can open: an SQLite file, or a database on the test PostgreSQL server. */
async function newDatabase(engine: TestEngine, cleanup: (() => Promise<void>)[]): Promise<string> {
  if (engine === 'sqlite') return tempPath('assay.sqlite');
  const { url } = inject('assayPostgres');
  if (!url) throw new Error('no PostgreSQL server for the test');
  const name = uniqueDatabaseName('assay_cli');
  await createDatabase(url, name);
  cleanup.push(() => dropDatabase(url, name));
  return databaseUrl(url, name);
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: a workspace with findings, round trip`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const drop of cleanup.splice(0)) await drop();
    });

    it('import, export, import the export into a fresh database: the same examination and the same findings', async () => {
      const first = await newDatabase(engine, cleanup);
      const imported = await runCli('import', ACME, '--database', first, '--organization', 'acme', '--format', 'json');
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ controls: 48, findings: 3, rootCauses: 2, managementResponses: 2 });
      const dir = await tempPath('exported');
      const exported = await runCli('export', dir, '--organization', 'acme', '--database', first, '--format', 'json');
      expect(exported.stderr).toBe('');
      expect(JSON.parse(exported.stdout)).toMatchObject({ findings: 3, rootCauses: 2, managementResponses: 2, problems: [] });
      // The responses as written and approved, with who and when.
      const ac06 = await readFile(join(dir, 'findings/f-ac-06.yaml'), 'utf8');
      expect(ac06).toMatch(/\nmanagementResponse:\n {2}whatHappened: /);
      expect(ac06).toContain('  status: approved\n  editedBy: compliance@acme.example\n  editedOn: 2026-10-14T09:20:00.000Z\n  approvedBy: admin@acme.example\n');

      const second = await newDatabase(engine, cleanup);
      expect((await runCli('import', dir, '--database', second, '--organization', 'acme')).code).toBe(0);
      const again = await tempPath('again');
      expect((await runCli('export', again, '--organization', 'acme', '--database', second)).code).toBe(0);

      const acme = await loadWorkspace(ACME);
      for (const folder of [dir, again]) {
        const examination = await loadWorkspace(folder);
        expect(examination).toEqual(acme);
        expect(await loadFindings(folder, examination)).toEqual(await loadFindings(ACME, acme));
        expect((await runCli('examine', folder, '--format', 'json')).stdout).toBe(withoutCheckProvenance((await runCli('examine', ACME, '--format', 'json')).stdout));
      }
      // The second export is the first, file for file.
      expect(await readFile(join(again, 'findings/f-ac-04.yaml'), 'utf8')).toBe(await readFile(join(dir, 'findings/f-ac-04.yaml'), 'utf8'));
      expect(await listedFindings(second)).toEqual(await listedFindings(first));
      const responses = await storedResponses(first);
      expect(responses.map((r) => [r.finding, r.status, r.approvedBy])).toEqual([
        ['F-AC-04', 'draft', null],
        ['F-AC-06', 'approved', 'admin@acme.example'],
      ]);
      expect(await storedResponses(second)).toEqual(responses);
    });
  });
}

/**
 * The forecast as a database holds it: the database stores what AC-04's check found as the test's samples, not
 * the check, so an exported workspace concludes the same without saying that AC-04 stood on MON-AC-04. The system
 * description is carried by import and export (docs/system-description.md), so its warnings are the same too.
 */
function withoutCheckProvenance(json: string): string {
  const result = JSON.parse(json) as ExaminationResult;
  const controls = result.controls.map((c) => ({ ...c, reasons: c.reasons.filter((r) => !r.startsWith(`${c.id} stands on check `)) }));
  return `${JSON.stringify({ ...result, controls }, null, 2)}\n`;
}

/** The management responses stored for the engagement of "acme", without their versions. */
async function storedResponses(database: string) {
  const store = await openDatabase(database);
  try {
    const services = createServices(store);
    const { engagement } = await services.workspace.findEngagement(OPERATOR, { organizationSlug: 'acme' });
    const listed = await createManagementResponsesRepository(store.db).list(engagement.id);
    return listed.map(({ version: _v, ...response }) => response);
  } finally {
    await store.close();
  }
}

/** The findings as the API lists them, without what differs between two databases by nature (ids, times). */
async function listedFindings(database: string) {
  const store = await openDatabase(database);
  try {
    const services = createServices(store);
    const { organization, engagement } = await services.workspace.findEngagement(OPERATOR, { organizationSlug: 'acme' });
    const findings = await services.findings.list(OPERATOR, organization.id, engagement.id, WHOLE_PAGE);
    return findings.items.map(({ engagementId: _e, createdAt: _c, ...finding }) => finding);
  } finally {
    await store.close();
  }
}

/** A copy of the demo workspace whose description leaves the commitments out, so that it warns. */
async function acmeWithWarnings(): Promise<string> {
  const dir = await tempPath('workspace');
  await cp(ACME, dir, { recursive: true });
  const description = await readFile(join(dir, 'description.yaml'), 'utf8');
  await writeFile(join(dir, 'description.yaml'), description.replace(/^commitments:\n(?: {2}- .*\n)+/m, ''));
  return dir;
}

/** The register as `assay risks` lists it, in its order: what the database and a workspace must agree on. */
async function listedRisks(...args: string[]) {
  const listed = await runCli('risks', ...args, '--format', 'json');
  expect(listed.code).toBe(0);
  const { risks } = JSON.parse(listed.stdout) as { risks: { code: string; title: string; controls: string[]; assessment: { inherent: { score: number }; residual: { score: number; level: string } } }[] };
  return risks.map((r) => [r.code, r.title, r.controls, r.assessment.inherent.score, r.assessment.residual.score, r.assessment.residual.level]);
}

/** Every file of the description, risks and vendors of a workspace, by path. */
async function statementFiles(dir: string): Promise<Record<string, string>> {
  const paths = ['description.yaml', ...(await readdir(join(dir, 'risks'))).map((f) => `risks/${f}`), ...(await readdir(join(dir, 'vendors'))).map((f) => `vendors/${f}`)];
  return Object.fromEntries(await Promise.all(paths.map(async (p) => [p, await readFile(join(dir, p), 'utf8')] as const)));
}

/** The description, risks, vendors and their reports of every engagement, and the audit chain's length. */
async function statements(database: string) {
  const store = await openDatabase(database);
  try {
    const db = store.db;
    return {
      descriptions: await db.selectFrom('descriptions').select(['engagement_id', 'version']).orderBy('engagement_id').execute(),
      risks: await db.selectFrom('risks').select(['code', 'likelihood', 'version']).orderBy('code').execute(),
      vendors: await db.selectFrom('vendors').select(['code', 'criticality', 'version']).orderBy('code').execute(),
      reports: (await db.selectFrom('vendor_reports').select('id').execute()).length,
      events: (await db.selectFrom('audit_events').select('seq').execute()).length,
    };
  } finally {
    await store.close();
  }
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: the system description, risks and vendors, round trip`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const drop of cleanup.splice(0)) await drop();
    });

    it('import then export gives the same description warnings and the same register, and a second round trip the same files', async () => {
      const workspace = await acmeWithWarnings();
      const first = await newDatabase(engine, cleanup);
      const imported = await runCli('import', workspace, '--database', first, '--organization', 'acme', '--format', 'json');
      expect(imported.stderr).toBe('');
      expect(JSON.parse(imported.stdout)).toMatchObject({ description: true, risks: 4, vendors: 2, vendorReports: 2 });
      const dir = await tempPath('exported');
      const exported = await runCli('export', dir, '--organization', 'acme', '--database', first, '--format', 'json');
      expect(JSON.parse(exported.stdout)).toMatchObject({ description: true, risks: 5, vendors: 2, problems: [] });

      const warningsOf = async (folder: string) => (JSON.parse((await runCli('examine', folder, '--format', 'json')).stdout) as { descriptionWarnings: unknown[] }).descriptionWarnings;
      const warnings = await warningsOf(workspace);
      expect(warnings).toEqual([expect.objectContaining({ section: 'commitments' })]);
      expect(await warningsOf(dir)).toEqual(warnings);
      // The database's register, the one PayRight's report raised included, is the exported workspace's.
      const register = await listedRisks('--organization', 'acme', '--database', first);
      expect(register.map(([code]) => code).sort()).toEqual(['R-001', 'R-002', 'R-003', 'R-004', 'R-005']);
      expect(await listedRisks(dir)).toEqual(register);
      expect(await readFile(join(dir, 'risks/r-005.yaml'), 'utf8')).toContain('raisedBy: {vendor: V-002, report: 1, reason: exceptions}\n');

      const second = await newDatabase(engine, cleanup);
      const again = JSON.parse((await runCli('import', dir, '--database', second, '--organization', 'acme', '--format', 'json')).stdout) as Record<string, unknown>;
      expect(again).toMatchObject({ risks: 5, vendorReports: 2, notes: [] });
      expect(await listedRisks('--organization', 'acme', '--database', second)).toEqual(register);
      const twice = await tempPath('again');
      expect((await runCli('export', twice, '--organization', 'acme', '--database', second)).code).toBe(0);
      expect(await statementFiles(twice)).toEqual(await statementFiles(dir));
    });

    it('refuses the whole import over a bad description, risk or vendor file, naming each at file:line, and writes nothing', async () => {
      const database = await newDatabase(engine, cleanup);
      expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
      const before = { ...(await snapshot(database)), ...(await statements(database)) };

      const workspace = await acmeWithWarnings();
      const description = await readFile(join(workspace, 'description.yaml'), 'utf8');
      await writeFile(join(workspace, 'description.yaml'), `${description}summary: not a section of a description\n`);
      const risk = join(workspace, 'risks/r-002-leavers-keep-access.yaml');
      await writeFile(risk, (await readFile(risk, 'utf8')).replace('likelihood: 3', 'likelihood: 9'));
      const vendor = join(workspace, 'vendors/v-001-nimbus-cloud.yaml');
      await writeFile(vendor, (await readFile(vendor, 'utf8')).replace('criticality: critical', 'criticality: extreme'));
      // Changed everywhere else too, so that a half-written import would show.
      await writeFile(join(workspace, 'risks/r-001-stolen-credentials.yaml'), (await readFile(join(workspace, 'risks/r-001-stolen-credentials.yaml'), 'utf8')).replace(/likelihood: \d/, 'likelihood: 1'));

      const refused = await runCli('import', workspace, '--database', database, '--organization', 'acme');
      expect(refused.code).toBe(2);
      const lastLine = `${description}summary`.split('\n').length;
      expect(refused.stderr).toContain(`${join(workspace, 'description.yaml')}:${lastLine}:`);
      expect(refused.stderr).toContain(`${risk}:6:`);
      expect(refused.stderr).toContain(`${vendor}:4:`);
      expect({ ...(await snapshot(database)), ...(await statements(database)) }).toEqual(before);
    });
  });
}
