/** `assay examine` starts its threads for the folder its command line names, wherever the options stand. */
import { describe, expect, it } from 'vitest';
import { takeEarlyTestPool } from '../../workspace/early-pool.js';
import { listYamlTree } from '../../workspace/list.js';
import { POOL_FROM_TESTS } from '../../workspace/test-pool.js';
import { VALID_ASSAY, writeWorkspace } from '../../workspace/testing.js';
import { runCli } from '../testing.js';
import { startExamineEarly } from './examine-early.js';

async function workspaceOfManyTests(): Promise<string> {
  const files: Record<string, string> = { 'assay.yaml': VALID_ASSAY };
  for (let i = 0; i < POOL_FROM_TESTS; i++) files[`tests/t-${i}.yaml`] = `control: C-${i}\nmethod: inspection\n`;
  return writeWorkspace(files);
}

describe('the threads assay examine starts before it loads', () => {
  it.each([
    ['the folder first', (dir: string) => [dir, '--format', 'json']],
    ['the options first', (dir: string) => ['--format', 'json', '--fail-on', 'qualified', dir]],
    ['options written with =', (dir: string) => ['--format=json', dir, '--fail-on=adverse']],
  ])('are for the folder the command line names: %s', async (_, line) => {
    const dir = await workspaceOfManyTests();
    startExamineEarly(line(dir));
    const pool = await takeEarlyTestPool(dir, await listYamlTree(dir, 'tests'));
    expect(pool).not.toBeNull();
    await pool?.close();
  });

  it('are none without a folder, and the means to close them then does nothing', async () => {
    const dir = await workspaceOfManyTests();
    await startExamineEarly(['--format', 'json'])();
    expect(await takeEarlyTestPool(dir, await listYamlTree(dir, 'tests'))).toBeNull();
  });

  it('are closed when the command line is refused before the workspace is read', async () => {
    const dir = await workspaceOfManyTests();
    const { code, stderr } = await runCli('examine', dir, '--format', 'xml');
    expect(code).toBe(2);
    expect(stderr).toContain('--format');
    expect(await takeEarlyTestPool(dir, await listYamlTree(dir, 'tests'))).toBeNull();
  });
});
