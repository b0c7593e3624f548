import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/index.js';
import { loadWorkspace } from './load.js';
import { VALID_ASSAY, VALID_CONTROL, VALID_TEST, writeWorkspace } from './testing.js';

/** Loads a workspace that must be refused and returns its messages with the folder stripped. */
async function refusal(files: Record<string, string>): Promise<string[]> {
  const dir = await writeWorkspace(files);
  const error = await loadWorkspace(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => `${i.location.replace(`${dir}/`, '')}: ${i.message}`);
}

describe('loading a workspace', () => {
  it('builds the examination with the format defaults', async () => {
    const dir = await writeWorkspace({
      'assay.yaml': VALID_ASSAY,
      'controls/ac-04.yaml': VALID_CONTROL,
      'tests/ac-04.yaml': VALID_TEST,
    });
    const examination = await loadWorkspace(dir);
    expect(examination.engagement).toMatchObject({
      reportType: 'type2',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      categories: ['security'],
      sampling: { confidence: 0.9, tolerableRate: 0.1 },
      pervasiveness: { minSeries: 3, minShare: 0.25 },
      misstatements: [],
      notApplicable: [],
    });
    expect(examination.controls).toEqual([
      {
        id: 'AC-04',
        title: 'Terminated users are deprovisioned within one business day',
        criteria: ['CC6.2'],
        frequency: 'event',
        nature: 'manual',
        key: true,
        design: 'effective',
        compensates: [],
        owner: null,
      },
    ]);
    expect(examination.tests[0]?.samples[4]).toEqual({ item: 'T-5', result: 'fail', note: 'Removed 9 days late' });
  });

  it('reads controls in nested folders and .yml files', async () => {
    const dir = await writeWorkspace({
      'assay.yaml': VALID_ASSAY,
      'controls/access/ac-04.yml': VALID_CONTROL,
      'controls/change/cm-01.yaml': VALID_CONTROL.replace('AC-04', 'CM-01').replace('CC6.2', 'CC8.1'),
    });
    const examination = await loadWorkspace(dir);
    expect(examination.controls.map((c) => c.id).sort()).toEqual(['AC-04', 'CM-01']);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(loadWorkspace('/nonexistent/assay-workspace')).rejects.toThrow(/not a folder/);
  });

  it('refuses a workspace without assay.yaml', async () => {
    expect(await refusal({ 'controls/ac-04.yaml': VALID_CONTROL })).toEqual([
      'assay.yaml:1: file not found: every workspace needs an assay.yaml',
    ]);
  });

  it('names the line of malformed YAML', async () => {
    expect(await refusal({ 'assay.yaml': VALID_ASSAY, 'controls/bad.yaml': 'id: AC-01\ntitle: [unclosed\n' })).toEqual([
      expect.stringMatching(/^controls\/bad\.yaml:[23]: malformed YAML: /),
    ]);
  });

  it('refuses an alias bomb (nested anchors) at the line of its first alias, without expanding it', async () => {
    const bomb = [
      'id: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '',
    ].join('\n');
    expect(await refusal({ 'assay.yaml': VALID_ASSAY, 'controls/bomb.yaml': bomb })).toEqual([
      'controls/bomb.yaml:2: malformed YAML: its aliases (*name) expand to more than 100 copies of anchored values (an "alias bomb"): write the values out instead',
    ]);
  });

  it('refuses an unknown criterion at its line', async () => {
    const control = VALID_CONTROL.replace('[CC6.2]', '\n  - CC6.2\n  - CC6.12');
    expect(await refusal({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': control })).toEqual([
      'controls/ac-04.yaml:5: unknown criterion "CC6.12"',
    ]);
  });

  it('refuses a duplicate control id, naming both files', async () => {
    expect(
      await refusal({
        'assay.yaml': VALID_ASSAY,
        'controls/a.yaml': VALID_CONTROL,
        'controls/b.yaml': `# copy\n${VALID_CONTROL}`,
      }),
    ).toEqual([expect.stringMatching(/^controls\/b\.yaml:2: duplicate control id "AC-04" \(also in .*controls\/a\.yaml:1\)$/)]);
  });

  it('refuses a test of an unknown control and a second test of one control', async () => {
    expect(
      await refusal({
        'assay.yaml': VALID_ASSAY,
        'controls/ac-04.yaml': VALID_CONTROL,
        'tests/a.yaml': VALID_TEST,
        'tests/b.yaml': VALID_TEST,
        'tests/c.yaml': VALID_TEST.replace('AC-04', 'AC-99'),
      }),
    ).toEqual([
      expect.stringMatching(/^tests\/b\.yaml:1: a second test of control "AC-04" \(the first is .*tests\/a\.yaml:1\)$/),
      'tests/c.yaml:1: test of an unknown control "AC-99"',
    ]);
  });

  it('refuses a bad enum with the allowed values', async () => {
    expect(
      await refusal({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL.replace('frequency: event', 'frequency: fortnightly') }),
    ).toEqual([
      'controls/ac-04.yaml:4: frequency: must be one of annual, semiannual, quarterly, monthly, weekly, daily, multiple-daily, event, automated (got "fortnightly")',
    ]);
  });

  it('refuses a bad sample result inside a test', async () => {
    expect(
      await refusal({
        'assay.yaml': VALID_ASSAY,
        'controls/ac-04.yaml': VALID_CONTROL,
        'tests/ac-04.yaml': VALID_TEST.replace('{ item: T-2, result: pass }', '{ item: T-2, result: passed }'),
      }),
    ).toEqual(['tests/ac-04.yaml:6: samples[1].result: must be one of pass, fail (got "passed")']);
  });

  it('refuses malformed and impossible dates', async () => {
    const assay = VALID_ASSAY.replace('2026-01-01', '2026-13-01').replace('2026-06-30', '2026-02-30');
    expect(await refusal({ 'assay.yaml': assay })).toEqual([
      'assay.yaml:5: report.periodStart: must be a real date written YYYY-MM-DD (got "2026-13-01")',
      'assay.yaml:6: report.periodEnd: must be a real date written YYYY-MM-DD (got "2026-02-30")',
    ]);
    expect(await refusal({ 'assay.yaml': VALID_ASSAY.replace('2026-06-30', 'June 2026') })).toEqual([
      'assay.yaml:6: report.periodEnd: must be a real date written YYYY-MM-DD (got "June 2026")',
    ]);
  });

  it('refuses a period that ends before it starts', async () => {
    expect(await refusal({ 'assay.yaml': VALID_ASSAY.replace('2026-06-30', '2025-12-31') })).toEqual([
      'assay.yaml:5: the period starts (2026-01-01) after it ends (2025-12-31)',
    ]);
  });

  it('refuses a type2 without a period start', async () => {
    expect(await refusal({ 'assay.yaml': VALID_ASSAY.replace('  periodStart: 2026-01-01\n', '') })).toEqual([
      'assay.yaml:3: a type2 report needs report.periodStart (the start of the period)',
    ]);
  });

  it('accepts a type1 without a period start', async () => {
    const dir = await writeWorkspace({
      'assay.yaml': VALID_ASSAY.replace('type: type2', 'type: type1').replace('  periodStart: 2026-01-01\n', ''),
    });
    expect((await loadWorkspace(dir)).engagement).toMatchObject({ reportType: 'type1', periodStart: null });
  });

  it('refuses a missing field at the mapping that lacks it', async () => {
    expect(await refusal({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL.replace('nature: manual\n', '') })).toEqual([
      'controls/ac-04.yaml:1: nature: is required',
    ]);
  });

  it('refuses unknown fields at their key', async () => {
    expect(
      await refusal({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': `${VALID_CONTROL}critera: [CC6.3]\n` }),
    ).toEqual(['controls/ac-04.yaml:6: unknown field "critera"']);
  });

  it('refuses a not-applicable criterion that is unknown or outside the categories', async () => {
    const assay = `${VALID_ASSAY}notApplicable:\n  CC6.4: Carved out\n  A1.2: Not chosen\n  CC9.9: Typo\n`;
    expect(await refusal({ 'assay.yaml': assay })).toEqual([
      'assay.yaml:10: criterion "A1.2" is not in the chosen categories',
      'assay.yaml:11: unknown criterion "CC9.9"',
    ]);
  });

  it('refuses compensating links to unknown controls or to the control itself', async () => {
    const control = `${VALID_CONTROL}compensates: [AC-04, ZZ-01]\n`;
    expect(await refusal({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': control })).toEqual([
      'controls/ac-04.yaml:6: a control cannot compensate itself ("AC-04")',
      'controls/ac-04.yaml:6: compensates an unknown control "ZZ-01"',
    ]);
  });

  it('takes any owner up to the limit, an email or not', async () => {
    const dir = await writeWorkspace({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': `${VALID_CONTROL}owner: IT operations\n` });
    expect((await loadWorkspace(dir)).controls[0]?.owner).toBe('IT operations');
    expect(await refusal({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': `${VALID_CONTROL}owner: ${'x'.repeat(321)}\n` })).toEqual([
      expect.stringMatching(/^controls\/ac-04\.yaml:6: owner: too big/i),
    ]);
  });

  it('refuses more samples than the population, duplicate items and a missing population', async () => {
    const test = VALID_TEST.replace('populationSize: 10', 'populationSize: 4').replace('item: T-2', 'item: T-1');
    expect(await refusal({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL, 'tests/ac-04.yaml': test })).toEqual([
      'tests/ac-04.yaml:3: 5 samples tested from a population of only 4',
      expect.stringMatching(/^tests\/ac-04\.yaml:6: sample item "T-1" appears twice \(first at .*tests\/ac-04\.yaml:5\)$/),
    ]);
    const noPopulation = VALID_TEST.replace('populationSize: 10\n', '');
    expect(
      await refusal({ 'assay.yaml': VALID_ASSAY, 'controls/ac-04.yaml': VALID_CONTROL, 'tests/ac-04.yaml': noPopulation }),
    ).toEqual(['tests/ac-04.yaml:1: the population size is required, or a scope limitation saying why the population could not be produced']);
  });

  it('reports every problem of every file at once, in file and line order', async () => {
    const messages = await refusal({
      'assay.yaml': VALID_ASSAY.replace('type: type2', 'type: type3'),
      'controls/ac-04.yaml': VALID_CONTROL.replace('CC6.2', 'CC0.1'),
      'tests/ac-04.yaml': VALID_TEST.replace('method: inspection', 'method: guessing'),
    });
    expect(messages).toEqual([
      'assay.yaml:4: report.type: must be one of type1, type2 (got "type3")',
      'controls/ac-04.yaml:3: unknown criterion "CC0.1"',
      'tests/ac-04.yaml:2: method: must be one of inquiry, observation, inspection, reperformance (got "guessing")',
    ]);
  });

  it('loads the demo workspace', async () => {
    const examination = await loadWorkspace(join(import.meta.dirname, '../../examples/acme'));
    expect(examination.controls.length).toBeGreaterThanOrEqual(40);
    expect(examination.tests.length).toBe(examination.controls.length);
  });
});
