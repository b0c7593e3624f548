import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

describe('assay root-cause add', () => {
  it('writes a root cause with its whys in order, its code the next RC-<n> unless given, and refuses a code in use', async () => {
    const database = join(await mkdtemp(join(tmpdir(), 'assay-rc-')), 'assay.sqlite');
    expect((await runCli('import', ACME, '--database', database, '--organization', 'acme')).code).toBe(0);
    const add = (...args: string[]) => runCli('root-cause', 'add', '--organization', 'acme', '--database', database, ...args);
    const created = await add('--title', 'Leavers reach IT late', '--category', 'process', '--why', 'Access stayed open', '--why', 'HR tells IT by email', '--format', 'json');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ id: 'RC-3', title: 'Leavers reach IT late', category: 'process', whys: ['Access stayed open', 'HR tells IT by email'], version: 1, findings: [] });
    const named = await add('--id', 'RC-HR', '--title', 'No HR system feed', '--category', 'technology', '--why', 'Manual tickets');
    expect(named).toMatchObject({ code: 0, stdout: 'Root cause RC-HR written: No HR system feed\n' });
    const again = await add('--id', 'RC-HR', '--title', 'Again', '--category', 'technology', '--why', 'x');
    expect(again).toMatchObject({ code: 2, stderr: 'assay: Root cause RC-HR already exists\n' });
  });

  it('names the argument of every bad input, with exit 2, before the database is opened', async () => {
    const database = join(await mkdtemp(join(tmpdir(), 'assay-rc-')), 'never.sqlite');
    const add = (...args: string[]) => runCli('root-cause', 'add', '--organization', 'acme', '--database', database, ...args);
    const noWhy = await add('--title', 'A cause', '--category', 'process');
    expect(noWhy).toMatchObject({ code: 2, stderr: expect.stringContaining('--why: give at least one why') });
    const blank = await add('--title', ' ', '--category', 'process', '--why', 'ok', '--why', '');
    expect(blank.stderr).toContain('--title: must not be empty');
    expect(blank.stderr).toContain('--why (2): must not be empty');
    const category = await add('--title', 'A cause', '--category', 'weather', '--why', 'x');
    expect(category).toMatchObject({ code: 2, stderr: expect.stringMatching(/--category.*must be one of people, process/) });
  });
});
