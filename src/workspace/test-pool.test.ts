/**
 * Test files judged on their own in worker threads (test-file.ts, test-pool.ts) load to exactly what one thread
 * loads: the same Examination, or the same problems in the same order with the same `file:line`.
 */
import { join } from 'node:path';
import { fc, test as prop } from '@fast-check/vitest';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Examination } from '../domain/index.js';
import { loadWorkspace } from './load.js';
import { judgeTestFile, packTest, unpackTest } from './test-file.js';
import { VALID_ASSAY, writeWorkspace } from './testing.js';
import { createWorkspaceValidator } from './validate.js';
import { parseYaml } from './yaml-source.js';

const CONTROLS = ['AC-1', 'AC-2', 'AC-3'];
const controlFile = (id: string) => `id: ${id}\ntitle: Control ${id}\ncriteria: [CC6.2]\nfrequency: event\nnature: manual\n`;

/** Mostly what a test file takes, now and then a value or a line that some rule refuses. */
const row = fc.record(
  {
    item: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'T-6') }, fc.constantFrom(7, '', ' T-1', null)),
    result: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('pass', 'fail') }, fc.constantFrom('maybe', 1)),
    note: fc.constantFrom('late', '', 3),
  },
  { requiredKeys: ['item', 'result'] },
);
const testFile = fc.record(
  {
    control: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...CONTROLS) }, fc.constantFrom('AC-9', ' AC-1', 4)),
    method: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('inspection', 'reperformance') }, fc.constant('guess')),
    populationSize: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(10, 400) }, fc.constantFrom(-1, 1.5, 'ten', 2)),
    samples: fc.array(row, { maxLength: 6 }),
    scopeLimitation: fc.constantFrom('records lost', ''),
    check: fc.constantFrom('chk-1'),
    extra: fc.constant(1),
  },
  { requiredKeys: ['control', 'method'] },
);
/** The file as a person might write it: mostly plain, at times a form only the positional parser reads, or broken. */
const testText = fc.tuple(testFile, fc.constantFrom('plain', 'plain', 'plain', 'anchor', 'flow', 'broken')).map(([file, form]) => {
  if (form === 'flow') return `${JSON.stringify(file)}\n`;
  const text = stringify(file);
  if (form === 'anchor') return text.replace(/^control: (.*)$/m, 'control: &c $1');
  return form === 'broken' ? `${text}samples: [\n` : text;
});

/** What one thread makes of the files, or the problems it lists. */
function outcome(judge: (validator: ReturnType<typeof createWorkspaceValidator>, file: string, text: string) => void, tests: readonly string[]): Examination | string[] {
  const validator = createWorkspaceValidator();
  validator.assay(parseYaml('assay.yaml', VALID_ASSAY), 'assay.yaml');
  for (const id of CONTROLS) validator.control(parseYaml(`controls/${id}.yaml`, controlFile(id)));
  tests.forEach((text, i) => judge(validator, `tests/t-${i}.yaml`, text));
  try {
    return validator.finish();
  } catch (error) {
    return (error as { issues: { location: string; message: string }[] }).issues.map((i) => `${i.location}: ${i.message}`);
  }
}

describe('test files judged on their own', () => {
  prop.prop([fc.array(testText, { maxLength: 6 })], { numRuns: 200 })('give what the validator gives them whole, through the columns that cross between threads', (tests) => {
    const whole = outcome((validator, file, text) => validator.test(parseYaml(file, text)), tests);
    const apart = outcome((validator, file, text) => {
      const judged = judgeTestFile(parseYaml(file, text));
      if (judged) validator.judgedTest(unpackTest(structuredClone(packTest(judged))));
      else validator.test(parseYaml(file, text));
    }, tests);
    expect(apart).toEqual(whole);
  });
});

describe('the worker threads', () => {
  const inThreads = (dir: string) => loadWorkspace(dir, { testPool: { from: 0, workers: 2 } }).catch((error: unknown) => error);
  const inOne = (dir: string) => loadWorkspace(dir, { testPool: { from: Infinity } }).catch((error: unknown) => error);

  it('load a valid workspace, its checks and checked tests included, as one thread does', async () => {
    const acme = join(import.meta.dirname, '../../examples/acme');
    const loaded = await inThreads(acme);
    expect((loaded as Examination).tests.length).toBeGreaterThan(40);
    expect(loaded).toEqual(await inOne(acme));
  });

  it('list the problems of files across many chunks in the same order, at the same lines', async () => {
    const files: Record<string, string> = { 'assay.yaml': VALID_ASSAY };
    for (let i = 0; i < 90; i++) {
      const id = `C-${String(i).padStart(3, '0')}`;
      files[`controls/${id}.yaml`] = controlFile(id);
      files[`tests/${id}.yaml`] = `control: ${id}\nmethod: inspection\npopulationSize: 10\nsamples:\n  - item: T-1\n    result: pass\n`;
    }
    Object.assign(files, {
      'tests/C-005.yaml': 'control: C-005\nmethod: inspection\nsamples:\n  - item: T-1\n    result: maybe\n',
      'tests/C-040.yaml': 'control: C-040\nmethod: inspection\npopulationSize: 10\nsamples:\n  - item: T-1\n    result: pass\n  - item: T-1\n    result: fail\n',
      'tests/C-041.yaml': 'control: C-999\nmethod: inspection\n',
      'tests/C-042-again.yaml': 'control: C-042\nmethod: inspection\n',
      'tests/C-070.yaml': 'control: C-070\nmethod: [inspection\n',
      'tests/C-071.yaml': '- not a mapping\n',
      'tests/C-072.yaml': 'control: &c C-072\nmethod: reperformance\ncheck: chk-1\npopulationSize: 3\n',
    });
    const dir = await writeWorkspace(files);
    const threads = await inThreads(dir);
    expect((threads as { issues: unknown[] }).issues.length).toBeGreaterThanOrEqual(7);
    expect(threads).toEqual(await inOne(dir));
    expect((threads as { issues: unknown[] }).issues).toEqual((await inOne(dir) as { issues: unknown[] }).issues);
  });
});
