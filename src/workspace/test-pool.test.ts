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

const CONTROLS = ['AC-1', 'AC-2', 'AC-3', 'AC-4', 'AC-5', 'AC-6'];
const controlFile = (id: string) => `id: ${id}\ntitle: Control ${id}\ncriteria: [CC6.2]\nfrequency: event\nnature: manual\n`;

/** Mostly the value a field takes, rarely one that some rule refuses, so that whole workspaces load often enough. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<U>) => fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: wrong });
/** A field left out, mostly, or given. */
const rarely = <T,>(given: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: given });

const row = fc.record({
  item: mostly(fc.stringMatching(/^T-[0-9]{1,3}$/), fc.constantFrom(7, '', ' T-1', null)),
  result: mostly(fc.constantFrom('pass', 'fail'), fc.constantFrom('maybe', 1)),
  note: fc.oneof(fc.constant(undefined), mostly(fc.constantFrom('late', 'approved by "ops"', 'line one\nline two'), fc.constantFrom('', 3))),
});
const body = fc.record({
  method: mostly(fc.constantFrom('inspection', 'reperformance'), fc.constant('guess')),
  populationSize: mostly(fc.constant(400), fc.constantFrom(undefined, -1, 1.5, 'ten', 2)),
  samples: fc.array(row, { maxLength: 8 }),
  scopeLimitation: rarely(fc.constantFrom('records lost', '')),
  check: rarely(fc.constant('chk-1')),
  extra: rarely(fc.constant(1)),
});
/** Test files of distinct controls, now and then one of an unknown control or of one tested already. */
const testFiles = fc
  .tuple(fc.shuffledSubarray(CONTROLS), fc.array(body, { maxLength: CONTROLS.length }), fc.array(mostly(fc.constant(null), fc.constantFrom('AC-9', ' AC-1', 4, 'AC-2'))))
  .map(([controls, bodies, odd]) => bodies.slice(0, controls.length).map((b, i) => ({ control: odd[i] ?? controls[i], ...b })));
/** The file as a person might write it: mostly plain, at times a form only the positional parser reads, or broken. */
const testTexts = fc.tuple(testFiles, fc.array(mostly(fc.constantFrom('plain', 'flow'), fc.constantFrom('anchor', 'broken')))).map(([files, forms]) =>
  files.map((file, i) => {
    const form = forms[i] ?? 'plain';
    if (form === 'flow') return `${JSON.stringify(file)}\n`;
    const text = stringify(file);
    if (form === 'anchor') return text.replace(/^control: (.*)$/m, 'control: &c $1');
    return form === 'broken' ? `${text}samples: [\n` : text;
  }),
);

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
  prop.prop([testTexts], { numRuns: 200 })('give what the validator gives them whole, through the columns that cross between threads', (tests) => {
    const whole = outcome((validator, file, text) => validator.test(parseYaml(file, text)), tests);
    const apart = outcome((validator, file, text) => {
      const judged = judgeTestFile(parseYaml(file, text));
      if (judged) validator.judgedTest(unpackTest(structuredClone(packTest(judged))));
      else validator.test(parseYaml(file, text));
    }, tests);
    expect(apart).toEqual(whole);
  });

  it('loads whole workspaces often enough for the values to be compared', () => {
    const loaded = fc.sample(testTexts, { numRuns: 200, seed: 1 }).map((tests) => outcome((validator, file, text) => validator.test(parseYaml(file, text)), tests));
    expect(loaded.filter((o) => !Array.isArray(o) && o.tests.some((t) => t.samples.some((s) => s.note !== null))).length).toBeGreaterThan(20);
  });
});

describe('the worker threads', () => {
  const inThreads = (dir: string) => loadWorkspace(dir, { testPool: { from: 0, workers: 2 } }).catch((error: unknown) => error);
  const inOne = (dir: string) => loadWorkspace(dir, { testPool: { from: Infinity } }).catch((error: unknown) => error);

  it('load a valid workspace, its checks and checked tests included, as one thread does', async () => {
    const acme = join(import.meta.dirname, '../../examples/acme');
    const loaded = await inThreads(acme);
    expect((loaded as Examination).tests.length).toBeGreaterThan(20);
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
