/**
 * The workspace loader under mutated input: thousands of workspaces made from examples/acme by flipping bytes,
 * truncating, duplicating and deleting lines, putting values of the wrong type or huge numbers in place of
 * others, and planting alias bombs. Whatever the input, loading ends in a result or in a ValidationError whose
 * every issue is located `file:line`; any other exception is a bug (the CLI would print "unexpected error").
 *
 * The seed is fixed so a failure reproduces; `ASSAY_FUZZ_RUNS` runs more (e.g. 100000 before a release).
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/index.js';
import { parseFindings, type FindingsFiles } from './findings.js';
import { listYamlTree } from './list.js';
import { loadWorkspace, readWorkspaceFiles, type WorkspaceFile, type WorkspaceFiles } from './load.js';
import { parseWorkspace } from './validate.js';
import { renderWorkspace } from './write.js';

const ACME = join(import.meta.dirname, '../../examples/acme');
/**
 * The controls (and their tests) each run loads: those the findings name, the one that compensates another, and
 * a few more. Loading all 48 every run would spend the time budget re-reading files no mutation touched.
 */
const CONTROLS = new Set(['ac-04', 'ac-06', 'ac-07', 'cm-01', 'hr-01', 'ops-01']);
const SEED = 20261126;
const RUNS = Number(process.env.ASSAY_FUZZ_RUNS ?? 2000);

/** Values that are the wrong type somewhere, or extreme where a number is expected. */
const ODD_VALUES = [
  '[]',
  '{}',
  '~',
  'null',
  'true',
  '-1',
  '0',
  '1e999',
  '-1e999',
  '.nan',
  '99999999999999999999999999999',
  '0x7fffffffffffffff',
  '"text"',
  "''",
  '[CC6.2, [nested]]',
  '{ a: 1 }',
  '2026-13-45',
  '!!binary aGVsbG8=',
  '!!set { a, b }',
  '!!omap [ a: 1 ]',
  '!custom tag',
  '*undefined',
  '&anchor value',
  '<<: { x: 1 }',
  '|\n  block text',
];

const ALIAS_BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
].join('\n');

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'delete-line'; line: number }
  | { kind: 'wrong-type'; line: number; value: string }
  | { kind: 'huge-number'; digits: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'alias-bomb'; replace: boolean };

const unit = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: unit, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: unit }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: unit }),
  fc.record({ kind: fc.constant('delete-line' as const), line: unit }),
  fc.record({ kind: fc.constant('wrong-type' as const), line: unit, value: fc.constantFrom(...ODD_VALUES) }),
  fc.record({ kind: fc.constant('huge-number' as const), digits: fc.stringMatching(/^-?[1-9][0-9]{15,40}(\.[0-9]{1,5})?(e[0-9]{1,4})?$/) }),
  fc.record({ kind: fc.constant('insert' as const), at: unit, text: fc.string({ maxLength: 12, unit: 'binary' }) }),
  fc.record({ kind: fc.constant('alias-bomb' as const), replace: fc.boolean() }),
);

function lineIndex(lines: readonly string[], at: number): number {
  return Math.floor(at * lines.length);
}

