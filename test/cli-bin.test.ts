// The published binary runs with plain node from the package root (after `npm install` builds dist/).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('bin/assay.js', () => {
  it('examines the demo workspace with plain node', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin/assay.js'), 'examine', 'examples/acme', '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { opinion: { overall: string } }).opinion.overall).toBe('qualified');
  });

  it('exits 2 on a usage error', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin/assay.js'), 'examine'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/missing required argument 'dir'/);
  });
});
