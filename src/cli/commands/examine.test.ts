import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExaminationResult } from '../../domain/index.js';
import { VALID_ASSAY, VALID_CONTROL, VALID_TEST, writeWorkspace } from '../../workspace/testing.js';
import { runCli } from '../testing.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

describe('assay examine', () => {
  it('forecasts the demo: qualified through the late deprovisioning under CC6.2', async () => {
    const { code, stdout } = await runCli('examine', ACME, '--format', 'json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ExaminationResult;
    expect(result.reportType).toBe('type2');
    expect(result.opinion).toMatchObject({
      overall: 'qualified',
      pervasive: false,
      subjects: { description: 'unmodified', design: 'unmodified', operatingEffectiveness: 'qualified' },
    });
    expect(result.criteria.find((c) => c.id === 'CC6.2')).toMatchObject({ status: 'not_met', failure: 'operating' });
    expect(result.deficiencies.find((d) => d.control === 'AC-04')).toMatchObject({
      kind: 'operating',
      severity: 'material_weakness',
      criteria: ['CC6.2'],
    });
    // Every criterion of the chosen categories is listed: 33 security + 3 availability.
    expect(result.criteria).toHaveLength(36);
    // AC-04's test stands on check MON-AC-04: every one of the 8 terminations of the period, 2 late (exact rate 25%).
    const ac04 = result.controls.find((c) => c.id === 'AC-04');
    expect(ac04).toMatchObject({
      conclusion: 'not_effective',
      populationSize: 8,
      sampleSize: 8,
      requiredSampleSize: 5,
      deviations: 2,
      deviationRate: 0.25,
      upperDeviationLimit: 0.25,
      boundBasis: 'exact',
      failedSamples: ['E1007', 'E1011'],
    });
    expect(ac04?.reasons[0]).toBe(
      'AC-04 stands on check MON-AC-04 (Leavers lose access within one business day), run as of 2026-06-30: every item of its population was tested by reperformance; 2 failed (E1007, E1011).',
    );
  });

  it('prints the opinion first for a person, and the deficiencies', async () => {
    const { code, stdout } = await runCli('examine', ACME);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 8).join('\n')).toMatch(/Opinion forecast: QUALIFIED/);
    expect(stdout).toMatch(/material weakness\s+│ AC-04/);
    // Not a terminal: no colour codes.
    expect(stdout.includes('\u001b[')).toBe(false);
  });

  it('renders Markdown with every criterion', async () => {
    const { stdout } = await runCli('examine', ACME, '--format', 'markdown');
    expect(stdout).toMatch(/^# Acme Cloud, Inc\.: Acme Analytics Platform/);
    expect(stdout).toMatch(/## Opinion forecast: qualified/);
    expect(stdout).toMatch(/\| CC6\.2 \| .* \| not met \|/);
    expect(stdout).toMatch(/\| A1\.3 \|/);
  });

  it('exits 1 with --fail-on when the forecast is at least that severe', async () => {
    expect((await runCli('examine', ACME, '--fail-on', 'qualified', '--format', 'json')).code).toBe(1);
    expect((await runCli('examine', ACME, '--fail-on', 'adverse', '--format', 'json')).code).toBe(0);
  });

  it('exits 2 with file:line messages and no stack trace for a broken workspace', async () => {
    const dir = await writeWorkspace({
      'assay.yaml': VALID_ASSAY,
      'controls/ac-04.yaml': VALID_CONTROL.replace('CC6.2', 'CC6.99'),
      'tests/ac-04.yaml': VALID_TEST,
    });
    const { code, stdout, stderr } = await runCli('examine', dir, '--format', 'json');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${dir}/controls/ac-04.yaml:3: unknown criterion "CC6.99"`);
    expect(stderr).not.toMatch(/\s+at .*\.(ts|js):\d+/);
  });

  it('exits 2 at file:line for an alias bomb, as for any other bad YAML', async () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const name of ['b', 'c', 'd', 'e', 'f', 'g']) laughs.push(`${name}: &${name} [${Array(10).fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`).join(', ')}]`);
    const dir = await writeWorkspace({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL, 'tests/ac-04.yaml': `${VALID_TEST}${laughs.join('\n')}\n` });
    const { code, stderr } = await runCli('examine', dir);
    expect(code).toBe(2);
    expect(stderr).toContain(`${dir}/tests/ac-04.yaml:11: malformed YAML: its aliases (*name) expand to more than 100 copies`);
    expect(stderr).not.toMatch(/unexpected error|\s+at .*\.(ts|js):\d+/);
  });

  it('refuses an unknown format as a usage error', async () => {
    const { code, stderr } = await runCli('examine', ACME, '--format', 'pdf');
    expect(code).toBe(2);
    expect(stderr).toMatch(/must be one of text, json, markdown/);
  });
});
