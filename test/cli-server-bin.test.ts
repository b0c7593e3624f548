// The published binary serves the demo with plain node from the package root (its examples/acme found from
// dist/), and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('bin/assay.js demo', () => {
  it('serves the seeded demo and stops on SIGTERM', async () => {
    const database = join(await mkdtemp(join(tmpdir(), 'assay-bin-')), 'demo.sqlite');
    const child = spawn(process.execPath, [join(root, 'bin/assay.js'), 'demo', '--port', '0', '--database', database], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 15_000;
      while (!/Stop with Ctrl-C/.test(stdout)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no server:\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const base = /Assay is listening at (http:\/\/localhost:\d+)/.exec(stdout)?.[1];
      expect(stdout).toContain('Demo: imported examples/acme into the organisation "acme"');
      expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe('Stopping…\n');
  });
});
