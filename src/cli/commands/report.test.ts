import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridgeEndRefusal } from '../../domain/index.js';
import { formatRefusal, renderReport } from '../../reports/render-report.js';
import type { CliIO } from '../io.js';
import { run } from '../main.js';
import { workspaceReportData } from '../report-data.js';
import { runCli } from '../testing.js';

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
