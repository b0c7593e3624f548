/**
 * The plain judges word a refused file only once zod is loaded (validator.ts): the problems they give, after
 * `settle`, are those of the validator that judges with zod at once, in the same order, whether zod arrives before
 * the next file or after the last.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Examination } from '../domain/index.js';
import { VALID_ASSAY } from './testing.js';
import { createWorkspaceValidator } from './validate.js';
import { createValidator, plainJudge, type WorkspaceValidator } from './validator.js';
import { parseYaml } from './yaml-source.js';

const IDS = ['AC-1', 'AC-2', 'AC-3', 'AC-4'];

/** Mostly a valid value, at times one the schema refuses, so that refused files come both alone and in runs. */
const often = <T, U>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<U>) => fc.oneof({ weight: 7, arbitrary: valid }, { weight: 1, arbitrary: wrong });

const control = fc.record({
  id: often(fc.constantFrom(...IDS), fc.constantFrom('', 4, 'AC-1')),
  title: often(fc.constant('A control'), fc.constant(' ')),
  criteria: often(fc.constant(['CC6.1']), fc.constantFrom([], ['CC99.1'], 'CC6.1')),
  frequency: often(fc.constant('daily'), fc.constant('hourly')),
  nature: fc.constant('manual'),
  compensates: often(fc.constant([]), fc.constantFrom(['AC-9'], [3])),
  owner: often(fc.constant('it@acme.example'), fc.constant('o'.repeat(400))),
});
const test = fc.record({
  control: often(fc.constantFrom(...IDS), fc.constantFrom('AC-9', 4)),
  method: often(fc.constant('inspection'), fc.constant('guess')),
  populationSize: often(fc.constant(10), fc.constantFrom(-1, 'ten')),
  samples: fc.array(fc.record({ item: often(fc.constant('S-1'), fc.constant('')), result: often(fc.constant('pass'), fc.constant('maybe')) }), { maxLength: 3 }),
});
const assay = often(fc.constant(VALID_ASSAY), fc.constantFrom(`${VALID_ASSAY}colour: blue\n`, VALID_ASSAY.replace('type2', 'type3')));
/** A workspace's files, and after which of them zod arrives (awaited) for the plain judges. */
const workspace = fc.record({ assay, controls: fc.array(control, { maxLength: 5 }), tests: fc.array(test, { maxLength: 5 }), waits: fc.array(fc.boolean(), { maxLength: 11 }) });

type Files = { assay: string; controls: object[]; tests: object[] };

/** Gives the validator the files in the loader's order, calling `between` after each. */
async function feed(validator: WorkspaceValidator, files: Files, between: (index: number) => Promise<void> | void): Promise<void> {
  const steps: (() => void)[] = [
    () => validator.assay(parseYaml('assay.yaml', files.assay), 'assay.yaml'),
    ...files.controls.map((c, i) => () => validator.control(parseYaml(`controls/c-${i}.yaml`, stringify(c)))),
    ...files.tests.map((t, i) => () => validator.test(parseYaml(`tests/t-${i}.yaml`, stringify(t)))),
  ];
  for (const [i, step] of steps.entries()) {
    step();
    await between(i);
  }
}

/** What the validator makes of the files: the Examination, or the problems it lists. */
function outcome(validator: WorkspaceValidator): Examination | string[] {
  try {
    return validator.finish();
  } catch (error) {
    return (error as { issues: { location: string; message: string }[] }).issues.map((i) => `${i.location}: ${i.message}`);
  }
}

/** A few turns of the event loop, in which the import of zod can complete. */
async function turns(): Promise<void> {
  for (let n = 0; n < 20; n++) await new Promise((resolve) => setImmediate(resolve));
}

describe('the plain judges', () => {
  prop.prop([workspace], { numRuns: 300 })('give what zod gives at once, in the same order, wherever zod arrives', async ({ waits, ...files }) => {
    const atOnce = createWorkspaceValidator();
    await feed(atOnce, files, () => {});
    const judge = plainJudge();
    const plain = createValidator(judge);
    await feed(plain, files, async (i) => {
      if (waits[i]) await turns();
    });
    await judge.settle();
    expect(outcome(plain)).toEqual(outcome(atOnce));
  });

  it('is not vacuous: the workspaces are often refused, in several files, and at times loaded', async () => {
    const outcomes: (Examination | string[])[] = [];
    for (const files of fc.sample(workspace, { numRuns: 300, seed: 3 })) {
      const validator = createWorkspaceValidator();
      await feed(validator, files, () => {});
      outcomes.push(outcome(validator));
    }
    expect(outcomes.filter((o) => Array.isArray(o) && new Set(o.map((line) => line.split(':')[0])).size > 2).length).toBeGreaterThan(50);
    // Loaded rarely: ids and the tests' controls are drawn from a few, so files often clash across the workspace.
    expect(outcomes.filter((o) => !Array.isArray(o)).length).toBeGreaterThan(5);
  });
});