/** The text with one mutation applied (positions are fractions of the text, so any text takes any mutation). */
function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  switch (m.kind) {
    case 'flip': {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      const i = Math.floor(m.at * bytes.length);
      bytes[i] = (bytes[i] as number) ^ (1 << m.bit);
      return bytes.toString('utf8');
    }
    case 'truncate':
      return text.slice(0, Math.floor(m.at * text.length));
    case 'duplicate-line': {
      const i = lineIndex(lines, m.line);
      return [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n');
    }
    case 'delete-line': {
      const i = lineIndex(lines, m.line);
      return [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
    }
    case 'wrong-type': {
      // The value of a `key: value` line (or of a list item) becomes the odd value.
      const i = lineIndex(lines, m.line);
      lines[i] = (lines[i] as string).replace(/^(\s*(?:-\s+)?[\w-]+:\s*|\s*-\s+).*$/, `$1${m.value}`);
      return lines.join('\n');
    }
    case 'huge-number':
      return text.replace(/\b\d+(\.\d+)?\b/, m.digits);
    case 'insert': {
      const i = Math.floor(m.at * text.length);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'alias-bomb':
      return m.replace ? ALIAS_BOMB : `${text}\n${ALIAS_BOMB.replace(/^a:/m, 'zz:')}\n`;
  }
}

interface Acme {
  workspace: WorkspaceFiles;
  findings: FindingsFiles;
}

/**
 * The chosen files of examples/acme. A test that stands on a monitoring check is replaced by the samples its
 * check gives (the in-memory loader runs no check, and the findings name those samples).
 */
async function readAcme(): Promise<Acme> {
  const all = await readWorkspaceFiles(ACME);
  const examined = new Map(renderWorkspace(await loadWorkspace(ACME)).map((f) => [join(ACME, f.path), f.text]));
  const standsOnCheck = (f: WorkspaceFile) => /^check:/m.test(f.text);
  const chosen = (f: WorkspaceFile) => CONTROLS.has(basename(f.file).replace(/\.ya?ml$/, ''));
  const tests = all.tests.filter(chosen).map((f) => (standsOnCheck(f) ? { file: f.file, text: examined.get(f.file) as string } : f));
  const workspace = { ...all, controls: all.controls.filter(chosen), tests };
  const read = async (sub: string) =>
    Promise.all((await listYamlTree(ACME, sub)).map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
  return { workspace, findings: { rootCauses: await read('root-causes'), findings: await read('findings') } };
}

/** Every file of the workspace in one list, so a mutation can pick any of them by index. */
function filesOf(acme: Acme): WorkspaceFile[] {
  const { workspace, findings } = acme;
  return [...(workspace.assay ? [workspace.assay] : []), ...workspace.controls, ...workspace.tests, ...findings.rootCauses, ...findings.findings];
}

function withMutations(acme: Acme, changes: readonly { file: number; mutations: readonly Mutation[] }[]): Acme {
  const all = filesOf(acme);
  const changed = new Map<WorkspaceFile, WorkspaceFile>();
  for (const { file, mutations } of changes) {
    const original = all[file % all.length] as WorkspaceFile;
    const current = changed.get(original) ?? original;
    changed.set(original, { file: current.file, text: mutations.reduce(mutate, current.text) });
  }
  const swap = (f: WorkspaceFile) => changed.get(f) ?? f;
  const { workspace, findings } = acme;
  return {
    workspace: { ...workspace, assay: workspace.assay && swap(workspace.assay), controls: workspace.controls.map(swap), tests: workspace.tests.map(swap) },
    findings: { rootCauses: findings.rootCauses.map(swap), findings: findings.findings.map(swap) },
  };
}

/** What loading does: a result, or the located issues of a ValidationError; anything else is thrown on. */
function load(acme: Acme): 'loaded' | ValidationError {
  try {
    const examination = parseWorkspace(acme.workspace);
    parseFindings(acme.findings, examination);
    return 'loaded';
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
}

describe('the workspace loader under mutated input', () => {
  it(`ends every one of ${RUNS} mutated workspaces in a result or located issues`, { timeout: Math.max(120_000, RUNS * 50) }, async () => {
    const acme = await readAcme();
    expect(acme.workspace.tests).toHaveLength(CONTROLS.size);
    expect(load(acme)).toBe('loaded');
    const names = new Set(filesOf(acme).map((f) => f.file));
    const outcomes = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.record({ file: fc.nat(), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
        (changes) => {
          const outcome = load(withMutations(acme, changes));
          if (outcome === 'loaded') {
            outcomes.loaded += 1;
            return;
          }
          outcomes.refused += 1;
          expect(outcome.issues.length).toBeGreaterThan(0);
          for (const issue of outcome.issues) {
            const match = /^(.+):(\d+)$/.exec(issue.location);
            expect(match, `"${issue.location}: ${issue.message}" is not located file:line`).not.toBeNull();
            expect(names.has(match?.[1] as string), `${issue.location} names no file of the workspace`).toBe(true);
            expect(Number(match?.[2])).toBeGreaterThan(0);
            expect(issue.message.trim()).not.toBe('');
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // Both outcomes happen: the mutations neither always break the workspace nor never do.
    expect(outcomes.loaded).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(RUNS / 2);
    console.log(`workspace fuzz: ${RUNS} runs, ${outcomes.loaded} loaded, ${outcomes.refused} refused with located issues`);
  });

  it('mutates as each kind says', () => {
    expect(mutate('a: 1\nb: 2\n', { kind: 'delete-line', line: 0 })).toBe('b: 2\n');
    expect(mutate('a: 1\nb: 2\n', { kind: 'duplicate-line', line: 0.5 })).toBe('a: 1\nb: 2\nb: 2\n');
    expect(mutate('a: 1\nb: 2\n', { kind: 'wrong-type', line: 0, value: '[]' })).toBe('a: []\nb: 2\n');
    expect(mutate('  - CC6.2\n', { kind: 'wrong-type', line: 0, value: '{}' })).toBe('  - {}\n');
    expect(mutate('size: 42\n', { kind: 'huge-number', digits: '1e999' })).toBe('size: 1e999\n');
    expect(mutate('abcd', { kind: 'truncate', at: 0.5 })).toBe('ab');
    expect(mutate('a', { kind: 'flip', at: 0, bit: 0 })).toBe('`');
  });
});
