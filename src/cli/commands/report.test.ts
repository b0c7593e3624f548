import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENGINES, skipEngine, useFreshDatabaseUrl } from '../../../test/support/engines.js';
import { bridgeEndRefusal } from '../../domain/index.js';
import { createServices } from '../../services/index.js';
import { OPERATOR } from '../../services/platform/actor.js';
import { openDatabase } from '../../store/database.js';
import { createAuditRepository } from '../../store/audit-repository.js';
import { formatRefusal, renderReport } from '../../reports/render-report.js';
import type { CliIO } from '../io.js';
import { run } from '../main.js';
import { workspaceReportData } from '../report-data.js';
import { runCli, runCliWith } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

const scratch = () => mkdtemp(join(tmpdir(), 'assay-report-'));

describe('assay report', () => {
  it('writes the document to --out, its format named by the extension, and leaves no temporary file beside it', async () => {
    const dir = await scratch();
    const out = join(dir, 'readiness.html');
    const { code, stdout, stderr } = await runCli('report', ACME, '--type', 'readiness', '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(await readFile(out, 'utf8')).toMatch(/^<!doctype html>/i);
    expect(await readdir(dir)).toEqual(['readiness.html']);
  });

  it('replaces a file that was there, whole', async () => {
    const dir = await scratch();
    const out = join(dir, 'letter.md');
    await writeFile(out, 'an older letter');
    expect((await runCli('report', ACME, '--type', 'customer-letter', '--out', out)).code).toBe(0);
    expect(await readFile(out, 'utf8')).toMatch(/^# /);
  });

  it('prints a text format to stdout when no file is given, Markdown by default', async () => {
    const { code, stdout } = await runCli('report', ACME, '--type', 'stakeholder');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# /);
  });

  it('refuses the workpapers as a PDF with exit 2, in the words the API uses, and writes nothing', async () => {
    const dir = await scratch();
    const out = join(dir, 'workpapers.pdf');
    const { code, stderr } = await runCli('report', ACME, '--type', 'workpapers', '--format', 'pdf', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain(formatRefusal('workpapers', 'pdf'));
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses with exit 2 a bridge letter ending on the period end or after today, in the words the API uses, and writes nothing', async () => {
    const dir = await scratch();
    const out = join(dir, 'bridge.md');
    const today = new Date().toISOString().slice(0, 10);
    for (const to of ['2026-06-30', '2999-12-31']) {
      const { code, stderr } = await runCli('report', ACME, '--type', 'bridge-letter', '--to', to, '--out', out);
      expect(code).toBe(2);
      expect(stderr).toContain(bridgeEndRefusal(to, '2026-06-30', today));
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('pipes a binary format to stdout as bytes, but refuses it to a terminal', async () => {
    const written: Uint8Array[] = [];
    let stderr = '';
    const io = (isTTY: boolean): CliIO => ({ out: () => undefined, outBytes: (bytes) => void written.push(bytes), err: (t) => void (stderr += t), isTTY, env: {} });
    expect(await run(['report', ACME, '--type', 'soc2-draft', '--format', 'pdf'], io(false))).toBe(0);
    const data = await workspaceReportData(ACME, new Date());
    const expected = await renderReport('soc2-draft', 'pdf', data, { bridgeTo: null, watermark: null });
    // The document is dated when written, so its bytes are compared by what they open with.
    expect(Buffer.concat(written).byteLength).toBeGreaterThan(0);
    expect(Buffer.concat(written).subarray(0, 8)).toEqual(expected.subarray(0, 8));
    written.length = 0;
    expect(await run(['report', ACME, '--type', 'soc2-draft', '--format', 'pdf'], io(true))).toBe(2);
    expect(written).toEqual([]);
    expect(stderr).toContain('a pdf document is not written to a terminal');
  });

  it('refuses a binary format with nowhere to write its bytes, --to on any document but the bridge letter, and an extension naming no format', async () => {
    const binary = await runCli('report', ACME, '--type', 'soc2-draft', '--format', 'pdf');
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('give --out FILE');
    const to = await runCli('report', ACME, '--type', 'readiness', '--to', '2026-09-30');
    expect(to.code).toBe(2);
    expect(to.stderr).toContain('--type bridge-letter');
    const dir = await scratch();
    const unknown = await runCli('report', ACME, '--type', 'readiness', '--out', join(dir, 'readiness.docx'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('readiness.docx: its extension names no format');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a date that is not real, an unknown type and a folder that cannot be written, each with exit 2', async () => {
    expect((await runCli('report', ACME, '--type', 'bridge-letter', '--to', '2026-02-30')).stderr).toContain('must be a real date');
    expect((await runCli('report', ACME, '--type', 'invoice')).code).toBe(2);
    const missing = await runCli('report', ACME, '--type', 'readiness', '--out', join(await scratch(), 'no-such-folder', 'r.md'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot be written (ENOENT)');
  });

  it('writes nothing, and keeps what was there, when the workspace is bad input', async () => {
    const dir = await scratch();
    const out = join(dir, 'draft.md');
    await writeFile(out, 'kept');
    const { code, stderr } = await runCli('report', join(dir, 'no-workspace'), '--type', 'soc2-draft', '--out', out);
    expect(code).toBe(2);
    expect(stderr).not.toBe('');
    expect(await readFile(out, 'utf8')).toBe('kept');
    expect(await readdir(dir)).toEqual(['draft.md']);
  });
});

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: assay report from the database`, () => {
    const database = useFreshDatabaseUrl(engine);
    afterEach(() => void vi.useRealTimers());

    /** examples/acme imported as the organisation `acme`. */
    async function imported(): Promise<string> {
      const url = database();
      expect((await runCli('import', ACME, '--database', url, '--organization', 'acme')).code).toBe(0);
      return url;
    }

    it("writes the report draft the API's report job writes for the engagement, byte for byte, and records it in the audit log as the job does", async () => {
      const url = await imported();
      const store = await openDatabase(url);
      try {
        const services = createServices(store);
        const { organization, engagement } = await services.workspace.findEngagement(OPERATOR, { organizationSlug: 'acme' });
        // The organisation's locale is the database's alone: a folder states none.
        await services.organizations.update(OPERATOR, organization.id, organization.version, { locale: 'en-US' });
        // Only the date is fixed: the document says when it was written, and both paths read the same clock.
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(new Date('2026-09-15T10:00:00Z'));
        const cli = await runCliWith({ env: { ASSAY_DATABASE_URL: url } }, 'report', '--organization', 'acme', '--type', 'soc2-draft');
        expect(cli.stderr).toBe('');
        expect(cli.code).toBe(0);

        const job = await services.reportJobs.start(OPERATOR, organization.id, engagement.id, { type: 'soc2-draft', format: 'md' });
        await services.reportJobs.settled();
        const file = await services.reportJobs.file(OPERATOR, organization.id, engagement.id, job.id);
        expect(cli.stdout).toMatch(/^# SOC 2 Type 2 report/);
        expect(cli.stdout).toContain('September 15, 2026');
        expect(cli.stdout).toBe(file.content.toString('utf8'));
        expect(cli.stdout).not.toBe((await runCli('report', ACME, '--type', 'soc2-draft')).stdout);

        const { items } = await createAuditRepository(store.db).list({ limit: 10, offset: 0, type: 'report.generated' });
        expect(items.map((e) => [e.actor, e.subject, e.after])).toEqual([
          ['operator:cli', `engagement:${engagement.id}`, { job: job.id, type: 'soc2-draft', format: 'md', bridgeTo: null }],
          ['operator:cli', `engagement:${engagement.id}`, { job: null, type: 'soc2-draft', format: 'md', bridgeTo: null }],
        ]);
      } finally {
        await store.close();
      }
    });

    it('writes a PDF to --out whole, and leaves no temporary file beside it', async () => {
      const url = await imported();
      const dir = await scratch();
      const out = join(dir, 'draft.pdf');
      const { code, stdout, stderr } = await runCli('report', '--database', url, '--organization', 'acme', '--engagement', 'Acme Analytics Platform: SOC 2 Type 2, 2026-01-01 to 2026-06-30', '--type', 'soc2-draft', '--out', out);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toBe('');
      const pdf = await readFile(out);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1').trim()).toBe('%%EOF');
      expect(await readdir(dir)).toEqual(['draft.pdf']);
    });

    it("acts as a member with --as, named in the audit log; a member of another organisation finds nothing of it, and nothing is recorded", async () => {
      const url = await imported();
      const store = await openDatabase(url);
      await createServices(store).organizations.create(OPERATOR, { slug: 'other', name: 'Other' });
      await store.close();
      const password = 'correct horse battery staple';
      // A viewer of acme may read its reports; the admin of another organisation may not.
      for (const [email, role, organization] of [['viewer@acme.example', 'viewer', 'acme'], ['outsider@other.example', 'admin', 'other']] as const) {
        const added = await runCli('user', 'add', '--email', email, '--role', role, '--organization', organization, '--password', password, '--database', url);
        expect(added.code).toBe(0);
      }
      const asMember = (email: string) =>
        runCliWith({ env: { ASSAY_PASSWORD: password, ASSAY_DATABASE_URL: url } }, 'report', '--organization', 'acme', '--as', email, '--type', 'readiness');
      const member = await asMember('viewer@acme.example');
      expect(member.code).toBe(0);
      expect(member.stdout).toMatch(/^# /);
      const outsider = await asMember('outsider@other.example');
      expect(outsider.code).toBe(2);
      expect(outsider.stdout).toBe('');
      expect(outsider.stderr).toContain('"acme"');
      const reopened = await openDatabase(url);
      try {
        const { items } = await createAuditRepository(reopened.db).list({ limit: 10, offset: 0, type: 'report.generated' });
        expect(items.map((e) => e.actor)).toEqual([expect.stringContaining('viewer@acme.example')]);
      } finally {
        await reopened.close();
      }
    });

    it('names an unknown organisation or engagement with exit 2, writing nothing and recording nothing', async () => {
      const url = await imported();
      const dir = await scratch();
      const out = join(dir, 'draft.md');
      const organization = await runCli('report', '--database', url, '--organization', 'nobody', '--type', 'soc2-draft', '--out', out);
      expect(organization.code).toBe(2);
      expect(organization.stderr).toContain('"nobody"');
      const engagement = await runCli('report', '--database', url, '--organization', 'acme', '--engagement', 'FY1999', '--type', 'soc2-draft', '--out', out);
      expect(engagement.code).toBe(2);
      expect(engagement.stderr).toContain('The engagement "FY1999" of "acme"');
      expect(await readdir(dir)).toEqual([]);
      expect(await generatedEvents(url)).toBe(0);
    });

    it('refuses with exit 2 a bridge letter ending on the period end, at --to, before anything is recorded', async () => {
      const url = await imported();
      const { code, stderr } = await runCli('report', '--database', url, '--organization', 'acme', '--type', 'bridge-letter', '--to', '2026-06-30');
      expect(code).toBe(2);
      expect(stderr).toContain(`--to: ${bridgeEndRefusal('2026-06-30', '2026-06-30', new Date().toISOString().slice(0, 10))}`);
      expect(await generatedEvents(url)).toBe(0);
    });
  });
}

describe('assay report: one source', () => {
  it('refuses a folder and the database options together, naming the options, with exit 2 and nothing written', async () => {
    const dir = await scratch();
    const out = join(dir, 'draft.md');
    const { code, stderr } = await runCli('report', ACME, '--organization', 'acme', '--database', join(dir, 'assay.sqlite'), '--type', 'soc2-draft', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain('a workspace folder and --organization, --database name two sources');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses neither a folder nor --organization, naming both, with exit 2 and nothing written', async () => {
    const dir = await scratch();
    const out = join(dir, 'draft.md');
    // A database in the environment is not a source by itself: it does not say which organisation.
    const { code, stderr } = await runCliWith({ env: { ASSAY_DATABASE_URL: join(dir, 'assay.sqlite') } }, 'report', '--type', 'soc2-draft', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toContain('no source: give a workspace folder, or the engagement in the database with --organization');
    expect(await readdir(dir)).toEqual([]);
  });
});

async function generatedEvents(url: string): Promise<number> {
  const store = await openDatabase(url);
  try {
    return (await createAuditRepository(store.db).list({ limit: 10, offset: 0, type: 'report.generated' })).total;
  } finally {
    await store.close();
  }
}
