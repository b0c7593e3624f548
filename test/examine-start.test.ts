// `assay examine` loads zod only to word what the plain judges refuse (docs/workspace.md): a valid workspace never
// loads it. The built command runs with a loader hook that records every module it loads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const recorder = join(import.meta.dirname, 'fixtures/record-modules/register.mjs');

const ASSAY = `organization: Acme
system: Platform
report: { type: type2, periodStart: 2026-01-01, periodEnd: 2026-06-30, categories: [security, availability] }
sampling: { confidence: 0.9 }
`;
const CONTROL = 'id: AC-01\ntitle: Access reviews\ncriteria: [CC6.1]\nfrequency: quarterly\nnature: manual\nowner: it@acme.example\n';
const TEST = 'control: AC-01\nmethod: inspection\npopulationSize: 4\nsamples:\n  - { item: q1, result: pass }\n  - { item: q2, result: pass }\n';
const DESCRIPTION = 'services: Dashboards for retailers.\ncommitments: [Available 99.9% of each month.]\ncomponents: { data: Sales rows. }\n';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** Runs `assay examine` on a workspace of these files; its output and the URLs of the modules it loaded. */
function examine(files: Record<string, string>): { status: number | null; stdout: string; stderr: string; loaded: string[] } {
  dir = mkdtempSync(join(tmpdir(), 'assay-examine-start-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const record = join(dir, 'loaded.txt');
  writeFileSync(record, '');
  const result = spawnSync(process.execPath, ['--import', recorder, join(root, 'bin/assay.js'), 'examine', join(dir, 'ws'), '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, RECORD_MODULES_TO: record },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, loaded: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
}

const zod = (loaded: readonly string[]) => loaded.filter((url) => url.includes('/node_modules/zod/'));

describe('assay examine at start-up', () => {
  it('loads no zod for a valid workspace, its description included', () => {
    const run = examine({ 'ws/assay.yaml': ASSAY, 'ws/controls/ac-01.yaml': CONTROL, 'ws/tests/ac-01.yaml': TEST, 'ws/description.yaml': DESCRIPTION });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('descriptionWarnings');
    // The record is of the command's own modules, so an empty list of zod's is not a silent recorder.
    expect(run.loaded.some((url) => url.endsWith('/dist/workspace/load.js'))).toBe(true);
    expect(zod(run.loaded)).toEqual([]);
  });

  it('loads zod to word what the plain judges refuse, with the schemas\' messages', () => {
    const run = examine({
      'ws/assay.yaml': ASSAY.replace('0.9', '1.5'),
      'ws/controls/ac-01.yaml': `${CONTROL}colour: blue\n`,
      'ws/tests/ac-01.yaml': TEST,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('assay.yaml:4: sampling.confidence: too big: expected number to be <1 (got 1.5)');
    expect(run.stderr).toContain('controls/ac-01.yaml:7: unknown field "colour"');
    expect(zod(run.loaded)).not.toEqual([]);
  });

  it('loads zod to word a description the plain judge refuses', () => {
    const run = examine({
      'ws/assay.yaml': ASSAY,
      'ws/controls/ac-01.yaml': CONTROL,
      'ws/tests/ac-01.yaml': TEST,
      'ws/description.yaml': `${DESCRIPTION}incidents: [{ text: Outage, date: 2026-02-30 }]\n`,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('description.yaml:4: incidents[0].date: must be a real date written YYYY-MM-DD');
    expect(zod(run.loaded)).not.toEqual([]);
  });
});
