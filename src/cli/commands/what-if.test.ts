import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rankFixes, type FixRanking } from '../../domain/index.js';
import { loadWorkspace } from '../../workspace/load.js';
import { VALID_ASSAY, VALID_CONTROL, VALID_TEST, writeWorkspace } from '../../workspace/testing.js';
import { runCli } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

describe('assay what-if', () => {
  it('prints the engine’s ranking of fixes as JSON, the same as the dashboard’s', async () => {
    const { code, stdout, stderr } = await runCli('what-if', ACME, '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const ranking = JSON.parse(stdout) as FixRanking;
    expect(ranking).toEqual(rankFixes(await loadWorkspace(ACME)));
    expect(ranking.fixes[0]).toMatchObject({ control: 'AC-04', opinion: 'unmodified', restores: ['CC6.2'] });
  });

  it('says in words which fix changes the opinion and the criteria it restores', async () => {
    const { code, stdout } = await runCli('what-if', ACME);
    expect(code).toBe(0);
    expect(stdout).toContain('Opinion forecast now: a qualified opinion.');
    expect(stdout).toContain('  fix AC-04 (not effective, material weakness): the opinion becomes unmodified; restores CC6.2\n');
    expect(stdout).toContain('the opinion stays qualified; restores no criterion');
  });

  it('says there is nothing to fix when no control has a deficiency', async () => {
    const clean = await writeWorkspace({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL, 'tests/ac-04.yaml': VALID_TEST.replace('result: fail, note: Removed 9 days late', 'result: pass') });
    const { code, stdout } = await runCli('what-if', clean);
    expect(code).toBe(0);
    expect(stdout).toContain('No control has a deficiency: nothing to fix.');
  });

  it('refuses a broken workspace or format with exit 2, naming where', async () => {
    const broken = await writeWorkspace({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL.replace('CC6.2', 'CC6.99'), 'tests/ac-04.yaml': VALID_TEST });
    const refused = await runCli('what-if', broken);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/controls\/ac-04\.yaml:\d+: .*CC6\.99/);
    const format = await runCli('what-if', ACME, '--format', 'yaml');
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format.*must be one of text, json/);
  });
});
