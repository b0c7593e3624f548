import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examine } from '../../domain/index.js';
import { loadWorkspace } from '../../workspace/load.js';
import { runCli } from '../testing.js';

async function tempPath(name: string): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'assay-init-')), name);
}

describe('assay init', () => {
  it('writes a workspace of starter controls that loads, with every in-scope criterion addressed', async () => {
    const dir = await tempPath('acme');
    const run = await runCli('init', dir, '--organization', 'Acme', '--system', 'Platform', '--period-start', '2026-01-01', '--period-end', '2026-06-30', '--categories', 'availability,privacy', '--starter', '--cloud-provider', '--hr-system');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const examination = await loadWorkspace(dir);
    expect(examination.engagement.categories).toEqual(['security', 'availability', 'privacy']);
    expect(examination.controls.map((c) => c.id)).toContain('HR-03');
    expect(run.stdout).toBe(`Wrote ${dir}: assay.yaml and ${examination.controls.length} controls from the starter set\n`);
    expect(examine(examination).criteria.filter((c) => c.controls.length === 0)).toEqual([]);
  });

  it('refuses settings the API would refuse, naming the option, and writes nothing', async () => {
    const dir = await tempPath('bad');
    const run = await runCli('init', dir, '--organization', 'Acme', '--system', 'Platform', '--period-end', '2026-06-30', '--starter');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--period-start: a type2 report needs periodStart');
    expect(existsSync(dir)).toBe(false);
    const badCategory = await runCli('init', dir, '--organization', 'A', '--system', 'S', '--type', 'type1', '--period-end', '2026-06-30', '--categories', 'security,integrity');
    expect(badCategory.code).toBe(2);
    expect(badCategory.stderr).toContain('"integrity" is not one of');
  });
});
